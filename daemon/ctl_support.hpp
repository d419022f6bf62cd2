// What the gdprincidentctl subcommands share: flag parsing, the invoking
// user, a row's record and deadlines, and one-line error reporting.
#pragma once

#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/record.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

constexpr int kExitNoPerm = 77;  // EX_NOPERM: the store (or config) may not be read/written by this user
constexpr int kExitNotFound = 1;  // no such incident

// The store plus the few config values the subcommands need.
struct CtlContext : CtlStore {
  Limits limits;
  std::string mailbox;          // the configured mailbox URL (the store's name for it)
  Duration poll_interval{std::chrono::seconds(60)};
  std::vector<std::string> ciso;
};

// Loads the config and opens its store beside a running daemon (WAL, busy
// timeout). nullptr after one line on err; exit_code is then 77 when this
// user may not read the config or read/write the store or its directory,
// 78 for a bad config, 73 when the store cannot be opened otherwise.
// With several [[mailbox]] tables, inv.mailbox names the one whose store
// is opened (78 when it is missing or unknown).
std::unique_ptr<CtlContext> open_ctl_context(const CtlInvocation& inv, int& exit_code);

struct CtlFlags {
  bool help = false;
  bool json = false;
  std::set<std::string> set;                 // boolean flags given (without "--")
  std::map<std::string, std::string> value;  // valued flags given
  std::vector<std::string> positional;
  std::string error;                         // non-empty: a usage error
};

// Parses "--name", "--name VALUE" and "--name=VALUE" for the names listed
// (without "--"); --help and --json are always known. Anything else starting
// with "--" is an error; "--" ends the flags.
CtlFlags parse_ctl_flags(const std::vector<std::string>& args, const std::set<std::string>& booleans,
                         const std::set<std::string>& valued);

// The Unix user running the command (real uid), for the event log: "alice",
// or "uid:1234" when the uid has no passwd entry; with sudo, "root (sudo:alice)".
std::string invoking_user();

// "30m", "12h", "3d" (also "90min", "2 h", "1 d"): a positive whole number of
// minutes, hours or days. nullopt when malformed, zero or above ten years.
std::optional<Duration> parse_cli_duration(const std::string& text);

// The stored record; an empty report record when the stored JSON is unreadable.
IncidentRecord record_of(const store::IncidentRow& row);

struct RowDeadlines {
  TimePoint awareness;
  TimePoint internal;   // awareness + 24 h
  TimePoint imy;        // awareness + 72 h
  bool decided = false;
  bool overdue = false;  // open, undecided and past the IMY deadline
  // The next deadline still running (internal, then IMY), nullopt when decided
  // or closed: what `list` sorts by.
  std::optional<TimePoint> next;
};

// Deadlines of a stored incident (its awareness_at, else its creation) at now.
RowDeadlines row_deadlines(const store::IncidentRow& row, TimePoint now);

// "2 d 4 h", "3 h 12 min", "-5 h 3 min" (overdue) for the CLI.
std::string format_time_left(Duration left);

// The prelude of every subcommand that acts on one incident: the context
// (config and store, as open_ctl_context), the incident's row, and who acts
// (invoking_user()).
struct CtlIncident {
  std::unique_ptr<CtlContext> context;
  store::IncidentRow row;
  std::string who;
};

// Opens the context and finds reference in it. nullopt after one line on
// inv.err, exit_code then set: open_ctl_context's codes, kExitNotFound when
// there is no such incident, ctl_failure's when the lookup fails.
std::optional<CtlIncident> open_ctl_incident(const CtlInvocation& inv, const char* command,
                                             const std::string& reference, int& exit_code);

// Prints "gdprincidentctl <command>: <what>: <reason>" on one line and returns
// the exit code: 77 for a permission problem, 75 when the database stayed
// busy (try again), 70 otherwise.
int ctl_failure(const CtlInvocation& inv, const char* command, const std::exception& e);

// Prints the usage line of a command and returns kExitUsage (or kExitOk to
// out for --help).
int ctl_usage(const CtlInvocation& inv, const char* usage, bool help, const std::string& error = {});

}  // namespace gdprd::daemon
