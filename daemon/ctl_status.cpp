// gdprincidentctl status: is the daemon doing its job? Last successful poll
// per mailbox, the outbox, and the incidents that need someone. Exits 1 when
// an admin should act (stale poll, stuck outbox, incidents needing a human or
// overdue), so monitoring can run it as a check.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "store/register_queries.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kStatusUsage = "--config FILE status [--json]";
constexpr int kExitAttention = 1;
// An unsent mail older than this is stuck (the outbox retries at most hourly).
constexpr auto kStuckOutbox = std::chrono::hours(2);
}  // namespace

int ctl_status(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || !flags.positional.empty())
    return ctl_usage(inv, kStatusUsage, flags.help, flags.error);
  int code = kExitOk;
  auto s = open_ctl_context(inv, code);
  if (!s) return code;
  try {
    TimePoint now = s->clock.now();
    store::RegisterQueries queries(*s->db);
    std::vector<std::string> problems;
    // A poll is stale after three missed intervals (at least 10 minutes).
    auto stale_after = std::max<Duration>(s->poll_interval * 3, std::chrono::minutes(10));

    nlohmann::ordered_json j;
    j["mailboxes"] = nlohmann::ordered_json::array();
    auto states = queries.mailbox_states();
    bool configured_seen = false;
    for (const auto& m : states) {
      bool configured = m.mailbox == s->mailbox;
      configured_seen = configured_seen || configured;
      bool stale = !m.last_poll_ok_at || now - *m.last_poll_ok_at > stale_after;
      if (configured && stale) problems.push_back("mailbox " + m.mailbox + ": no successful poll recently");
      j["mailboxes"].push_back(
          {{"mailbox", m.mailbox},
           {"configured", configured},
           {"last_poll", m.last_poll_at ? stockholm::format_rfc3339(*m.last_poll_at) : ""},
           {"last_successful_poll", m.last_poll_ok_at ? stockholm::format_rfc3339(*m.last_poll_ok_at) : ""},
           {"last_error", m.last_error},
           {"stale", stale}});
    }
    if (!configured_seen) problems.push_back("mailbox " + s->mailbox + ": never polled");

    auto outbox = s->store->outbox_stats();
    bool stuck = outbox.oldest_unsent && now - *outbox.oldest_unsent > kStuckOutbox;
    if (stuck) problems.push_back("outbox: a mail has waited more than 2 hours");
    if (outbox.given_up > 0) problems.push_back("outbox: " + std::to_string(outbox.given_up) + " mail(s) given up");
    j["outbox"] = {{"unsent", outbox.unsent},
                   {"given_up", outbox.given_up},
                   {"oldest_unsent", outbox.oldest_unsent ? stockholm::format_rfc3339(*outbox.oldest_unsent) : ""}};

    int64_t open = 0, overdue = 0;
    for (const auto& row : s->store->open_incidents()) {
      ++open;
      if (row_deadlines(row, now).overdue) ++overdue;
    }
    int64_t needs_human = queries.open_needing_human();
    if (needs_human > 0) problems.push_back(std::to_string(needs_human) + " open incident(s) need a human");
    if (overdue > 0) problems.push_back(std::to_string(overdue) + " incident(s) past the 72 h deadline undecided");
    j["incidents"] = {{"open", open}, {"overdue", overdue}, {"needs_human", needs_human}};
    j["problems"] = problems;
    j["ok"] = problems.empty();

    if (flags.json) {
      inv.out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
      for (const auto& m : j["mailboxes"]) {
        inv.out << "mailbox:        " << m["mailbox"].get<std::string>()
                << (m["configured"].get<bool>() ? "" : " (no longer configured)") << "\n"
                << "  last poll:    " << m["last_poll"].get<std::string>() << "\n"
                << "  last success: " << m["last_successful_poll"].get<std::string>()
                << (m["stale"].get<bool>() ? "  STALE" : "") << "\n";
        if (!m["last_error"].get<std::string>().empty())
          inv.out << "  last error:   " << m["last_error"].get<std::string>() << "\n";
      }
      if (!configured_seen) inv.out << "mailbox:        " << s->mailbox << " (never polled)\n";
      inv.out << "outbox:         " << outbox.unsent << " unsent";
      if (outbox.oldest_unsent) inv.out << ", oldest " << stockholm::format_human(*outbox.oldest_unsent);
      inv.out << ", " << outbox.given_up << " given up\n";
      inv.out << "incidents:      " << open << " open, " << overdue << " overdue, " << needs_human
              << " need a human\n";
      if (problems.empty()) {
        inv.out << "status:         ok\n";
      } else {
        inv.out << "status:         ATTENTION\n";
        for (const auto& p : problems) inv.out << "  - " << p << "\n";
      }
    }
    return problems.empty() ? kExitOk : kExitAttention;
  } catch (const std::exception& e) {
    return ctl_failure(inv, "status", e);
  }
}

}  // namespace gdprd::daemon
