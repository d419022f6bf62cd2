#include "daemon/ctl_support.hpp"

#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "config/config.hpp"

#include "core/deadlines/deadline_clock.hpp"
#include "core/record_json.hpp"
#include "daemon/daemon_options.hpp"
#include "store/store_error.hpp"

namespace gdprd::daemon {

namespace {

// access(2) with the real uid: what this user may do, said before SQLite
// turns it into a less helpful "unable to open database file".
bool permission_denied(const std::string& path, int mode) {
  return ::access(path.c_str(), mode) != 0 && (errno == EACCES || errno == EPERM || errno == EROFS);
}

// The mailbox NAME asks for; with a single mailbox NAME may be empty. One
// line on err when there is no such choice.
const config::Config* choose_mailbox(const std::vector<config::Config>& mailboxes, const std::string& name,
                                     std::ostream& err) {
  if (name.empty() && mailboxes.size() == 1) return &mailboxes.front();
  for (const auto& m : mailboxes) {
    if (!name.empty() && m.mailbox.name == name) return &m;
  }
  std::string names;
  for (const auto& m : mailboxes) {
    if (!m.mailbox.name.empty()) names += (names.empty() ? "" : ", ") + m.mailbox.name;
  }
  if (name.empty()) {
    err << "gdprincidentctl: the config has " << mailboxes.size()
        << " mailboxes, each with its own store; choose one with --mailbox NAME (" << names << ")\n";
  } else {
    err << "gdprincidentctl: no mailbox named '" << name << "' in the config"
        << (names.empty() ? std::string() : " (" + names + ")") << "\n";
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<CtlContext> open_ctl_context(const CtlInvocation& inv, int& exit_code) {
  const std::string& config_path = inv.config_path;
  std::ostream& err = inv.err;
  if (permission_denied(config_path, R_OK)) {
    err << "gdprincidentctl: permission denied reading " << config_path
        << " (run as the gdprincidentd user or a member of its group)\n";
    exit_code = kExitNoPerm;
    return nullptr;
  }
  // No secrets: the CLI never logs in, so an admin needs no credentials to use it.
  auto loaded = config::load_config_without_secrets(config_path);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) err << e << "\n";
    exit_code = kExitConfig;
    return nullptr;
  }
  const config::Config* chosen = choose_mailbox(loaded.mailboxes, inv.mailbox, err);
  if (chosen == nullptr) {
    exit_code = kExitConfig;
    return nullptr;
  }
  const std::string& path = chosen->store.path;
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  bool exists = ::access(path.c_str(), F_OK) == 0;
  // WAL needs the directory writable too (the -wal and -shm files).
  if ((exists && permission_denied(path, R_OK | W_OK)) || permission_denied(dir, exists ? (R_OK | X_OK) : W_OK)) {
    err << "gdprincidentctl: permission denied opening the store " << path
        << " (run as the gdprincidentd user or a member of its group)\n";
    exit_code = kExitNoPerm;
    return nullptr;
  }
  auto c = std::make_unique<CtlContext>();
  c->limits = chosen->limits;
  c->mailbox = chosen->mailbox.url;
  c->poll_interval = chosen->mailbox.poll_interval;
  c->ciso = chosen->organisation.ciso;
  try {
    c->db = std::make_unique<store::Database>(path);
    c->store = std::make_unique<store::IncidentStore>(*c->db, c->clock);
  } catch (const store::StoreError& e) {
    int primary = e.sqlite_code() & 0xff;
    bool perm = primary == SQLITE_PERM || primary == SQLITE_READONLY || primary == SQLITE_AUTH;
    err << "gdprincidentctl: " << (perm ? "permission denied: " : "cannot open the store: ") << e.what() << "\n";
    exit_code = perm ? kExitNoPerm : kExitCantCreate;
    return nullptr;
  } catch (const std::exception& e) {
    err << "gdprincidentctl: cannot open the store " << path << ": " << e.what() << "\n";
    exit_code = kExitCantCreate;
    return nullptr;
  }
  return c;
}

CtlFlags parse_ctl_flags(const std::vector<std::string>& args, const std::set<std::string>& booleans,
                         const std::set<std::string>& valued) {
  CtlFlags f;
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (flags_done || a.rfind("--", 0) != 0 || a == "-") {
      f.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      flags_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (name == "help") {
      f.help = true;
    } else if (name == "json") {
      f.json = true;
    } else if (booleans.count(name) && !inline_value) {
      f.set.insert(name);
    } else if (valued.count(name)) {
      if (inline_value) {
        f.value[name] = *inline_value;
      } else if (i + 1 < args.size()) {
        f.value[name] = args[++i];
      } else {
        f.error = "--" + name + " needs a value";
        return f;
      }
    } else {
      f.error = "unknown option --" + name;
      return f;
    }
  }
  return f;
}

std::string invoking_user() {
  std::string name;
  uid_t uid = getuid();
  if (struct passwd* pw = getpwuid(uid)) name = pw->pw_name;
  else name = "uid:" + std::to_string(uid);
  if (uid == 0) {
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) name += " (sudo:" + std::string(sudo) + ")";
  }
  return name;
}

std::optional<Duration> parse_cli_duration(const std::string& text) {
  size_t i = 0;
  long long n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    n = n * 10 + (text[i] - '0');
    if (n > 10LL * 366 * 24 * 60) return std::nullopt;
    ++i;
  }
  if (i == 0 || n == 0) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  std::string unit = text.substr(i);
  long long minutes = 0;
  if (unit == "m" || unit == "min") minutes = n;
  else if (unit == "h") minutes = n * 60;
  else if (unit == "d") minutes = n * 24 * 60;
  else return std::nullopt;
  if (minutes > 10LL * 366 * 24 * 60) return std::nullopt;
  return std::chrono::duration_cast<Duration>(std::chrono::minutes(minutes));
}

