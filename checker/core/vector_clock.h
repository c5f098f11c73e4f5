// Vector clocks for happens-before. clock[t] = how many events of thread t
// happen before or at this event, so event (t, seq) happens before an event
// with clock c exactly when c[t] > seq.
//
// Sized to the threads that have appeared so far (missing entries are 0):
// models of up to 16 threads keep their clocks inline, larger ones (up to
// kMaxThreads) spill to the heap.
#pragma once

#include <algorithm>
#include <cstdint>

#include <boost/container/small_vector.hpp>

#include "checker/core/ids.h"

namespace lockstep {

class VectorClock {
 public:
  uint32_t operator[](ThreadId t) const { return t < c_.size() ? c_[t] : 0; }
  void Tick(ThreadId t) {
    if (t >= c_.size()) c_.resize(t + 1, 0);
    ++c_[t];
  }
  void Join(const VectorClock& o) {
    if (o.c_.size() > c_.size()) c_.resize(o.c_.size(), 0);
    for (size_t i = 0; i < o.c_.size(); ++i) c_[i] = std::max(c_[i], o.c_[i]);
  }
  // Does event (t, seq) happen before (or equal) the event holding this clock?
  bool Covers(ThreadId t, uint32_t seq) const { return (*this)[t] > seq; }
  bool operator==(const VectorClock& o) const {
    const size_t n = std::max(c_.size(), o.c_.size());
    for (size_t i = 0; i < n; ++i) {
      if ((*this)[static_cast<ThreadId>(i)] != o[static_cast<ThreadId>(i)]) return false;
    }
    return true;
  }

 private:
  boost::container::small_vector<uint32_t, 16> c_;
};

}  // namespace lockstep
