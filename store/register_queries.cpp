#include "store/register_queries.hpp"

namespace gdprd::store {

std::vector<int64_t> RegisterQueries::incident_ids_of_year(int year) {
  auto s = db_.prepare("SELECT id FROM incidents WHERE year = ? ORDER BY seq");
  s.bind(1, int64_t{year});
  std::vector<int64_t> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

std::vector<MailboxState> RegisterQueries::mailbox_states() {
  auto s = db_.prepare(
      "SELECT mailbox, uidvalidity, last_uid, last_poll_at, last_poll_ok_at, last_error FROM mailbox_state "
      "ORDER BY mailbox");
  std::vector<MailboxState> out;
  auto time = [&](int column) -> std::optional<TimePoint> {
    if (s.is_null(column)) return std::nullopt;
    return TimePoint(std::chrono::seconds(s.int64(column)));
  };
  while (s.step()) {
    MailboxState m;
    m.mailbox = s.text(0);
    m.uidvalidity = s.int64(1);
    m.last_uid = s.int64(2);
    m.last_poll_at = time(3);
    m.last_poll_ok_at = time(4);
    m.last_error = s.is_null(5) ? std::string() : s.text(5);
    out.push_back(std::move(m));
  }
  return out;
}

bool RegisterQueries::has_event(int64_t incident_id, std::string_view kind) {
  auto s = db_.prepare("SELECT 1 FROM events WHERE incident_id = ? AND kind = ? LIMIT 1");
  s.bind(1, incident_id).bind(2, kind);
  return s.step();
}

int64_t RegisterQueries::open_needing_human() {
  auto s = db_.prepare("SELECT COUNT(*) FROM incidents WHERE state = 'open' AND needs_human = 1");
  s.step();
  return s.int64(0);
}

}  // namespace gdprd::store
