// The CLI's filtered view of the incidents (`gdprincidentctl list`): which
// deadlines still run, which one is next, and why an incident needs a human,
// all computed from what the store records. Reads only: no transaction, and
// the daemon may write beside it (WAL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::store {

// Every set member narrows the result (AND). The deadlines are counted from
// awareness_at (else created_at): the internal 24 h deadline runs while the
// incident is open and not yet assessed (no category), the 72 h IMY deadline
// while it is open and undecided.
struct IncidentFilter {
  bool open_only = false;
  bool overdue = false;                    // a running deadline has passed
  std::optional<Duration> due_within;      // next running deadline before now + this (overdue included)
  std::optional<TimePoint> since;          // awareness or receipt at or after this instant
  std::string unit;                        // substring of organisation.unit, case-insensitive (incl. å ä ö é ü)
  bool needs_human = false;                // see ListedIncident::attention
  int64_t limit = 10000;                   // at most this many results
};

struct ListedIncident {
  IncidentRow row;
  std::string unit;                        // organisation.unit of the record, "" when absent
  TimePoint awareness;                     // awareness_at, else created_at
  TimePoint internal_deadline;             // awareness + 24 h
  TimePoint imy_deadline;                  // awareness + 72 h
  bool internal_running = false;           // open and not assessed
  bool imy_running = false;                // open and undecided
  std::optional<TimePoint> next_deadline;  // the earlier running deadline; nullopt when none runs
  bool overdue = false;                    // next_deadline < now
  // Why a human must look, in this order: "flagged" (the reader set
  // needs_human: unparseable mail, limit hit, no report text),
  // "unreadable_record" (stored JSON cannot be read), "limit_exceeded",
  // "missing_mandatory_field" (warnings in the record). Empty: none.
  std::vector<std::string> attention;
};

class IncidentQueries {
 public:
  // Borrows both; they must outlive this object. store only serves row reads.
  IncidentQueries(Database& db, IncidentStore& store) : db_(db), store_(store) {}

  // The incidents matching filter at now, the nearest running deadline first
  // (overdue ones lead), then those with no running deadline, newest first.
  // Throws StoreError.
  std::vector<ListedIncident> find(const IncidentFilter& filter, TimePoint now);

  // The same facts for one incident (for `show`); nullopt when there is no
  // incident with that id. Throws StoreError.
  std::optional<ListedIncident> describe(int64_t incident_id, TimePoint now);

 private:
  std::vector<ListedIncident> run(const IncidentFilter& filter, TimePoint now, std::optional<int64_t> only_id);

  Database& db_;
  IncidentStore& store_;
};

// Lower case for case-insensitive matching: ASCII and the Latin-1 letters of
// UTF-8 (Å Ä Ö É Ü ...); other bytes unchanged. Exposed for tests.
std::string fold_case(std::string_view text);

}  // namespace gdprd::store
