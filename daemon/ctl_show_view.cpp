#include "daemon/ctl_show_view.hpp"

#include <ostream>

#include "core/record_json.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/ctl_deadline_view.hpp"
#include "daemon/ctl_mail_summary.hpp"

namespace gdprd::daemon {

namespace {

using OJson = nlohmann::ordered_json;

template <class T>
OJson opt(const std::optional<T>& v) {
  return v ? OJson(*v) : OJson(nullptr);
}

OJson opt_time(const std::optional<TimePoint>& t) {
  return t ? OJson(stockholm::format_rfc3339(*t)) : OJson(nullptr);
}

// Event details are JSON written by the store; an unreadable one is shown as text.
OJson detail_of(const store::Event& e) {
  try {
    return OJson::parse(e.detail_json);
  } catch (const std::exception&) {
    return OJson(e.detail_json);
  }
}

std::string text_of(const OJson& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const OJson& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

// Times in event details are unix seconds (the store's form).
std::string time_of(const OJson& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const OJson& v = j[key];
  if (v.is_number_integer()) return stockholm::format_human(TimePoint(std::chrono::seconds(v.get<int64_t>())));
  return text_of(j, key);
}

OJson event_json(const store::Event& e) {
  return {{"at", stockholm::format_rfc3339(e.at)}, {"actor", e.actor}, {"kind", e.kind}, {"detail", detail_of(e)}};
}

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }

}  // namespace

bool is_decision_event(std::string_view kind) {
  for (std::string_view k : {"assessment_recorded", "assessment_note", "decision_recorded", "decision_withdrawn",
                             "subjects_must_be_informed", "subjects_informed", "controller_informed",
                             "awareness_corrected", "state_changed"})
    if (kind == k) return true;
  return false;
}

std::string event_summary(const store::Event& e) {
  OJson d = detail_of(e);
  if (e.kind == "assessment_recorded") return "assessed: category " + text_of(d, "category") + ", " + text_of(d, "priority");
  if (e.kind == "assessment_note") return "assessment note: " + text_of(d, "note");
  if (e.kind == "decision_recorded") {
    std::string decision = text_of(d, "decision");
    std::string s = decision == "notified" ? "decided: notify IMY" : decision == "not_notified" ? "decided: do not notify IMY"
                                                                                                : "decided: " + decision;
    if (!text_of(d, "imy_reference").empty()) s += " (IMY " + text_of(d, "imy_reference") + ")";
    if (!time_of(d, "at").empty()) s += ", decision dated " + time_of(d, "at");
    if (!text_of(d, "delay_reason").empty()) s += "; delay reason: " + text_of(d, "delay_reason");
    if (!text_of(d, "subjects_must_be_informed").empty())
      s += "; data subjects must be informed: " + std::string(text_of(d, "subjects_must_be_informed") == "true" ? "yes" : "no");
    return s;
  }
  if (e.kind == "decision_withdrawn")
    return "decision withdrawn (was " + text_of(d, "old_decision") + "): " + text_of(d, "reason");
  if (e.kind == "subjects_must_be_informed")
    return std::string("data subjects must be informed: ") + (text_of(d, "must") == "true" ? "yes" : "no");
  if (e.kind == "subjects_informed") return "data subjects informed " + time_of(d, "at");
  if (e.kind == "controller_informed") return "controller informed " + time_of(d, "at");
  if (e.kind == "awareness_corrected") {
    std::string s = "awareness corrected";
    if (!text_of(d, "old_awareness_at").empty()) s += " from " + text_of(d, "old_awareness_at");
    if (!text_of(d, "new_awareness_at").empty()) s += " to " + text_of(d, "new_awareness_at");
    if (!text_of(d, "reason").empty()) s += ": " + text_of(d, "reason");
    return s;
  }
  if (e.kind == "state_changed") return "state " + text_of(d, "state");
  if (d.is_object() && d.contains("old_record")) d["old_record"] = "(kept, see show --json)";
  return d.is_string() ? d.get<std::string>() : d.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

nlohmann::ordered_json show_json(const ShowInput& in) {
  const store::ListedIncident& l = in.incident;
  const store::IncidentRow& row = l.row;
  OJson j;
  j["reference"] = row.reference;
  j["state"] = row.state;
  j["created_at"] = stockholm::format_rfc3339(row.created_at);
  j["reporter"] = row.reporter_address;
  j["unit"] = l.unit;
  j["needs_human"] = !l.attention.empty();
  j["attention"] = l.attention;
  j["awareness"] = {{"at", stockholm::format_rfc3339(l.awareness)}, {"source", row.awareness_source}};
  j["deadlines"] = {{"internal", deadline_json(l.internal_deadline, l.internal_running, in.now)},
                    {"imy", deadline_json(l.imy_deadline, l.imy_running, in.now)}};
  j["overdue"] = l.overdue;
  j["assessment"] = row.category ? OJson{{"category", *row.category}, {"priority", opt(row.priority)}} : OJson(nullptr);
  if (row.decision) {
    j["decision"] = {{"decision", *row.decision},
                     {"at", opt_time(row.decision_at)},
                     {"by", opt(row.decision_by)},
                     {"imy_reference", opt(row.imy_reference)},
                     {"motivation", opt(row.decision_motivation)},
                     {"delay_reason", opt(row.delay_reason)},
                     {"subjects_must_be_informed", opt(row.subjects_must_be_informed)},
                     {"subjects_informed_at", opt_time(row.subjects_informed_at)}};
  } else {
    j["decision"] = nullptr;
  }
  j["decisions"] = OJson::array();
  for (const auto& e : in.events)
    if (is_decision_event(e.kind)) j["decisions"].push_back(event_json(e));
  try {
    j["record"] = OJson::parse(row.record_json);
    j["record_unreadable"] = false;
  } catch (const std::exception&) {
    j["record"] = nullptr;
    j["record_unreadable"] = true;
  }
  j["messages"] = OJson::array();
  for (const auto& m : in.messages) {
    OJson mj = {{"id", m.id},
                {"role", m.role},
                {"class", m.message_class},
                {"received_at", stockholm::format_rfc3339(m.received_at)},
                {"size", m.size},
                {"sha256", m.sha256}};
    OJson summary = mail_summary_json(summarize_mail(m.raw, in.limits));
    mj["headers"] = std::move(summary["headers"]);
    mj["parts"] = std::move(summary["parts"]);
    mj["warnings"] = std::move(summary["warnings"]);
    j["messages"].push_back(std::move(mj));
  }
  j["events"] = OJson::array();
  for (const auto& e : in.events) j["events"].push_back(event_json(e));
  return j;
}

void print_show(std::ostream& out, const ShowInput& in) {
  const store::ListedIncident& l = in.incident;
  const store::IncidentRow& row = l.row;
  std::string attention;
  for (const auto& a : l.attention) attention += (attention.empty() ? "" : ", ") + a;
  out << "reference:      " << row.reference << "\n"
      << "state:          " << row.state << (l.overdue ? "  OVERDUE" : "") << "\n"
      << "received:       " << stockholm::format_human(row.created_at) << "\n"
      << "reporter:       " << (row.reporter_address.empty() ? "-" : row.reporter_address) << "\n"
      << "unit:           " << (l.unit.empty() ? "-" : l.unit) << "\n"
      << "needs a human:  " << (attention.empty() ? "no" : "yes (" + attention + ")") << "\n"
      << "awareness:      " << stockholm::format_human(l.awareness) << " (" << row.awareness_source << ")\n"
      << "deadlines (Swedish time):\n"
      << "  internal 24 h: " << deadline_text(l.internal_deadline, l.internal_running, in.now) << "\n"
      << "  IMY 72 h:      " << deadline_text(l.imy_deadline, l.imy_running, in.now) << "\n";
  out << "assessment:     ";
  if (row.category) out << "category " << *row.category << ", " << row.priority.value_or("-") << "\n";
  else out << "-\n";
  out << "decision:       ";
  if (row.decision) {
    out << (*row.decision == "notified" ? "notified to IMY" : "not notified to IMY");
    if (row.imy_reference) out << " (" << *row.imy_reference << ")";
    out << ", " << (row.decision_at ? stockholm::format_human(*row.decision_at) : "-") << " by "
        << row.decision_by.value_or("-") << "\n";
    if (row.decision_motivation) out << "  motivation:   " << *row.decision_motivation << "\n";
    if (row.delay_reason) out << "  delay reason: " << *row.delay_reason << "\n";
  } else {
    out << "-\n";
  }
  out << "data subjects:  must be informed: " << yes_no(row.subjects_must_be_informed) << "; informed: "
      << (row.subjects_informed_at ? stockholm::format_human(*row.subjects_informed_at) : "-") << "\n";
  out << "decisions:\n";
  bool any = false;
  for (const auto& e : in.events) {
    if (!is_decision_event(e.kind)) continue;
    any = true;
    out << "  " << stockholm::format_human(e.at) << "  " << e.actor << ": " << event_summary(e) << "\n";
  }
  if (!any) out << "  (none)\n";
  out << "record:\n";
  try {
    out << Json::parse(row.record_json).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  } catch (const std::exception&) {
    out << "  (unreadable; stored text follows)\n" << row.record_json << "\n";
  }
  out << "messages:\n";
  for (const auto& m : in.messages) {
    MailSummary s = summarize_mail(m.raw, in.limits);
    out << "  #" << m.id << " " << m.role << " (" << m.message_class << "), received "
        << stockholm::format_human(m.received_at) << ", " << m.size << " bytes, sha256 " << m.sha256 << "\n"
        << "    From:       " << s.from << "\n"
        << "    To:         " << s.to << "\n"
        << "    Date:       " << s.date << "\n"
        << "    Subject:    " << s.subject << "\n"
        << "    Message-ID: " << s.message_id << "\n"
        << "    parts:\n";
    for (const auto& p : s.parts) {
      out << "      [" << p.index << "] " << p.content_type;
      if (!p.filename.empty()) out << " \"" << p.filename << "\"";
      out << ", " << p.size << " bytes, " << (p.read ? "read" : "not read");
      if (p.truncated) out << ", truncated";
      out << "\n";
    }
    for (const auto& w : s.warnings) out << "    warning: " << w << "\n";
  }
  if (in.messages.empty()) out << "  (none)\n";
  out << "events:\n";
  for (const auto& e : in.events)
    out << "  " << stockholm::format_human(e.at) << "  " << e.actor << "  " << e.kind << "  " << event_summary(e) << "\n";
  if (in.events.empty()) out << "  (none)\n";
}

}  // namespace gdprd::daemon
