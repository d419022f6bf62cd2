// The one place the daemon reads the time. Production code takes a Clock&;
// tests pass a FakeClock, and the real binary can run on an OffsetClock
// (--clock-offset / --clock-scale) so that 72 hours pass in seconds.
#pragma once

#include <chrono>

namespace gdprd {

using TimePoint = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// now = start + offset + (real elapsed since start) * scale. With scale 1 this
// is the real clock shifted by offset; with scale 3600 an hour passes a second.
class OffsetClock final : public Clock {
 public:
  OffsetClock(Duration offset, double scale)
      : start_(std::chrono::system_clock::now()), offset_(offset), scale_(scale) {}
  TimePoint now() const override {
    auto elapsed = std::chrono::system_clock::now() - start_;
    auto scaled = std::chrono::duration_cast<Duration>(elapsed * scale_);
    return start_ + offset_ + scaled;
  }

 private:
  TimePoint start_;
  Duration offset_;
  double scale_;
};

// A clock that only moves when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint t) : now_(t) {}
  TimePoint now() const override { return now_; }
  void set(TimePoint t) { now_ = t; }
  void advance(Duration d) { now_ += d; }

 private:
  TimePoint now_;
};

}  // namespace gdprd
