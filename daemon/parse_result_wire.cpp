#include "daemon/parse_result_wire.hpp"

#include "core/record_json.hpp"

namespace gdprd::daemon {

std::string sandbox_result_to_json(const parsers::ReadResult& result) {
  const auto& f = result.facts;
  Json facts = {{"message_id", f.message_id},
                {"in_reply_to", f.in_reply_to},
                {"references", f.references},
                {"from_address", f.from_address},
                {"from_name", f.from_name},
                {"reply_to_address", f.reply_to_address},
                {"subject", f.subject},
                {"date", nullptr},
                {"cc_addresses", f.cc_addresses}};
  if (f.date) facts["date"] = static_cast<int64_t>(f.date->time_since_epoch().count());
  Json j = {{"record", to_json(result.record)}, {"facts", facts}, {"needs_human", result.needs_human}};
  // Invalid UTF-8 in a record must not make the dump throw: replace it.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

parsers::ReadResult sandbox_result_from_json(std::string_view json) {
  const Json j = Json::parse(json);
  parsers::ReadResult r;
  r.record = record_from_json(j.at("record"));
  r.needs_human = j.at("needs_human").get<bool>();
  const Json& f = j.at("facts");
  r.facts.message_id = f.at("message_id").get<std::string>();
  r.facts.in_reply_to = f.at("in_reply_to").get<std::string>();
  r.facts.references = f.at("references").get<std::vector<std::string>>();
  r.facts.from_address = f.at("from_address").get<std::string>();
  r.facts.from_name = f.at("from_name").get<std::string>();
  r.facts.reply_to_address = f.at("reply_to_address").get<std::string>();
  r.facts.subject = f.at("subject").get<std::string>();
  r.facts.cc_addresses = f.at("cc_addresses").get<std::vector<std::string>>();
  if (!f.at("date").is_null()) r.facts.date = TimePoint(Duration(f.at("date").get<int64_t>()));
  return r;
}

}  // namespace gdprd::daemon
