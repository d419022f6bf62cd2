#include "daemon/followup_merge.hpp"

#include <spdlog/spdlog.h>

#include "notify/followup_notice.hpp"

namespace gdprd::daemon {
namespace {

bool states(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_array() || v.is_string()) return !v.empty();
  return true;
}

bool count_stated(const Json& count) {
  return count.is_object() && (states(count.value("exact", Json())) || states(count.value("range", Json())));
}

}  // namespace

FollowupMerge merge_followup(const IncidentRecord& current, const IncidentRecord& followup) {
  static const std::vector<std::string> kKeep = {"message_class", "report_kind", "document_type", "warnings"};
  static const std::vector<std::string> kByKey = {"organisation", "contact", "assessment"};
  static const std::vector<std::string> kCounts = {"data_subjects", "records"};
  Json merged = to_json(current);
  Json incoming = to_json(followup);
  FollowupMerge out;
  auto take = [&](const std::string& field, Json& slot, const Json& value) {
    if (slot == value) return;
    out.changes.push_back({field, slot, value});
    slot = value;
  };
  for (auto it = incoming.begin(); it != incoming.end(); ++it) {
    const std::string& key = it.key();
    if (std::find(kKeep.begin(), kKeep.end(), key) != kKeep.end()) continue;
    if (std::find(kByKey.begin(), kByKey.end(), key) != kByKey.end() && it->is_object()) {
      for (auto sub = it->begin(); sub != it->end(); ++sub)
        if (states(*sub)) take(key + "." + sub.key(), merged[key][sub.key()], *sub);
    } else if (std::find(kCounts.begin(), kCounts.end(), key) != kCounts.end()) {
      if (count_stated(*it)) take(key, merged[key], *it);
    } else if (states(*it)) {
      take(key, merged[key], *it);
    }
  }
  try {
    out.merged = record_from_json(merged);
  } catch (const std::exception&) {
    // Both inputs came from to_json, so this cannot happen; keep the current record if it does.
    out.merged = current;
    out.changes.clear();
  }
  out.merged.message_class = current.message_class;
  if (followup.has_warning("personal_identity_number_in_report")) {
    for (const auto& w : followup.warnings)
      if (w.code == "personal_identity_number_in_report") out.merged.warn(w.code, w.message);
  }
  return out;
}

size_t apply_followup(store::IncidentStore& store, const store::IncidentRef& incident, int64_t message_row,
                      const IncidentRecord& followup, const FollowupSettings& settings, TimePoint now) {
  try {
    auto row = store.incident_by_id(incident.id);
    if (!row) return 0;
    IncidentRecord current = record_from_json(Json::parse(row->record_json));
    auto result = merge_followup(current, followup);
    if (result.changes.empty() && result.merged == current) {
      store.append_event(incident.id, settings.actor, "followup_received",
                         Json{{"message", message_row}, {"changes", Json::array()}}.dump());
      return 0;
    }
    Json changes = Json::array();
    std::vector<notify::FollowupChange> notice_changes;
    for (const auto& c : result.changes) {
      changes.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
      notice_changes.push_back({c.field, c.before.is_null() ? "" : c.before.dump(), c.after.dump()});
    }
    Json detail = {{"message", message_row}, {"changes", changes}};
    std::optional<notify::ComposedMail> notice;
    if (!settings.ciso.empty()) {
      auto mail = notify::compose_followup_notice(incident.reference, notice_changes, settings.from,
                                                  settings.ciso, now);
      if (mail.mail)
        notice = *mail.mail;
      else
        spdlog::warn("ref={} follow-up notice not composed: {}", incident.reference, mail.error);
    }
    // The revised record, its event and the CISO's notice are one write: a
    // crash or an error never leaves a merge without its notice. (The caller
    // may hold it in the same transaction as the follow-up's ingest.)
    store.atomically([&] {
      store.revise_record(incident.id, to_json(result.merged).dump(), row->needs_human, settings.actor,
                          "followup_merged", detail.dump());
      if (notice)
        store.enqueue(incident.id, store::OutboxMail{"followup_notice",
                                                     "followup:" + incident.reference + ":" +
                                                         std::to_string(message_row),
                                                     settings.from, settings.ciso, notice->bytes,
                                                     notice->message_id});
    });
    spdlog::info("ref={} follow-up merged: {} field(s) changed", incident.reference, result.changes.size());
    return result.changes.size();
  } catch (const std::exception& e) {
    spdlog::error("ref={} follow-up not merged: {}", incident.reference, e.what());
  }
  return 0;
}

}  // namespace gdprd::daemon
