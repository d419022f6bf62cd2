#include "notify/register_export.hpp"

#include <zip.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "notify/swedish_labels.hpp"

namespace gdprd::notify {
namespace {

std::vector<std::string> cells(const RegisterEntry& e) {
  return {e.reference,     e.discovered,    e.reported,     e.organisation,      e.unit,
          e.incident_type, e.description,   e.data_categories, e.data_subjects, e.actions,
          e.dpo_consulted, e.decision,      e.decision_date, e.motivation,       e.imy_reference,
          e.subjects_informed, e.late_internal, e.late_imy, e.delay_reason,     e.state};
}

std::string yes_no(bool b) { return b ? "Ja" : "Nej"; }

std::string csv_cell(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Decodes one UTF-8 code point at i (advancing i); invalid bytes give U+FFFD.
char32_t next_code_point(const std::string& s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

// XML text content; line breaks become separate <text:p> by the caller.
std::string xml_escape(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                   (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFFFE) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!allowed) continue;
    if (cp == 0xFFFD && s.compare(start, 3, "\xEF\xBF\xBD") != 0) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    switch (cp) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.append(s, start, i - start);
    }
  }
  return out;
}

std::string ods_cell(const std::string& value) {
  std::string out = "<table:table-cell office:value-type=\"string\">";
  size_t start = 0;
  while (true) {
    size_t nl = value.find('\n', start);
    std::string line = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out += "<text:p>" + xml_escape(line) + "</text:p>";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out + "</table:table-cell>";
}

std::string ods_row(const std::vector<std::string>& values) {
  std::string out = "<table:table-row>";
  for (const auto& v : values) out += ods_cell(v);
  return out + "</table:table-row>\n";
}

constexpr const char* kManifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.2\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

bool add_file(zip_t* za, const char* name, const std::string& data, bool store) {
  zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
  if (!src) return false;
  zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(src);
    return false;
  }
  if (store && zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0) != 0) return false;
  // 1980-01-01: the same register gives the same bytes.
  zip_file_set_dostime(za, static_cast<zip_uint64_t>(idx), 0, (0 << 9) | (1 << 5) | 1, 0);
  return true;
}

}  // namespace

RegisterEntry register_entry(const IncidentRecord& r, const RegisterFacts& f) {
  RegisterEntry e;
  e.reference = f.reference;
  e.discovered = r.discovered_at ? form_time(*r.discovered_at) : "";
  e.reported = f.reported;
  e.organisation = r.organisation.name.value_or("");
  e.unit = r.organisation.unit.value_or("");
  e.incident_type = r.incident_type ? swedish_label("incident_type", *r.incident_type) : "";
  e.description = r.description.value_or("");
  e.data_categories = swedish_labels("data_categories", r.data_categories, "; ");
  if (r.data_subjects.exact) e.data_subjects = std::to_string(*r.data_subjects.exact);
  else if (r.data_subjects.range) e.data_subjects = swedish_label("range", *r.data_subjects.range);
  for (const auto& a : r.actions) {
    if (!e.actions.empty()) e.actions += "\n";
    e.actions += a.at ? form_time(*a.at) + ": " + a.action : a.action;
  }
  if (f.dpo_consulted) e.dpo_consulted = yes_no(*f.dpo_consulted);
  if (f.decision == "notified") e.decision = "Anmäld till IMY";
  else if (f.decision == "not_notified") e.decision = "Ej anmäld till IMY";
  e.decision_date = f.decision_date;
  e.motivation = f.motivation.value_or("");
  e.imy_reference = f.imy_reference.value_or("");
  std::optional<bool> informed = f.subjects_informed ? f.subjects_informed : r.subjects_informed;
  if (informed) {
    e.subjects_informed = yes_no(*informed);
    std::string date = !f.subjects_informed_date.empty() ? f.subjects_informed_date
                       : r.subjects_informed_at      ? form_time(*r.subjects_informed_at)
                                                      : "";
    if (*informed && !date.empty()) e.subjects_informed += " (" + date + ")";
  }
  e.late_internal = yes_no(f.late_internal);
  e.late_imy = yes_no(f.late_imy);
  e.delay_reason = f.delay_reason ? *f.delay_reason : r.late_reason.value_or("");
  e.state = f.closed ? "Avslutad" : "Öppen";
  return e;
}

const std::vector<std::string>& register_headings() {
  static const std::vector<std::string> h = {
      "Referens", "Upptäckt", "Rapporterad", "Organisation", "Enhet", "Typ av incident",
      "Beskrivning av incident", "Kategorier av personuppgifter", "Antal registrerade", "Åtgärder",
      "Kontakt med dataskyddsombud", "Beslut om anmälan till IMY", "Beslutsdatum", "Motivering",
      "IMY:s diarienummer", "De registrerade informerade", "Sen intern rapport (>24 h)",
      "Sen anmälan/beslut (>72 h)", "Skäl till förseningen", "Status"};
  return h;
}

const std::vector<std::string>& register_keys() {
  static const std::vector<std::string> k = {
      "reference", "discovered", "reported", "organisation", "unit", "incident_type", "description",
      "data_categories", "data_subjects", "actions", "dpo_consulted", "decision", "decision_date",
      "motivation", "imy_reference", "subjects_informed", "late_internal", "late_imy", "delay_reason",
      "state"};
  return k;
}

std::string register_csv(const std::vector<RegisterEntry>& entries) {
  std::string out = "\xEF\xBB\xBF";
  auto row = [&](const std::vector<std::string>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out += ';';
      out += csv_cell(values[i]);
    }
    out += "\r\n";
  };
  row(register_headings());
  for (const auto& e : entries) row(cells(e));
  return out;
}

std::string register_json(const std::vector<RegisterEntry>& entries) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& e : entries) {
    nlohmann::ordered_json obj;
    auto values = cells(e);
    for (size_t i = 0; i < values.size(); ++i) obj[register_keys()[i]] = values[i];
    array.push_back(std::move(obj));
  }
  return array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string register_ods(const std::vector<RegisterEntry>& entries, const std::string& sheet_name) {
  std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\n"
      "<office:body><office:spreadsheet>\n<table:table table:name=\"" +
      xml_escape(sheet_name) + "\">\n<table:table-column table:number-columns-repeated=\"" +
      std::to_string(register_headings().size()) + "\"/>\n";
  content += ods_row(register_headings());
  for (const auto& e : entries) content += ods_row(cells(e));
  content += "</table:table>\n</office:spreadsheet></office:body>\n</office:document-content>\n";
  const std::string mimetype = "application/vnd.oasis.opendocument.spreadsheet";

  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return {};
  zip_t* za = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (!za) return {};
  zip_source_keep(buffer.get());  // the archive's close would free it otherwise
  // libzip reads the buffers at zip_close: they must live until then.
  const std::string manifest = kManifest;
  bool ok = add_file(za, "mimetype", mimetype, true) && add_file(za, "META-INF/manifest.xml", manifest, false) &&
            add_file(za, "content.xml", content, false);
  if (!ok || zip_close(za) != 0) {
    zip_discard(za);
    return {};
  }
  std::string bytes;
  if (zip_source_open(buffer.get()) != 0) return {};
  zip_source_seek(buffer.get(), 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer.get());
  zip_source_seek(buffer.get(), 0, SEEK_SET);
  if (size > 0) {
    bytes.resize(static_cast<size_t>(size));
    zip_int64_t got = zip_source_read(buffer.get(), bytes.data(), static_cast<zip_uint64_t>(size));
    if (got != size) bytes.clear();
  }
  zip_source_close(buffer.get());
  return bytes;
}

}  // namespace gdprd::notify
