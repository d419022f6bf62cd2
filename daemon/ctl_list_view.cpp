#include "daemon/ctl_list_view.hpp"

#include <ostream>

#include "core/stockholm_time.hpp"
#include "daemon/ctl_deadline_view.hpp"
#include "daemon/ctl_support.hpp"

namespace gdprd::daemon {

namespace {

using OJson = nlohmann::ordered_json;

// Code points, not bytes: unit names are Swedish, and columns must line up.
size_t display_width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Cut to at most width code points (with "…" when cut), then pad with spaces.
std::string column(std::string_view s, size_t width) {
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 == width && display_width(s.substr(i)) > 1) {
        out += "…";
        ++n;
        break;
      }
      ++n;
    }
    out.push_back(s[i]);
  }
  while (n < width) {
    out.push_back(' ');
    ++n;
  }
  return out;
}

// The incident type from the stored record; "-" when absent or unreadable.
std::string incident_type(const store::ListedIncident& l) {
  IncidentRecord r = record_of(l.row);
  return r.incident_type.value_or("-");
}

template <class T>
OJson opt(const std::optional<T>& v) {
  return v ? OJson(*v) : OJson(nullptr);
}

}  // namespace

std::string next_deadline_kind(const store::ListedIncident& l) {
  if (!l.next_deadline) return "";
  return l.internal_running && *l.next_deadline == l.internal_deadline ? "internal" : "imy";
}

nlohmann::ordered_json list_json(const std::vector<store::ListedIncident>& incidents, TimePoint now) {
  OJson j;
  j["now"] = stockholm::format_rfc3339(now);
  j["count"] = incidents.size();
  j["incidents"] = OJson::array();
  for (const auto& l : incidents) {
    const auto& row = l.row;
    OJson i;
    i["reference"] = row.reference;
    i["state"] = row.state;
    i["created_at"] = stockholm::format_rfc3339(row.created_at);
    i["awareness_at"] = stockholm::format_rfc3339(l.awareness);
    i["awareness_source"] = row.awareness_source;
    i["unit"] = l.unit;
    std::string type = incident_type(l);
    i["incident_type"] = type == "-" ? OJson(nullptr) : OJson(type);
    i["reporter"] = row.reporter_address;
    i["category"] = opt(row.category);
    i["priority"] = opt(row.priority);
    i["decision"] = opt(row.decision);
    i["overdue"] = l.overdue;
    i["needs_human"] = !l.attention.empty();
    i["attention"] = l.attention;
    if (l.next_deadline) {
      i["next_deadline"] = {{"kind", next_deadline_kind(l)},
                            {"due", stockholm::format_rfc3339(*l.next_deadline)},
                            {"seconds_left", std::chrono::duration_cast<std::chrono::seconds>(*l.next_deadline - now).count()}};
    } else {
      i["next_deadline"] = nullptr;
    }
    i["deadlines"] = {{"internal", deadline_json(l.internal_deadline, l.internal_running, now)},
                      {"imy", deadline_json(l.imy_deadline, l.imy_running, now)}};
    j["incidents"].push_back(std::move(i));
  }
  return j;
}

void print_list(std::ostream& out, const std::vector<store::ListedIncident>& incidents, TimePoint now) {
  if (incidents.empty()) {
    out << "no incidents match\n";
    return;
  }
  out << column("REFERENCE", 15) << " " << column("STATE", 6) << " " << column("NEXT DEADLINE", 25) << " "
      << column("TIME LEFT", 19) << " " << column("UNIT", 24) << " " << column("TYPE", 20) << " NEEDS\n";
  for (const auto& l : incidents) {
    std::string next = "-", left = "-";
    if (l.next_deadline) {
      next = (next_deadline_kind(l) == "internal" ? "internal " : "IMY ") + stockholm::format_human(*l.next_deadline);
      left = time_left_text(*l.next_deadline - now);
    } else if (l.row.decision) {
      next = "decided";
    }
    std::string needs;
    for (const auto& a : l.attention) needs += (needs.empty() ? "" : ",") + a;
    out << column(l.row.reference, 15) << " " << column(l.row.state, 6) << " " << column(next, 25) << " "
        << column(left, 19) << " " << column(l.unit.empty() ? "-" : l.unit, 24) << " "
        << column(incident_type(l), 20) << " " << (needs.empty() ? "-" : needs) << "\n";
  }
}

}  // namespace gdprd::daemon
