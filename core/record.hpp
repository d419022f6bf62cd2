// The incident record of shared/spec/incident-record.md as a value type.
// Every parser produces one; the store keeps it as JSON (record_json.hpp).
// Enum-valued fields are kept as their spec strings (snake_case) so that the
// JSON form, the store and the IMY form all speak the spec's vocabulary;
// core/vocabulary.hpp lists the legal values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gdprd {

// A time as the spec writes it: RFC 3339 with offset ("2026-05-20T16:39:00+02:00")
// or a bare date ("2026-05-20") when the report gives no clock time.
using RecordTime = std::optional<std::string>;

struct Organisation {
  std::optional<std::string> name;
  std::optional<std::string> org_number;
  std::optional<std::string> postal_address;
  std::optional<std::string> internal_reference;
  std::optional<std::string> unit;
  bool operator==(const Organisation&) const = default;
};

struct Contact {
  std::optional<std::string> name;
  std::optional<std::string> role;  // "dpo" | "other"
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  bool operator==(const Contact&) const = default;
};

struct Processor {
  std::optional<std::string> name;
  std::optional<std::string> org_number;
  bool operator==(const Processor&) const = default;
};

// count: {exact, range}; an exact count also fills range (see count_range()).
struct Count {
  std::optional<int64_t> exact;
  std::optional<std::string> range;  // "1-10" ... "over_1000000" | "unknown"
  bool operator==(const Count&) const = default;
};

struct Action {
  RecordTime at;
  std::string action;
  bool operator==(const Action&) const = default;
};

struct Assessment {
  std::optional<bool> report_to_imy;
  std::optional<bool> inform_subjects;
  bool operator==(const Assessment&) const = default;
};

struct Warning {
  std::string code;  // one of the spec's warning codes (core/vocabulary.hpp)
  std::string message;
  bool operator==(const Warning&) const = default;
};

struct IncidentRecord {
  std::string message_class = "report";  // report | auto_reply | bounce
  std::optional<std::string> report_kind;    // blankett | etjanst | free_text
  std::optional<std::string> document_type;  // docx | pdf | html_body | text_body | odt | other
  Organisation organisation;
  Contact contact;
  RecordTime occurred_at;
  RecordTime discovered_at;
  std::optional<bool> ongoing;
  RecordTime ended_at;
  std::optional<std::string> late_reason;
  std::optional<std::string> incident_type;
  std::optional<std::string> description;
  std::optional<std::string> detected_by;
  std::optional<std::string> cause;
  std::optional<std::string> sector;
  std::optional<std::string> area;
  std::optional<bool> processor_involved;
  std::vector<Processor> processors;
  Count data_subjects;
  Count records;
  std::vector<std::string> subject_groups;
  std::vector<std::string> data_categories;
  std::optional<std::string> encrypted;
  std::vector<std::string> consequences;
  std::optional<int> severity;
  std::vector<Action> actions;
  std::optional<bool> subjects_informed;
  RecordTime subjects_informed_at;
  std::optional<std::string> will_inform_subjects;
  RecordTime inform_subjects_at;
  std::vector<std::string> not_inform_reasons;
  std::optional<bool> supplement_planned;
  std::optional<std::string> confidentiality_request;
  Assessment assessment;
  std::vector<Warning> warnings;

  bool operator==(const IncidentRecord&) const = default;

  // Adds a warning unless one with the same code is already present.
  void warn(std::string code, std::string message);
  bool has_warning(std::string_view code) const;
};

// The spec's range bucket for an exact count ("1-10", "11-100", ...).
std::string count_range(int64_t exact);

// An empty record of the given class: for auto_reply and bounce every other
// field stays null/empty, as the spec requires.
IncidentRecord empty_record(std::string message_class);

}  // namespace gdprd
