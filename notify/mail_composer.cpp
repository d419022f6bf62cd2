#include "notify/mail_composer.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <random>

#include "core/stockholm_time.hpp"
#include "notify/mail_address.hpp"
#include "notify/mail_encoding.hpp"

namespace gdprd::notify {

namespace {

// Message-IDs from report data are echoed in In-Reply-To/References: only
// printable ASCII without space and angle brackets passes, else it is dropped.
std::optional<std::string> clean_message_id(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '\t')) id.remove_suffix(1);
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  if (id.empty() || id.size() > 250) return std::nullopt;
  for (char c : id) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\') return std::nullopt;
  }
  return std::string(id);
}

// RFC 5322 date in Stockholm time: "Wed, 20 May 2026 16:39:00 +0200".
std::string rfc5322_date(TimePoint t) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto local = stockholm::to_local(t);
  int offset = stockholm::offset_minutes_at(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +%02d%02d",
                kDays[stockholm::weekday(local.year, local.month, local.day)], local.day, kMonths[local.month - 1],
                local.year, local.hour, local.minute, local.second, offset / 60, offset % 60);
  return buf;
}

std::string address_list(const std::vector<std::string>& addresses) {
  std::string out;
  for (const auto& a : addresses) {
    if (!out.empty()) out += ",\r\n ";
    out += a;
  }
  return out;
}

std::string random_hex64() {
  static std::mutex mutex;
  static std::mt19937_64 engine{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  std::lock_guard lock(mutex);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(engine()));
  return buf;
}

}  // namespace

MailComposer::MailComposer(std::string message_id_domain) : domain_(std::move(message_id_domain)) {
  if (!is_valid_address("x@" + domain_)) domain_ = "invalid.invalid";
}

std::string MailComposer::new_message_id() const {
  static std::atomic<uint64_t> counter{0};
  auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                 std::chrono::steady_clock::now().time_since_epoch())
                 .count();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%llx.%llx.", static_cast<unsigned long long>(now),
                static_cast<unsigned long long>(counter.fetch_add(1)));
  return std::string(buf) + random_hex64() + "@" + domain_;
}

ComposeResult MailComposer::compose(const OutgoingMail& mail) const {
  if (!is_valid_address(mail.from)) return {std::nullopt, "invalid From address"};
  if (mail.to.empty()) return {std::nullopt, "no recipient"};
  for (const auto& a : mail.to)
    if (!is_valid_address(a)) return {std::nullopt, "invalid To address"};
  for (const auto& a : mail.cc)
    if (!is_valid_address(a)) return {std::nullopt, "invalid Cc address"};

  ComposedMail out;
  out.message_id = new_message_id();
  std::string& m = out.bytes;
  m += "Date: " + rfc5322_date(mail.date) + "\r\n";
  std::string name = encode_phrase(mail.from_name);
  m += "From: " + (name.empty() ? mail.from : name + " <" + mail.from + ">") + "\r\n";
  m += "To: " + address_list(mail.to) + "\r\n";
  if (!mail.cc.empty()) m += "Cc: " + address_list(mail.cc) + "\r\n";
  m += "Subject: " + encode_unstructured(mail.subject, 7) + "\r\n";
  m += "Message-ID: <" + out.message_id + ">\r\n";
  if (auto id = clean_message_id(mail.in_reply_to)) m += "In-Reply-To: <" + *id + ">\r\n";
  {
    // Keep the thread root and the most recent ids; a hostile report could
    // carry thousands.
    std::vector<std::string> refs;
    for (const auto& r : mail.references)
      if (auto id = clean_message_id(r)) refs.push_back(*id);
    if (refs.size() > 20) refs.erase(refs.begin() + 1, refs.end() - 19);
    if (!refs.empty()) {
      m += "References:";
      for (const auto& r : refs) m += (&r == &refs.front() ? " <" : "\r\n <") + r + ">";
      m += "\r\n";
    }
  }
  if (mail.auto_submitted == AutoSubmitted::auto_replied) m += "Auto-Submitted: auto-replied\r\n";
  if (mail.auto_submitted == AutoSubmitted::auto_generated) m += "Auto-Submitted: auto-generated\r\n";
  if (mail.auto_submitted != AutoSubmitted::no) m += "X-Auto-Response-Suppress: All\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  if (mail.encoding == BodyEncoding::base64) {
    m += "Content-Transfer-Encoding: base64\r\n\r\n";
    std::string crlf;
    for (size_t i = 0; i < mail.body.size(); ++i) {
      if (mail.body[i] == '\n' && (i == 0 || mail.body[i - 1] != '\r')) crlf += '\r';
      crlf += mail.body[i];
    }
    m += encode_base64_lines(crlf);
  } else {
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    m += encode_quoted_printable(mail.body);
  }
  return {std::move(out), {}};
}

}  // namespace gdprd::notify
