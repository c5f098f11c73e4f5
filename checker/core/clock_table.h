// The vector clocks of one execution, for happens-before: one per event (a
// thread's clock is that of its last event). clock[t] = how many events of
// thread t happen before or at the event, so event (t, seq) happens before an
// event with clock c exactly when c[t] > seq.
//
// Every clock has the same width, a power of two at least the number of
// threads that have run (4 for most models, 64 at most), and all of them
// live in one flat table: computing an event's clock copies, joins and ticks
// fixed-width rows that the compiler vectorizes, and nothing is allocated
// once the table has grown to the longest execution. A thread beyond the
// width widens every clock (a few times per exploration at most: the width
// is kept across executions).
//
// A new event's clock is built in a working row: Begin(t) starts it from
// thread t's clock, Join() adds what must happen before the event, and
// Commit(t) ticks it and stores it as the next event's and t's clock.
//
// Truncate(n) forgets every event from n on: the explorer replays a prefix
// without recomputing its clocks, which are the same in every replay.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "checker/core/ids.h"

namespace lockstep {

class ClockTable {
 public:
  // Starts an execution: no events, and no thread has run.
  void Clear() {
    events_ = 0;
    std::fill(last_event_.begin(), last_event_.end(), kNone);
  }

  // The working row becomes thread t's clock (zero before its first event).
  void Begin(ThreadId t) {
    if (t >= width_) Widen(t);
    const uint32_t last = last_event_[t];
    WithWidth([&](auto width) {
      if (last == kNone) {
        std::fill_n(work_.data(), width(), 0);
      } else {
        std::copy_n(EventRow(last), width(), work_.data());
      }
    });
  }
  // Adds event i's clock to the working row.
  void Join(EventIndex i) {
    const uint32_t* c = EventRow(i);
    uint32_t* w = work_.data();
    WithWidth([&](auto width) {
      for (size_t k = 0; k < width(); ++k) w[k] = std::max(w[k], c[k]);
    });
  }
  // Does event (t, seq) happen before the event the working row is for?
  bool WorkCovers(ThreadId t, uint32_t seq) const { return t < width_ && work_[t] > seq; }
  // Stores the working row, ticked for thread t's new event, as the clock of
  // the next event, the last of t.
  void Commit(ThreadId t) {
    if ((events_ + 1) * width_ > rows_.size()) rows_.resize((events_ + 1) * width_ * 2);
    if (events_ >= thread_.size()) {
      thread_.resize((events_ + 1) * 2);
      previous_.resize((events_ + 1) * 2);
    }
    thread_[events_] = t;
    previous_[events_] = last_event_[t];
    uint32_t* row = EventRow(static_cast<EventIndex>(events_));
    // Tick after copying: a narrow store just before the wide load that
    // copies the row would stall the load (no store-to-load forwarding).
    WithWidth([&](auto width) { std::copy_n(work_.data(), width(), row); });
    ++row[t];
    last_event_[t] = static_cast<uint32_t>(events_++);
  }

  // Back to the state after the first n events.
  void Truncate(size_t n) {
    for (; events_ > n; --events_) last_event_[thread_[events_ - 1]] = previous_[events_ - 1];
  }

  // Does event (t, seq) happen before (or equal) event k?
  bool Covers(EventIndex k, ThreadId t, uint32_t seq) const { return t < width_ && EventRow(k)[t] > seq; }
  // How many events thread t has had in this execution.
  uint32_t EventsOf(ThreadId t) const {
    return t < width_ && last_event_[t] != kNone ? EventRow(last_event_[t])[t] : 0;
  }

 private:
  static constexpr uint32_t kNone = ~uint32_t{0};

  uint32_t* EventRow(EventIndex i) { return rows_.data() + size_t{i} * width_; }
  const uint32_t* EventRow(EventIndex i) const { return rows_.data() + size_t{i} * width_; }

  // Calls f with the width as a compile-time constant, so that rows are
  // copied and joined by a few vector instructions rather than a loop.
  template <class F>
  void WithWidth(F&& f) const {
    switch (width_) {
      case 4:
        return f(std::integral_constant<size_t, 4>{});
      case 8:
        return f(std::integral_constant<size_t, 8>{});
      case 16:
        return f(std::integral_constant<size_t, 16>{});
      case 32:
        return f(std::integral_constant<size_t, 32>{});
      default:
        return f(std::integral_constant<size_t, 64>{});
    }
  }

  // Re-lays every clock out at a width that holds thread t.
  void Widen(ThreadId t) {
    size_t width = width_;
    while (width <= t) width *= 2;
    std::vector<uint32_t> rows(std::max<size_t>(events_, 1) * width, 0);
    for (size_t r = 0; r < events_; ++r)
      std::copy_n(rows_.data() + r * width_, width_, rows.data() + r * width);
    rows_ = std::move(rows);
    work_.resize(width, 0);
    last_event_.resize(width, kNone);
    width_ = width;
  }

  size_t width_ = 4;            // 4, 8, 16, 32 or 64 (kMaxThreads)
  size_t events_ = 0;           // rows of rows_ in use
  std::vector<uint32_t> rows_;  // event i's clock at [i * width_, (i + 1) * width_)
  std::vector<uint32_t> work_ = std::vector<uint32_t>(4, 0);
  std::vector<uint32_t> last_event_ = std::vector<uint32_t>(4, kNone);  // per thread, kNone before its first
  // Per event, for Truncate: its thread, and that thread's event before it.
  std::vector<ThreadId> thread_;
  std::vector<uint32_t> previous_;
};

}  // namespace lockstep
