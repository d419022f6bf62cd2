// Fuzz target: any bytes used as report-derived header data (subject,
// display name, Message-ID, From value) must never produce a header line
// the composer did not intend. Invariant violations abort.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "notify/mail_address.hpp"
#include "notify/mail_composer.hpp"
#include "notify/mail_encoding.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

bool is_known_header_line(std::string_view line) {
  for (std::string_view name : {"Date: ", "From: ", "To: ", "Subject: ", "Message-ID: ", "In-Reply-To: ",
                                "References: ", "MIME-Version: ", "Content-Type: ", "Content-Transfer-Encoding: "})
    if (line.substr(0, name.size()) == name) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gdprd::notify;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string clean = sanitize_header_value(input);
  require(clean.find_first_of("\r\n\t") == std::string::npos);
  require(sanitize_header_value(clean) == clean);

  std::string subject = encode_unstructured(input);
  for (size_t i = 0; i < subject.size(); ++i) {
    auto c = static_cast<unsigned char>(subject[i]);
    require(c < 0x80 && (c >= 0x20 || (c == '\r' && subject.compare(i, 3, "\r\n ") == 0) ||
                         (c == '\n' && i > 0 && subject[i - 1] == '\r')));
  }

  if (auto address = extract_address(input)) require(is_valid_address(*address));

  gdprd::notify::MailComposer composer("kommun.example");
  OutgoingMail mail;
  mail.from = "pui@kommun.example";
  mail.from_name = std::string(input);
  mail.to = {"anna@kommun.example"};
  mail.subject = std::string(input);
  mail.in_reply_to = std::string(input);
  mail.references = {std::string(input)};
  mail.body = std::string(input);
  auto result = composer.compose(mail);
  require(result.mail.has_value());
  const std::string& bytes = result.mail->bytes;
  size_t head_end = bytes.find("\r\n\r\n");
  require(head_end != std::string::npos);
  std::string_view head(bytes.data(), head_end + 2);
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    require(eol != std::string_view::npos);
    std::string_view line = head.substr(pos, eol - pos);
    require(line.empty() == false);
    require(line[0] == ' ' || is_known_header_line(line));
    for (char c : line) require(c != '\r' && c != '\n' && static_cast<unsigned char>(c) < 0x80);
    pos = eol + 2;
  }
  return 0;
}
