// Read-only queries for the register, the status report and the CLI filters
// that IncidentStore does not cover. Reads only: no transaction is needed and
// the daemon may write beside them (WAL).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::store {

class RegisterQueries {
 public:
  // Borrows db; it must outlive this object.
  explicit RegisterQueries(Database& db) : db_(db) {}

  // Ids of the incidents whose reference year is year (PUI-<year>-…), in
  // reference order. Throws StoreError.
  std::vector<int64_t> incident_ids_of_year(int year);
  // Every mailbox the daemon has polled, by name.
  std::vector<MailboxState> mailbox_states();
  // True when the incident has at least one event of this kind.
  bool has_event(int64_t incident_id, std::string_view kind);
  // Incidents with needs_human set that are still open.
  int64_t open_needing_human();

 private:
  Database& db_;
};

}  // namespace gdprd::store