IncidentRecord record_of(const store::IncidentRow& row) {
  try {
    return record_from_json(Json::parse(row.record_json));
  } catch (const std::exception&) {
    return IncidentRecord{};
  }
}

RowDeadlines row_deadlines(const store::IncidentRow& row, TimePoint now) {
  RowDeadlines d;
  d.awareness = row.awareness_at.value_or(row.created_at);
  d.internal = d.awareness + deadlines::kInternalDeadline;
  d.imy = d.awareness + deadlines::kImyDeadline;
  d.decided = row.decision.has_value();
  bool open = row.state == "open";
  d.overdue = open && !d.decided && now > d.imy;
  if (open && !d.decided) d.next = now <= d.internal ? d.internal : d.imy;
  return d;
}

std::string format_time_left(Duration left) {
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(left).count();
  std::string sign = minutes < 0 ? "-" : "";
  if (minutes < 0) minutes = -minutes;
  long long days = minutes / (24 * 60), hours = (minutes / 60) % 24, mins = minutes % 60;
  if (days > 0) return sign + std::to_string(days) + " d " + std::to_string(hours) + " h";
  return sign + std::to_string(hours) + " h " + std::to_string(mins) + " min";
}

int ctl_failure(const CtlInvocation& inv, const char* command, const std::exception& e) {
  int code = kExitSoftware;
  if (const auto* se = dynamic_cast<const store::StoreError*>(&e)) {
    int primary = se->sqlite_code() & 0xff;
    if (primary == SQLITE_PERM || primary == SQLITE_READONLY || primary == SQLITE_AUTH ||
        primary == SQLITE_CANTOPEN)
      code = kExitNoPerm;
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      code = 75;  // EX_TEMPFAIL
  }
  inv.err << "gdprincidentctl " << command << ": " << e.what() << "\n";
  return code;
}

std::optional<CtlIncident> open_ctl_incident(const CtlInvocation& inv, const char* command,
                                             const std::string& reference, int& exit_code) {
  CtlIncident found;
  found.context = open_ctl_context(inv, exit_code);
  if (!found.context) return std::nullopt;
  try {
    auto row = found.context->store->incident_by_reference(reference);
    if (!row) {
      inv.err << "gdprincidentctl " << command << ": no incident " << reference << "\n";
      exit_code = kExitNotFound;
      return std::nullopt;
    }
    found.row = std::move(*row);
  } catch (const std::exception& e) {
    exit_code = ctl_failure(inv, command, e);
    return std::nullopt;
  }
  found.who = invoking_user();
  return found;
}

int ctl_usage(const CtlInvocation& inv, const char* usage, bool help, const std::string& error) {
  if (help) {
    inv.out << "usage: gdprincidentctl " << usage << "\n";
    return kExitOk;
  }
  if (!error.empty()) inv.err << "gdprincidentctl: " << error << "\n";
  inv.err << "usage: gdprincidentctl " << usage << "\n";
  return kExitUsage;
}

}  // namespace gdprd::daemon
