#include "daemon/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <string>

namespace gdprd::daemon::systemd {
namespace {

// sd_notify splits its message at newlines into assignments, so text from
// outside (an IMAP error) must not carry one.
std::string single_line(std::string_view text, std::size_t max_bytes) {
  std::string out(text.substr(0, max_bytes));
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace

void ready() { sd_notify(0, "READY=1"); }
void reloading() { sd_notify(0, "RELOADING=1"); }
void stopping() { sd_notify(0, "STOPPING=1"); }
void status(std::string_view text) {
  sd_notify(0, ("STATUS=" + single_line(text, kMaxStatusBytes)).c_str());
}
void watchdog_ping() { sd_notify(0, "WATCHDOG=1"); }

std::optional<std::chrono::microseconds> watchdog_interval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec / 2);
}

std::string poll_status_text(std::string_view last_poll, bool ok, std::string_view error,
                             std::optional<std::size_t> open_incidents) {
  std::string text = "last poll " + std::string(last_poll);
  if (ok) {
    text += " ok";
  } else {
    text += " FAILED";
    if (!error.empty()) text += " (" + single_line(error, 200) + ")";
  }
  if (!open_incidents) return text + "; open incidents unknown";
  text += "; " + std::to_string(*open_incidents) + (*open_incidents == 1 ? " open incident" : " open incidents");
  return text;
}

}  // namespace gdprd::daemon::systemd
