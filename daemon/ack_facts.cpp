#include "daemon/ack_facts.hpp"

#include <chrono>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {

Awareness awareness_of(const IncidentRecord& record, TimePoint received_at) {
  if (record.discovered_at) {
    if (auto t = stockholm::parse_record_time(*record.discovered_at); t && *t <= received_at) {
      return {*t, "discovered_at"};
    }
  }
  return {received_at, "received_at"};
}

notify::AckFacts ack_facts(const parsers::ReadResult& read, const std::string& reference,
                           const std::string& recipient, const Awareness& awareness) {
  const IncidentRecord& r = read.record;
  notify::AckFacts f;
  f.reference = reference;
  f.recipient = recipient;
  f.original_subject = read.facts.subject;
  f.original_message_id = read.facts.message_id;
  f.original_references = read.facts.references;
  if (r.discovered_at) {
    if (auto t = stockholm::parse_record_time(*r.discovered_at)) {
      f.discovered_at = *t;
      f.discovered_date_only = r.discovered_at->find('T') == std::string::npos;
    }
  }
  f.imy_deadline = awareness.at + std::chrono::hours(72);
  if (r.data_subjects.exact) {
    f.data_subjects = std::to_string(*r.data_subjects.exact);
  } else if (r.data_subjects.range) {
    f.data_subjects = *r.data_subjects.range;
  }
  f.data_categories = r.data_categories;
  f.unit = r.organisation.unit;
  // The questions a reporter can most easily answer in a follow-up mail.
  if (!r.discovered_at) f.missing_fields.push_back("discovered_at");
  if (!r.occurred_at) f.missing_fields.push_back("occurred_at");
  if (!r.description) f.missing_fields.push_back("description");
  if (!r.data_subjects.exact && !r.data_subjects.range) f.missing_fields.push_back("data_subjects");
  if (r.data_categories.empty()) f.missing_fields.push_back("data_categories");
  if (!r.contact.name && !r.contact.email) f.missing_fields.push_back("contact");
  return f;
}

}  // namespace gdprd::daemon
