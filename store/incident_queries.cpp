#include "store/incident_queries.hpp"

#include <chrono>

namespace gdprd::store {

namespace {

int64_t to_unix(TimePoint t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }
TimePoint from_unix(int64_t s) { return TimePoint(std::chrono::seconds(s)); }

constexpr int64_t kInternalSeconds = 24 * 3600;
constexpr int64_t kImySeconds = 72 * 3600;

// The deadlines and the attention signs per incident, in SQL so that the
// filters and the order are applied by SQLite over the whole table. A record
// that is not valid JSON is never handed to the JSON functions (they would
// fail the whole statement).
constexpr std::string_view kQuery = R"SQL(
SELECT id, aw, internal_run, imy_run, next_due, unit, needs_human, ok, has_limit, has_missing FROM (
  SELECT id, created_at, state, aw, internal_run, imy_run, needs_human, ok,
         CASE WHEN internal_run IS NULL THEN imy_run
              WHEN imy_run IS NULL THEN internal_run
              ELSE min(internal_run, imy_run) END AS next_due,
         CASE WHEN ok THEN json_extract(record_json, '$.organisation.unit') END AS unit,
         CASE WHEN ok THEN EXISTS (SELECT 1 FROM json_each(record_json, '$.warnings') w
                                   WHERE json_extract(w.value, '$.code') = 'limit_exceeded') ELSE 0 END AS has_limit,
         CASE WHEN ok THEN EXISTS (SELECT 1 FROM json_each(record_json, '$.warnings') w
                                   WHERE json_extract(w.value, '$.code') = 'missing_mandatory_field') ELSE 0 END
           AS has_missing
  FROM (
    SELECT id, created_at, state, needs_human, record_json,
           COALESCE(awareness_at, created_at) AS aw,
           CASE WHEN state = 'open' AND category IS NULL THEN COALESCE(awareness_at, created_at) + ?1 END
             AS internal_run,
           CASE WHEN state = 'open' AND decision IS NULL THEN COALESCE(awareness_at, created_at) + ?2 END AS imy_run,
           CASE WHEN json_valid(record_json) THEN json_type(record_json) = 'object' ELSE 0 END AS ok
    FROM incidents
    WHERE (?3 IS NULL OR id = ?3)
  )
)
WHERE (?4 = 0 OR state = 'open')
  AND (?5 IS NULL OR next_due < ?5)
  AND (?6 IS NULL OR next_due <= ?6)
  AND (?7 IS NULL OR aw >= ?7 OR created_at >= ?7)
  AND (?8 = 0 OR needs_human = 1 OR NOT ok OR has_limit OR has_missing)
ORDER BY next_due IS NULL, next_due, created_at DESC, id DESC
)SQL";

}  // namespace

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // U+00C0..U+00DE are C3 80..C3 9E; their lower case is 0x20 higher,
      // except U+00D7 (the multiplication sign).
      auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::vector<ListedIncident> IncidentQueries::run(const IncidentFilter& filter, TimePoint now,
                                                 std::optional<int64_t> only_id) {
  auto s = db_.prepare(kQuery);
  const int64_t now_s = to_unix(now);
  s.bind(1, kInternalSeconds).bind(2, kImySeconds).bind(3, only_id);
  s.bind(4, int64_t{filter.open_only});
  s.bind(5, filter.overdue ? std::optional<int64_t>(now_s) : std::nullopt);
  s.bind(6, filter.due_within
                ? std::optional<int64_t>(now_s + std::chrono::duration_cast<std::chrono::seconds>(*filter.due_within).count())
                : std::nullopt);
  s.bind(7, filter.since ? std::optional<int64_t>(to_unix(*filter.since)) : std::nullopt);
  s.bind(8, int64_t{filter.needs_human});
  const std::string wanted_unit = fold_case(filter.unit);
  std::vector<ListedIncident> out;
  while (s.step()) {
    if (static_cast<int64_t>(out.size()) >= filter.limit) break;
    ListedIncident l;
    l.unit = s.is_null(5) ? std::string() : s.text(5);
    // SQLite's LIKE folds ASCII only, and unit names are Swedish.
    if (!wanted_unit.empty() && fold_case(l.unit).find(wanted_unit) == std::string::npos) continue;
    auto row = store_.incident_by_id(s.int64(0));
    if (!row) continue;  // deleted between the two reads: cannot happen today, harmless if it does
    l.row = std::move(*row);
    l.awareness = from_unix(s.int64(1));
    l.internal_deadline = l.awareness + std::chrono::seconds(kInternalSeconds);
    l.imy_deadline = l.awareness + std::chrono::seconds(kImySeconds);
    l.internal_running = !s.is_null(2);
    l.imy_running = !s.is_null(3);
    if (!s.is_null(4)) l.next_deadline = from_unix(s.int64(4));
    l.overdue = l.next_deadline && *l.next_deadline < now;
    if (s.int64(6) != 0) l.attention.push_back("flagged");
    if (s.int64(7) == 0) l.attention.push_back("unreadable_record");
    if (s.int64(8) != 0) l.attention.push_back("limit_exceeded");
    if (s.int64(9) != 0) l.attention.push_back("missing_mandatory_field");
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<ListedIncident> IncidentQueries::find(const IncidentFilter& filter, TimePoint now) {
  return run(filter, now, std::nullopt);
}

std::optional<ListedIncident> IncidentQueries::describe(int64_t incident_id, TimePoint now) {
  auto found = run(IncidentFilter{}, now, incident_id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace gdprd::store
