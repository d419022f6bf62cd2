// The notify protocol against a real AF_UNIX datagram socket that the test
// binds and names in $NOTIFY_SOCKET, as systemd does for a Type=notify unit.
#include "daemon/systemd_notify.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace gdprd::daemon::systemd {
namespace {

// Sets or unsets one environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A bound datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  // abstract: bind in the abstract namespace (NOTIFY_SOCKET=@name).
  explicit NotifySocket(bool abstract) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string unique = "gdprd-notify-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_);
    socklen_t len = 0;
    if (abstract) {
      name_ = "@" + unique;
      std::memcpy(addr.sun_path + 1, unique.data(), unique.size());
      len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + unique.size());
    } else {
      name_ = (std::filesystem::temp_directory_path() / unique).string();
      std::filesystem::remove(name_);
      std::memcpy(addr.sun_path, name_.data(), name_.size());
      len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name_.size() + 1);
    }
    bound_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0;
    abstract_ = abstract;
  }
  ~NotifySocket() {
    if (fd_ >= 0) ::close(fd_);
    if (!abstract_) std::filesystem::remove(name_);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool bound() const { return bound_; }
  const std::string& name() const { return name_; }

  // The next datagram, or nullopt when none arrives within timeout_ms.
  std::optional<std::string> receive(int timeout_ms = 1000) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) != 1) return std::nullopt;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
  }

 private:
  static inline int counter_ = 0;
  int fd_ = -1;
  bool bound_ = false;
  bool abstract_ = false;
  std::string name_;
};

TEST(SystemdNotify, ReadyArrivesAsOneDatagramOnAPathSocket) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  ready();
  EXPECT_EQ(sock.receive(), "READY=1");
  EXPECT_EQ(sock.receive(50), std::nullopt);
}

TEST(SystemdNotify, ReloadReadyStoppingAndWatchdogArriveInOrder) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  reloading();
  ready();
  watchdog_ping();
  stopping();
  EXPECT_EQ(sock.receive(), "RELOADING=1");
  EXPECT_EQ(sock.receive(), "READY=1");
  EXPECT_EQ(sock.receive(), "WATCHDOG=1");
  EXPECT_EQ(sock.receive(), "STOPPING=1");
}

TEST(SystemdNotify, StatusCarriesTheText) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  status("last poll 2026-05-20 16:39 ok; 3 open incidents");
  EXPECT_EQ(sock.receive(), "STATUS=last poll 2026-05-20 16:39 ok; 3 open incidents");
}

TEST(SystemdNotify, NewlineInStatusCannotForgeReadiness) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  status("server said: bye\nREADY=1\r\nWATCHDOG=1");
  auto got = sock.receive();
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, "STATUS=server said: bye READY=1  WATCHDOG=1");
  EXPECT_EQ(got->find('\n'), std::string::npos);
}

TEST(SystemdNotify, OverlongStatusIsCut) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  status(std::string(100000, 'x'));
  auto got = sock.receive();
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, "STATUS=" + std::string(kMaxStatusBytes, 'x'));
}

TEST(SystemdNotify, AbstractNamespaceSocketIsReached) {
  NotifySocket sock(true);
  ASSERT_TRUE(sock.bound());
  ASSERT_EQ(sock.name()[0], '@');
  ScopedEnv env("NOTIFY_SOCKET", sock.name().c_str());
  ready();
  status("abstract");
  EXPECT_EQ(sock.receive(), "READY=1");
  EXPECT_EQ(sock.receive(), "STATUS=abstract");
}

TEST(SystemdNotify, WithoutNotifySocketNothingIsSent) {
  NotifySocket sock(false);
  ASSERT_TRUE(sock.bound());
  ScopedEnv env("NOTIFY_SOCKET", nullptr);
  ready();
  reloading();
  status("nobody listens");
  watchdog_ping();
  stopping();
  EXPECT_EQ(sock.receive(100), std::nullopt);
}

TEST(SystemdNotify, NotifySocketThatDoesNotExistIsHarmless) {
  auto missing = std::filesystem::temp_directory_path() / ("gdprd-no-such-socket-" + std::to_string(::getpid()));
  ScopedEnv env("NOTIFY_SOCKET", missing.c_str());
  ready();
  status("lost");
  stopping();
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(SystemdNotify, WatchdogIntervalIsHalfOfWatchdogUsec) {
  std::string pid = std::to_string(::getpid());
  ScopedEnv usec("WATCHDOG_USEC", "30000000");
  ScopedEnv wpid("WATCHDOG_PID", pid.c_str());
  auto interval = watchdog_interval();
  ASSERT_TRUE(interval);
  EXPECT_EQ(*interval, std::chrono::seconds(15));
}

TEST(SystemdNotify, WatchdogMeantForAnotherProcessIsIgnored) {
  std::string other = std::to_string(::getpid() + 1);
  ScopedEnv usec("WATCHDOG_USEC", "30000000");
  ScopedEnv wpid("WATCHDOG_PID", other.c_str());
  EXPECT_EQ(watchdog_interval(), std::nullopt);
}

TEST(SystemdNotify, NoOrMalformedWatchdogUsecMeansNoWatchdog) {
  ScopedEnv wpid("WATCHDOG_PID", nullptr);
  {
    ScopedEnv usec("WATCHDOG_USEC", nullptr);
    EXPECT_EQ(watchdog_interval(), std::nullopt);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "fifteen minutes");
    EXPECT_EQ(watchdog_interval(), std::nullopt);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "0");
    EXPECT_EQ(watchdog_interval(), std::nullopt);
  }
}

TEST(PollStatusText, SuccessfulPollShowsTimeAndOpenIncidents) {
  EXPECT_EQ(poll_status_text("2026-05-20 16:39", true, "", 3), "last poll 2026-05-20 16:39 ok; 3 open incidents");
  EXPECT_EQ(poll_status_text("2026-05-20 16:39", true, "", 1), "last poll 2026-05-20 16:39 ok; 1 open incident");
}

TEST(PollStatusText, FailedPollCarriesTheReasonOnOneLine) {
  EXPECT_EQ(poll_status_text("2026-05-20 16:40", false, "connect refused\r\nREADY=1", 0),
            "last poll 2026-05-20 16:40 FAILED (connect refused  READY=1); 0 open incidents");
}

TEST(PollStatusText, UnreadableStoreSaysTheCountIsUnknown) {
  EXPECT_EQ(poll_status_text("2026-05-20 16:41", false, "database is locked", std::nullopt),
            "last poll 2026-05-20 16:41 FAILED (database is locked); open incidents unknown");
}

}  // namespace
}  // namespace gdprd::daemon::systemd
