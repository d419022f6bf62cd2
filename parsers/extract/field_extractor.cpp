#include "parsers/extract/field_extractor.hpp"

#include <exception>

#include "core/limits.hpp"
#include "core/vocabulary.hpp"
#include "parsers/extract/blankett_parser.hpp"
#include "parsers/extract/etjanst_parser.hpp"
#include "parsers/extract/free_text_parser.hpp"
#include "parsers/grammar/personnummer.hpp"

namespace gdprd::parsers {
namespace {

// A blankett shows many of its questions: by their printed texts, with
// numbers, or with tick boxes. A checklist in prose ("Antal registrerade:
// drygt 40") borrows a few labels but neither numbers nor boxes (rule 3).
bool looks_like_blankett(const BlankettEvidence& e) {
  if (e.questions >= 8) return true;
  if (e.questions >= 5 && (e.numbered >= 3 || e.ticks >= 2 || e.exact_labels >= 5)) return true;
  return e.questions >= 3 && e.numbered >= 3 && e.ticks >= 2;
}

const char* kind_name(ReportKind k) {
  switch (k) {
    case ReportKind::blankett: return "blankett";
    case ReportKind::etjanst: return "etjanst";
    case ReportKind::free_text: return "free_text";
  }
  return "free_text";
}

}  // namespace

ReportLayout detect_layout(std::string_view text) {
  ReportLayout layout;
  try {
    if (text.size() > Limits{}.max_text_bytes) text = text.substr(0, Limits{}.max_text_bytes);
    layout.text = text;
    layout.blankett = scan_blankett_blocks(text);
    BlankettEvidence b = blankett_evidence(layout.blankett);
    size_t e = scan_etjanst(text);
    if (e >= 4 && e > b.questions) layout.kind = ReportKind::etjanst;
    else if (looks_like_blankett(b)) layout.kind = ReportKind::blankett;
    else if (e >= 4) layout.kind = ReportKind::etjanst;
  } catch (const std::exception&) {
    // Only allocation can throw here; treat the text as prose, and let no
    // half scan be reused.
    layout = ReportLayout{};
  }
  return layout;
}

ReportKind detect_report_kind(std::string_view text) { return detect_layout(text).kind; }

void extract_fields(std::string_view text, const ExtractContext& ctx, IncidentRecord& record,
                    const ReportLayout* layout) {
  try {
    const size_t max_text = Limits{}.max_text_bytes;
    if (text.size() > max_text) {
      text = text.substr(0, max_text);
      record.warn(std::string(vocab::kLimitExceeded), "report text longer than max_text_bytes; the rest was not read");
    }
    ReportLayout own;
    if (!layout || layout->text.data() != text.data() || layout->text.size() != text.size()) {
      own = detect_layout(text);
      layout = &own;
    }
    ReportKind kind = layout->kind;
    switch (kind) {
      case ReportKind::blankett: parse_blankett(text, layout->blankett, ctx, record); break;
      case ReportKind::etjanst: parse_etjanst(text, ctx, record); break;
      case ReportKind::free_text: parse_free_text(text, ctx, record); break;
    }
    record.report_kind = kind_name(kind);
    if (contains_personnummer(text) || contains_personnummer(ctx.subject))
      record.warn(std::string(vocab::kPersonalIdentityNumber),
                  "the report contains a personal identity number or coordination number");
  } catch (const std::exception&) {
    // Parsers never throw out of their entry points; a record half filled is
    // still a record, and the incident goes to a human through its warnings.
    if (!record.report_kind) record.report_kind = "free_text";
  }
}

}  // namespace gdprd::parsers
