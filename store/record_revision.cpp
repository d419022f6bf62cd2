#include "store/record_revision.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace gdprd::store {

void revise_record(Database& db, int64_t incident_id, std::string_view new_json, bool needs_human,
                   std::string_view actor, std::string_view kind, std::string_view detail_json, TimePoint at) {
  nlohmann::ordered_json detail = nlohmann::ordered_json::parse(detail_json, nullptr, false);
  if (detail.is_discarded() || !detail.is_object()) throw StoreError("event detail must be a JSON object", 0);
  Transaction tx(db);
  std::string old_json;
  {
    auto current = db.prepare("SELECT record_json FROM incidents WHERE id = ?");
    current.bind(1, incident_id);
    if (!current.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
    old_json = current.text(0);
  }
  // Kept parsed when it parses, so the event reads as JSON; verbatim otherwise.
  auto old_record = nlohmann::ordered_json::parse(old_json, nullptr, false);
  detail["old_record"] = old_record.is_discarded() ? nlohmann::ordered_json(old_json) : old_record;
  db.prepare("UPDATE incidents SET record_json = ?, needs_human = ? WHERE id = ?")
      .bind(1, new_json)
      .bind(2, int64_t{needs_human ? 1 : 0})
      .bind(3, incident_id)
      .run();
  db.prepare("INSERT INTO events (incident_id, at, actor, kind, detail_json) VALUES (?, ?, ?, ?, ?)")
      .bind(1, incident_id)
      .bind(2, int64_t{std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count()})
      .bind(3, actor)
      .bind(4, kind)
      .bind(5, detail.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
      .run();
  tx.commit();
}

}  // namespace gdprd::store
