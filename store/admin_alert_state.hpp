// The self-monitoring state (tables of migration 3): failure episodes and
// one-off notices. Every change that mails the admins writes its state row
// and its outbox mail in ONE transaction, so a crash or restart can neither
// lose the alert nor send it twice. Times are passed in (the caller's
// clock); nothing here decides when to alert (daemon/admin_alert_monitor.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::store {

// One stretch of a failing condition, from its first observation to the
// first observation that it is gone.
struct AlertEpisode {
  int64_t id = 0;
  std::string condition;             // "poll_failure:<mailbox>" | "outbox_stuck"
  TimePoint started_at;
  std::optional<TimePoint> alerted_at;  // the alert mail was queued then
  std::optional<TimePoint> ended_at;    // nullopt: still going on
  bool recovery_sent = false;           // a recovery mail was queued at ended_at
  std::string last_error;
};

class AdminAlertState {
 public:
  // Borrows db; it must outlive this object.
  explicit AdminAlertState(Database& db) : db_(db) {}

  // The episodes not ended yet, oldest first (at most one per condition).
  std::vector<AlertEpisode> open_episodes();
  // The newest LIMIT episodes, open or ended, newest first (for status output).
  std::vector<AlertEpisode> recent_episodes(int64_t limit = 20);

  // Opens an episode of CONDITION started at STARTED_AT. When one is already
  // open, nothing is written and that one is returned. Throws StoreError.
  AlertEpisode open_episode(std::string_view condition, TimePoint started_at, std::string_view error = {});

  // Marks the open episode alerted at AT and queues MAIL (incident_id NULL),
  // in one transaction. False, and nothing written, when the episode is not
  // open or was already alerted: the alert goes out once per episode.
  bool mark_alerted(int64_t episode_id, TimePoint at, std::string_view error, const OutboxMail& mail);

  // Ends the open episode at AT; queues RECOVERY in the same transaction when
  // given. False, and nothing written, when the episode is not open.
  bool end_episode(int64_t episode_id, TimePoint at, const std::optional<OutboxMail>& recovery = std::nullopt);

  // Whether the notice KEY was already sent.
  bool notice_sent(std::string_view key);
  // Records notice KEY at AT and queues MAIL in one transaction. False, and
  // nothing written, when the key is already recorded.
  bool record_notice(std::string_view key, TimePoint at, const OutboxMail& mail);

 private:
  Database& db_;
};

}  // namespace gdprd::store
