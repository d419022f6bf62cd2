// A parse worker for tests only (never installed): the real worker, whose
// first argument --fault=NAME makes it misbehave once confined, as a parser
// bug or a taken-over parser would. daemon/parse_sandbox_test.cpp uses it to
// prove that the daemon survives each and that the confinement holds.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "daemon/parse_worker.hpp"

namespace {

void misbehave(std::string_view fault) {
  if (fault == "abort") std::abort();
  if (fault == "segv") {
    volatile int* p = nullptr;
    *p = 1;
  }
  if (fault == "hang")
    for (;;) ::pause();  // blocked, uses no CPU: only the wall clock can end it
  if (fault == "spin") {
    volatile unsigned long spins = 0;
    for (;;) spins = spins + 1;  // volatile: the loop is not optimised away
  }
  if (fault == "hog") {
    std::vector<std::vector<char>> hog;
    for (int i = 0; i < 64; ++i) hog.emplace_back(16u * 1024 * 1024, 'x');  // 1 GB, touched
  }
  if (fault == "open" && ::open("/etc/hostname", O_RDONLY) >= 0) ::_exit(42);
  if (fault == "socket") (void)::socket(AF_INET, SOCK_STREAM, 0);
  if (fault == "fork") (void)::fork();
  if (fault == "descriptors")
    for (int fd = 3; fd < 1024; ++fd)
      if (::fcntl(fd, F_GETFD) != -1) ::_exit(43);
  if (fault == "garbage") {
    static const char junk[] = "{\"record\": [not json";
    (void)!::write(1, junk, sizeof junk - 1);
    ::_exit(0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view fault;
  if (argc > 1 && std::strncmp(argv[1], "--fault=", 8) == 0) {
    fault = argv[1] + 8;
    argv[1] = argv[0];  // the rest is the real worker's command line
    ++argv;
    --argc;
  }
  ::_exit(gdprd::daemon::parse_worker_main(argc, argv, [fault] { misbehave(fault); }));
}
