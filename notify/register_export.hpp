// The Art. 33(5) register of personal-data breaches as a file the DPO can
// open: CSV (UTF-8 with BOM, ';' separated, for Excel), JSON, or ODS
// (LibreOffice and Excel). Columns follow the municipal register (seed 001:
// date, description, actions, DPO contact, IMY notification) and add what the
// accountability duty asks for. Pure: entries in, bytes out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/record.hpp"

namespace gdprd::notify {

// One register row, every cell already text (Swedish for enum values).
struct RegisterEntry {
  std::string reference;         // PUI-2026-0042
  std::string discovered;        // date (and time) discovered, local
  std::string reported;          // date the internal report was received, local
  std::string organisation;
  std::string unit;
  std::string incident_type;
  std::string description;
  std::string data_categories;   // Swedish labels, "; "-joined
  std::string data_subjects;     // exact count, else the range
  std::string actions;           // "YYYY-MM-DD HH:MM: action" lines
  std::string dpo_consulted;     // Ja / Nej / ""
  std::string decision;          // Anmäld till IMY / Ej anmäld till IMY / "" (no decision yet)
  std::string decision_date;
  std::string motivation;
  std::string imy_reference;
  std::string subjects_informed; // Ja (date) / Nej / ""
  std::string late_internal;     // Ja / Nej: internal report after 24 h
  std::string late_imy;          // Ja / Nej: decision after 72 h (or none yet and overdue)
  std::string delay_reason;
  std::string state;             // Öppen / Avslutad
};

// Handling facts that are not in the reporter's record.
struct RegisterFacts {
  std::string reference;
  std::string reported;                       // local time text of receipt
  std::optional<std::string> decision;        // notified | not_notified
  std::string decision_date;                  // local time text, may be empty
  std::optional<std::string> motivation;
  std::optional<std::string> imy_reference;
  std::optional<bool> dpo_consulted;
  std::optional<bool> subjects_informed;      // the CISO's record wins over the report's
  std::string subjects_informed_date;
  bool late_internal = false;
  bool late_imy = false;
  std::optional<std::string> delay_reason;
  bool closed = false;
};

// Combines a stored record with its handling facts. Never throws.
RegisterEntry register_entry(const IncidentRecord& record, const RegisterFacts& facts);

// Column headings (Swedish), in the order every format writes the cells.
const std::vector<std::string>& register_headings();
// The JSON keys (English snake_case), same order.
const std::vector<std::string>& register_keys();

// UTF-8 BOM, ';' separators, CRLF rows, every cell quoted when it holds ';',
// '"', CR or LF ('"' doubled). A cell that a spreadsheet would read as a
// formula (=, +, -, @ first) is prefixed with "'" so report text cannot run.
std::string register_csv(const std::vector<RegisterEntry>& entries);
// A JSON array of objects keyed by register_keys(), pretty-printed.
std::string register_json(const std::vector<RegisterEntry>& entries);
// An OpenDocument spreadsheet: zip with "mimetype" stored first and
// uncompressed, META-INF/manifest.xml, content.xml (one sheet, a heading row).
// Text is XML-escaped and characters XML 1.0 forbids are dropped. Entries get
// a fixed timestamp so the same register gives the same bytes. Empty string
// only if libzip fails (out of memory).
std::string register_ods(const std::vector<RegisterEntry>& entries, const std::string& sheet_name = "Register");

}  // namespace gdprd::notify
