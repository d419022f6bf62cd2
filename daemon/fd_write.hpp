// Writing a whole buffer to a descriptor (pipe, memfd), retrying short writes
// and EINTR: the parse worker's result and the daemon's mail memfd.
#pragma once

#include <string_view>

namespace gdprd::daemon {

// False when the descriptor refused (EPIPE, ENOSPC, ...) before the end.
bool write_all(int fd, std::string_view bytes);

}  // namespace gdprd::daemon
