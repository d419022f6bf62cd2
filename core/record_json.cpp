#include "core/record_json.hpp"

namespace gdprd {
namespace {

template <class T>
Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json count_json(const Count& c) { return Json{{"exact", opt(c.exact)}, {"range", opt(c.range)}}; }

template <class T>
void get_opt(const Json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
    return;
  }
  out = it->get<T>();
}

std::vector<std::string> get_strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

Count count_from(const Json& j, const char* key) {
  Count c;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return c;
  get_opt(*it, "exact", c.exact);
  get_opt(*it, "range", c.range);
  return c;
}

const Json& object_at(const Json& j, const char* key) {
  static const Json empty = Json::object();
  auto it = j.find(key);
  return (it != j.end() && it->is_object()) ? *it : empty;
}

}  // namespace

Json to_json(const IncidentRecord& r) {
  Json j;
  j["message_class"] = r.message_class;
  j["report_kind"] = opt(r.report_kind);
  j["document_type"] = opt(r.document_type);
  j["organisation"] = Json{{"name", opt(r.organisation.name)},
                           {"org_number", opt(r.organisation.org_number)},
                           {"postal_address", opt(r.organisation.postal_address)},
                           {"internal_reference", opt(r.organisation.internal_reference)},
                           {"unit", opt(r.organisation.unit)}};
  j["contact"] = Json{{"name", opt(r.contact.name)},     {"role", opt(r.contact.role)},
                      {"email", opt(r.contact.email)},   {"phone", opt(r.contact.phone)},
                      {"address", opt(r.contact.address)}};
  j["occurred_at"] = opt(r.occurred_at);
  j["discovered_at"] = opt(r.discovered_at);
  j["ongoing"] = opt(r.ongoing);
  j["ended_at"] = opt(r.ended_at);
  j["late_reason"] = opt(r.late_reason);
  j["incident_type"] = opt(r.incident_type);
  j["description"] = opt(r.description);
  j["detected_by"] = opt(r.detected_by);
  j["cause"] = opt(r.cause);
  j["sector"] = opt(r.sector);
  j["area"] = opt(r.area);
  j["processor_involved"] = opt(r.processor_involved);
  j["processors"] = Json::array();
  for (const auto& p : r.processors)
    j["processors"].push_back(Json{{"name", opt(p.name)}, {"org_number", opt(p.org_number)}});
  j["data_subjects"] = count_json(r.data_subjects);
  j["records"] = count_json(r.records);
  j["subject_groups"] = r.subject_groups;
  j["data_categories"] = r.data_categories;
  j["encrypted"] = opt(r.encrypted);
  j["consequences"] = r.consequences;
  j["severity"] = opt(r.severity);
  j["actions"] = Json::array();
  for (const auto& a : r.actions) j["actions"].push_back(Json{{"at", opt(a.at)}, {"action", a.action}});
  j["subjects_informed"] = opt(r.subjects_informed);
  j["subjects_informed_at"] = opt(r.subjects_informed_at);
  j["will_inform_subjects"] = opt(r.will_inform_subjects);
  j["inform_subjects_at"] = opt(r.inform_subjects_at);
  j["not_inform_reasons"] = r.not_inform_reasons;
  j["supplement_planned"] = opt(r.supplement_planned);
  j["confidentiality_request"] = opt(r.confidentiality_request);
  j["assessment"] = Json{{"report_to_imy", opt(r.assessment.report_to_imy)},
                         {"inform_subjects", opt(r.assessment.inform_subjects)}};
  j["warnings"] = Json::array();
  for (const auto& w : r.warnings) j["warnings"].push_back(Json{{"code", w.code}, {"message", w.message}});
  return j;
}

IncidentRecord record_from_json(const Json& j) {
  IncidentRecord r;
  if (auto it = j.find("message_class"); it != j.end() && it->is_string()) r.message_class = it->get<std::string>();
  get_opt(j, "report_kind", r.report_kind);
  get_opt(j, "document_type", r.document_type);
  const Json& o = object_at(j, "organisation");
  get_opt(o, "name", r.organisation.name);
  get_opt(o, "org_number", r.organisation.org_number);
  get_opt(o, "postal_address", r.organisation.postal_address);
  get_opt(o, "internal_reference", r.organisation.internal_reference);
  get_opt(o, "unit", r.organisation.unit);
  const Json& c = object_at(j, "contact");
  get_opt(c, "name", r.contact.name);
  get_opt(c, "role", r.contact.role);
  get_opt(c, "email", r.contact.email);
  get_opt(c, "phone", r.contact.phone);
  get_opt(c, "address", r.contact.address);
  get_opt(j, "occurred_at", r.occurred_at);
  get_opt(j, "discovered_at", r.discovered_at);
  get_opt(j, "ongoing", r.ongoing);
  get_opt(j, "ended_at", r.ended_at);
  get_opt(j, "late_reason", r.late_reason);
  get_opt(j, "incident_type", r.incident_type);
  get_opt(j, "description", r.description);
  get_opt(j, "detected_by", r.detected_by);
  get_opt(j, "cause", r.cause);
  get_opt(j, "sector", r.sector);
  get_opt(j, "area", r.area);
  get_opt(j, "processor_involved", r.processor_involved);
  if (auto it = j.find("processors"); it != j.end() && it->is_array())
    for (const auto& p : *it) {
      Processor proc;
      get_opt(p, "name", proc.name);
      get_opt(p, "org_number", proc.org_number);
      r.processors.push_back(proc);
    }
  r.data_subjects = count_from(j, "data_subjects");
  r.records = count_from(j, "records");
  r.subject_groups = get_strings(j, "subject_groups");
  r.data_categories = get_strings(j, "data_categories");
  get_opt(j, "encrypted", r.encrypted);
  r.consequences = get_strings(j, "consequences");
  get_opt(j, "severity", r.severity);
  if (auto it = j.find("actions"); it != j.end() && it->is_array())
    for (const auto& a : *it) {
      Action act;
      get_opt(a, "at", act.at);
      if (auto t = a.find("action"); t != a.end() && t->is_string()) act.action = t->get<std::string>();
      r.actions.push_back(act);
    }
  get_opt(j, "subjects_informed", r.subjects_informed);
  get_opt(j, "subjects_informed_at", r.subjects_informed_at);
  get_opt(j, "will_inform_subjects", r.will_inform_subjects);
  get_opt(j, "inform_subjects_at", r.inform_subjects_at);
  r.not_inform_reasons = get_strings(j, "not_inform_reasons");
  get_opt(j, "supplement_planned", r.supplement_planned);
  get_opt(j, "confidentiality_request", r.confidentiality_request);
  const Json& a = object_at(j, "assessment");
  get_opt(a, "report_to_imy", r.assessment.report_to_imy);
  get_opt(a, "inform_subjects", r.assessment.inform_subjects);
  if (auto it = j.find("warnings"); it != j.end() && it->is_array())
    for (const auto& w : *it) {
      Warning warning;
      if (auto t = w.find("code"); t != w.end() && t->is_string()) warning.code = t->get<std::string>();
      if (auto t = w.find("message"); t != w.end() && t->is_string()) warning.message = t->get<std::string>();
      r.warnings.push_back(warning);
    }
  return r;
}

}  // namespace gdprd
