#include "notify/recipient_policy.hpp"

#include <array>
#include <cctype>

#include "notify/mail_address.hpp"

namespace gdprd::notify {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Why an address may not be acknowledged, or "" when it may.
std::string refusal(std::string_view address, const std::vector<std::string>& domains) {
  if (is_robot_address(address)) return "robot address";
  if (!in_domains(address, domains)) return "outside reporter_domains";
  return {};
}

}  // namespace

bool in_domains(std::string_view address, const std::vector<std::string>& domains) {
  std::string domain = address_domain(address);
  if (domain.empty()) return false;
  for (const auto& d : domains) {
    std::string allowed = lower(d);
    while (!allowed.empty() && allowed.front() == '.') allowed.erase(0, 1);  // ".kommun.example" too
    if (allowed.empty()) continue;
    if (domain == allowed) return true;
    // "x.kommun.example" is inside, "evilkommun.example" is not.
    if (domain.size() > allowed.size() && ends_with(domain, allowed) &&
        domain[domain.size() - allowed.size() - 1] == '.')
      return true;
  }
  return false;
}

bool is_robot_address(std::string_view address) {
  std::string local = lower(address.substr(0, address.rfind('@')));
  // Sub-addresses ("noreply+x") are judged by their base.
  std::string base = local.substr(0, local.find('+'));
  static constexpr std::array<std::string_view, 9> kPrefixes = {
      "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "bounce", "mailer-daemon",
      "owner-"};
  static constexpr std::array<std::string_view, 6> kExact = {"postmaster", "mailer", "listserv", "majordomo",
                                                             "daemon", "autoreply"};
  static constexpr std::array<std::string_view, 3> kSuffixes = {"-bounces", "-request", "-noreply"};
  for (auto p : kPrefixes)
    if (starts_with(base, p)) return true;
  for (auto e : kExact)
    if (base == e) return true;
  for (auto s : kSuffixes)
    if (ends_with(base, s)) return true;
  return false;
}

RecipientDecision ack_recipient(std::string_view message_class, std::string_view from_header,
                                std::string_view reply_to_header, const std::vector<std::string>& reporter_domains) {
  if (message_class != "report") return {std::nullopt, "message class " + std::string(message_class) + " is never acknowledged"};
  if (!reply_to_header.empty()) {
    if (auto reply_to = extract_address(reply_to_header)) {
      if (refusal(*reply_to, reporter_domains).empty()) return {*reply_to, "Reply-To inside reporter_domains"};
    }
  }
  auto from = extract_address(from_header);
  if (!from) return {std::nullopt, "no valid From address"};
  std::string why = refusal(*from, reporter_domains);
  if (!why.empty()) return {std::nullopt, "From: " + why};
  return {*from, "From inside reporter_domains"};
}

}  // namespace gdprd::notify
