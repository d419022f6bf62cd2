// Who may receive an automatic acknowledgment. An ack that goes to the wrong
// place is a data leak (it quotes the report) or a mail loop, so the policy
// only ever narrows: one address or none.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::notify {

struct RecipientDecision {
  std::optional<std::string> address;  // the ack recipient, or nullopt
  std::string reason;                  // why (for the log), always set
};

// message_class from the record: only "report" is ever acknowledged.
// Picks Reply-To when it is valid and inside reporter_domains, else From;
// refuses addresses outside reporter_domains (exact domain or a subdomain,
// case-insensitive) and robot addresses (noreply, no-reply, donotreply,
// mailer-daemon, postmaster, bounce..., and the like).
RecipientDecision ack_recipient(std::string_view message_class, std::string_view from_header,
                                std::string_view reply_to_header,
                                const std::vector<std::string>& reporter_domains);

// True when address's domain equals one of domains or is a subdomain of it.
bool in_domains(std::string_view address, const std::vector<std::string>& domains);

// True for local parts that identify a machine sender (never acknowledged).
bool is_robot_address(std::string_view address);

}  // namespace gdprd::notify
