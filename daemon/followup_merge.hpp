// A follow-up mail (a reply carrying an incident's reference) completes the
// incident's record: only the fields the follow-up states are taken, and the
// newest statement wins. Every change is kept with its old value so that the
// record a decision was based on can always be reconstructed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/record.hpp"
#include "core/record_json.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct FieldChange {
  std::string field;  // spec key, dotted for nested ones: "data_subjects", "contact.phone"
  Json before;        // null when the record had no value
  Json after;
};

struct FollowupMerge {
  IncidentRecord merged;
  std::vector<FieldChange> changes;  // in the spec's key order; empty: nothing new
};

// Pure. A field the follow-up leaves null or empty never erases a value;
// organisation, contact and assessment merge key by key; a count (exact and
// range) and a list are replaced as a whole when the follow-up states them.
// message_class, report_kind, document_type and the warnings stay those of
// the original report, except that a personal identity number in the
// follow-up adds that warning.
FollowupMerge merge_followup(const IncidentRecord& current, const IncidentRecord& followup);

struct FollowupSettings {
  std::string from;                 // the incident mailbox (sender of the notice)
  std::vector<std::string> ciso;    // who is told; none: the change is only logged
  std::string actor = "daemon";
};

// Applies a follow-up that the store attached to incident: merges it into the
// stored record, stores the result with an event "followup_merged" holding
// each change and the old record, and queues a notice to the CISO (outbox
// kind "followup_notice", one per follow-up message), all as one write
// (store.atomically: inside the caller's Batch it joins that transaction, so
// the follow-up's ingest and its merge are durable together). Never throws:
// on error the merge is undone as a whole and logged; the follow-up mail
// itself stays stored. Returns the number of fields changed (0 also on error).
size_t apply_followup(store::IncidentStore& store, const store::IncidentRef& incident, int64_t message_row,
                      const IncidentRecord& followup, const FollowupSettings& settings, TimePoint now);

}  // namespace gdprd::daemon
