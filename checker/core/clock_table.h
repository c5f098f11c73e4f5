// The vector clocks of one execution, for happens-before: one per event and
// one per thread (the clock of its last event). clock[t] = how many events of
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
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "checker/core/ids.h"

namespace lockstep {

class ClockTable {
 public:
  // Starts an execution: no events, and no thread has run.
  void Clear() {
    events_ = 0;
    threads_ = 0;
  }

  // The working row becomes thread t's clock (zero before its first event).
  void Begin(ThreadId t) {
    Reserve(t);
    std::copy_n(ThreadRow(t), width_, work_.data());
  }
  // Adds event i's clock to the working row.
  void Join(EventIndex i) {
    const uint32_t* c = EventRow(i);
    uint32_t* w = work_.data();
    for (size_t k = 0; k < width_; ++k) w[k] = std::max(w[k], c[k]);
  }
  // Does event (t, seq) happen before the event the working row is for?
  bool WorkCovers(ThreadId t, uint32_t seq) const { return t < width_ && work_[t] > seq; }
  // Ticks the working row for thread t's new event and stores it as the clock
  // of the next event and of t.
  void Commit(ThreadId t) {
    ++work_[t];
    if ((events_ + 1) * width_ > events_rows_.size()) events_rows_.resize((events_ + 1) * width_ * 2);
    std::copy_n(work_.data(), width_, EventRow(static_cast<EventIndex>(events_)));
    ++events_;
    std::copy_n(work_.data(), width_, ThreadRow(t));
  }

  // Does event (t, seq) happen before (or equal) event k?
  bool Covers(EventIndex k, ThreadId t, uint32_t seq) const { return t < width_ && EventRow(k)[t] > seq; }
  // How many events thread t has had in this execution.
  uint32_t EventsOf(ThreadId t) const { return t < threads_ ? ThreadRow(t)[t] : 0; }

 private:
  uint32_t* EventRow(EventIndex i) { return events_rows_.data() + size_t{i} * width_; }
  const uint32_t* EventRow(EventIndex i) const { return events_rows_.data() + size_t{i} * width_; }
  uint32_t* ThreadRow(ThreadId t) { return thread_rows_.data() + size_t{t} * width_; }
  const uint32_t* ThreadRow(ThreadId t) const { return thread_rows_.data() + size_t{t} * width_; }

  // Makes thread t's clock exist (zero if it has not run).
  void Reserve(ThreadId t) {
    if (t >= width_) Widen(t);
    if (t < threads_) return;
    thread_rows_.resize(std::max(thread_rows_.size(), (size_t{t} + 1) * width_));
    std::fill(ThreadRow(static_cast<ThreadId>(threads_)), ThreadRow(t) + width_, 0);
    threads_ = size_t{t} + 1;
  }

  // Re-lays every clock out at a width that holds thread t.
  void Widen(ThreadId t) {
    size_t width = width_;
    while (width <= t) width *= 2;
    auto relayout = [&](std::vector<uint32_t>& rows, size_t n) {
      std::vector<uint32_t> wider(std::max(n, size_t{1}) * width, 0);
      for (size_t r = 0; r < n; ++r) std::copy_n(rows.data() + r * width_, width_, wider.data() + r * width);
      rows = std::move(wider);
    };
    relayout(events_rows_, events_);
    relayout(thread_rows_, threads_);
    std::vector<uint32_t> work(width, 0);
    std::copy_n(work_.data(), width_, work.data());
    work_ = std::move(work);
    width_ = width;
  }

  size_t width_ = 4;
  size_t events_ = 0;   // rows of events_rows_ in use
  size_t threads_ = 0;  // rows of thread_rows_ in use
  std::vector<uint32_t> events_rows_;
  std::vector<uint32_t> thread_rows_;
  std::vector<uint32_t> work_ = std::vector<uint32_t>(4, 0);
};

}  // namespace lockstep
