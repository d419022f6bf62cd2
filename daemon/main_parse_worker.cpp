// gdprincident-parse: builds one mail's record for gdprincidentd in a process
// of its own (daemon/parse_worker.hpp says why and how).
#include <unistd.h>

#include "daemon/parse_worker.hpp"

int main(int argc, char** argv) {
  // _exit: no static destructors or sanitizer leak check (which needs calls
  // the seccomp filter forbids) after the result is written.
  ::_exit(gdprd::daemon::parse_worker_main(argc, argv));
}
