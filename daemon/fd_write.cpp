#include "daemon/fd_write.hpp"

#include <unistd.h>

#include <cerrno>

namespace gdprd::daemon {

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t w = ::write(fd, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(w));
  }
  return true;
}

}  // namespace gdprd::daemon
