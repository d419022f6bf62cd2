#include "daemon/fault_injection.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

namespace gdprd::daemon {
namespace {

struct Faults {
  std::mutex mutex;
  std::map<std::string, long, std::less<>> kill_at;  // step -> pass number
  std::map<std::string, long, std::less<>> passes;
};

// Parsed once; a malformed entry is ignored (it is a test-only variable).
Faults* faults() {
  static Faults* f = [] () -> Faults* {
    const char* env = std::getenv("GDPRD_FAULT");
    if (env == nullptr || *env == '\0') return nullptr;
    auto* parsed = new Faults;  // lives until the process is killed or exits
    std::string spec(env);
    size_t start = 0;
    while (start <= spec.size()) {
      size_t end = spec.find(',', start);
      if (end == std::string::npos) end = spec.size();
      const std::string item = spec.substr(start, end - start);
      const size_t colon = item.rfind(':');
      if (colon != std::string::npos && colon > 0) {
        const long n = std::strtol(item.c_str() + colon + 1, nullptr, 10);
        if (n > 0) parsed->kill_at[item.substr(0, colon)] = n;
      }
      start = end + 1;
    }
    return parsed;
  }();
  return f;
}

}  // namespace

void fault_point(std::string_view step) {
  Faults* f = faults();
  if (f == nullptr) return;
  std::lock_guard lock(f->mutex);
  auto at = f->kill_at.find(step);
  if (at == f->kill_at.end()) return;
  auto& passes = f->passes[std::string(step)];
  if (++passes == at->second) {
    static const char msg[] = "GDPRD_FAULT: SIGKILL\n";
    (void)!::write(2, msg, sizeof msg - 1);
    ::kill(::getpid(), SIGKILL);
  }
}

}  // namespace gdprd::daemon
