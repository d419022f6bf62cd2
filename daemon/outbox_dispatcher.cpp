#include "daemon/outbox_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "daemon/fault_injection.hpp"

namespace gdprd::daemon {

DispatchStats OutboxDispatcher::dispatch_due(int64_t limit) {
  DispatchStats stats;
  try {
    for (const auto& entry : store_.due_outbox(clock_.now(), limit)) {
      auto result = sender_.send(entry.sender, entry.recipients, entry.message);
      TimePoint now = clock_.now();
      std::string to = entry.recipients.empty() ? "" : entry.recipients.front();
      if (result.ok()) {
        fault_point("smtp_sent");
        store_.mark_sent(entry.id, now);
        ++stats.sent;
        spdlog::info("outbox={} kind={} to={} sent", entry.id, entry.kind, to);
      } else if (result.status == notify::SendResult::Status::temporary) {
        store_.mark_failed(entry.id, result.message, store::next_attempt_after(entry.attempts + 1, now));
        ++stats.retry_later;
        spdlog::warn("outbox={} kind={} to={} failed, will retry: {}", entry.id, entry.kind, to,
                     result.message);
      } else {
        store_.mark_failed(entry.id, result.message, std::nullopt);
        ++stats.given_up;
        spdlog::error("outbox={} kind={} to={} refused permanently: {}", entry.id, entry.kind, to,
                      result.message);
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("outbox dispatch stopped: {}", e.what());
  }
  return stats;
}

}  // namespace gdprd::daemon
