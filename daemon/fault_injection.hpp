// Crash-consistency testing hook: GDPRD_FAULT=<step>:<n> makes the process
// SIGKILL itself the n-th time (1-based) it passes fault_point(<step>), so a
// test can stop the daemon at exactly the moment it wants (tests/e2e/
// crash_e2e.py). Several may be given, comma-separated. Unset (production):
// fault_point costs one branch on a cached flag.
//
// Steps wired in the daemon:
//   fetched         a mail is fetched, nothing stored yet
//   in_transaction  inside the ingest transaction (composing the ack)
//   ingested        a mail's ingest is written, its follow-up merge not yet
//                   (both in the batch's transaction, which is not committed)
//   committed       the batch holding the mail is committed, not yet flagged
//                   (passed once per mail of the batch)
//   smtp_sent       the SMTP server accepted a mail, not yet marked sent
#pragma once

#include <string_view>

namespace gdprd::daemon {

// Counts a pass through `step`; SIGKILLs the process on the configured pass.
void fault_point(std::string_view step);

}  // namespace gdprd::daemon
