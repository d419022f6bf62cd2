// Sends the due outbox rows through notify's SmtpSender and records the
// outcome: sent, retry later (exponential backoff from the store), or given
// up (a permanent SMTP refusal; the row stays for a human).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/clock.hpp"
#include "notify/smtp_sender.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct DispatchStats {
  size_t sent = 0;
  size_t retry_later = 0;
  size_t given_up = 0;
};

class OutboxDispatcher {
 public:
  // Borrows all three.
  OutboxDispatcher(store::IncidentStore& store, notify::SmtpSender& sender, const Clock& clock)
      : store_(store), sender_(sender), clock_(clock) {}

  // Tries each mail due now once (at most LIMIT). Never throws: a store
  // error ends the pass with one log line.
  DispatchStats dispatch_due(int64_t limit = 200);

 private:
  store::IncidentStore& store_;
  notify::SmtpSender& sender_;
  const Clock& clock_;
};

}  // namespace gdprd::daemon
