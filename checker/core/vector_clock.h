// Vector clocks for happens-before. clock[t] = how many events of thread t
// happen before or at this event, so event (t, seq) happens before an event
// with clock c exactly when c[t] > seq.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "checker/core/ids.h"

namespace lockstep {

class VectorClock {
 public:
  uint32_t operator[](ThreadId t) const { return c_[t]; }
  void Tick(ThreadId t) { ++c_[t]; }
  void Join(const VectorClock& o) {
    for (int i = 0; i < kMaxThreads; ++i) c_[i] = std::max(c_[i], o.c_[i]);
  }
  // Does event (t, seq) happen before (or equal) the event holding this clock?
  bool Covers(ThreadId t, uint32_t seq) const { return c_[t] > seq; }
  bool operator==(const VectorClock&) const = default;

 private:
  std::array<uint32_t, kMaxThreads> c_{};
};

}  // namespace lockstep
