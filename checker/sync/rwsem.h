// RwSem: the kernel's reader-writer semaphore (mmap_sem / mmap_lock) with the
// writer fairness of Linux's rwsem (docs/models/oom-reaper.md). State: W (a writer holds it), R
// (number of readers holding it), Q (FIFO queue of waiting readers/writers).
//
//   op                   condition                  effect
//   down_read()          !W and Q empty             R += 1
//                        otherwise                  queue as reader, block
//   down_read_trylock()  !W and Q empty             R += 1, true
//                        otherwise                  false    (fails while anyone waits)
//   down_write()         !W and R == 0 and Q empty  W = t
//                        otherwise                  queue as writer, block
//   down_write_trylock() !W and R == 0 and Q empty  W = t, true; else false
//   up_read()            t holds it for read        R -= 1; if R == 0: wake
//   up_write()           t holds it for write       W = none; wake
//   wake: if Q's head is a writer, it gets W; else the run of readers at the
//         head of Q all get R (a reader never overtakes a queued writer).
//   up_* by a thread not holding it: lock-misuse.
//
// Invariant: Q is non-empty only while the lock is held, so a queued writer
// makes every later reader wait behind it. This is what lets the model show
// the reaper -> queued writer -> page fault deadlock.
// Dependence: every operation on the same rwsem is dependent, except that
// failed trylocks (they change nothing) commute with each other.
#pragma once

#include <source_location>
#include <string>
#include <vector>

#include "boost/container/small_vector.hpp"
#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

class RwSem : public ObjectBase {
  using Loc = std::source_location;

 public:
  explicit RwSem(ObjectName name) : ObjectBase(std::move(name)) {}

  OpAwaiter<void> down_read(Loc w = Loc::current()) { return {Op(OpKind::kDownRead, w)}; }
  OpAwaiter<bool> down_read_trylock(Loc w = Loc::current()) { return {Op(OpKind::kDownReadTrylock, w)}; }
  OpAwaiter<void> up_read(Loc w = Loc::current()) { return {Op(OpKind::kUpRead, w)}; }
  OpAwaiter<void> down_write(Loc w = Loc::current()) { return {Op(OpKind::kDownWrite, w)}; }
  OpAwaiter<bool> down_write_trylock(Loc w = Loc::current()) { return {Op(OpKind::kDownWriteTrylock, w)}; }
  OpAwaiter<void> up_write(Loc w = Loc::current()) { return {Op(OpKind::kUpWrite, w)}; }

  int readers() const { return static_cast<int>(readers_.size()); }
  ThreadId writer() const { return writer_; }
  int queued() const { return static_cast<int>(queue_.size()); }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override;
  void Digest(XXH64_state_t* h) const override;
  bool HeldBy(ThreadId t) const override;
  void Blockers(ThreadId t, std::vector<ThreadId>* out) const override;
  // What a trylock sees: bit 0 a writer holds it, bit 1 someone is queued,
  // the rest the number of read holds.
  uint64_t WaitState() const override {
    return (writer_ != kNoThread ? 1u : 0u) | (queue_.empty() ? 0u : 2u) | (uint64_t{readers_.size()} << 2);
  }
  // A failed trylock changes nothing.
  bool ChangesNothing(uint64_t state, ThreadId, const Operation& op) const override {
    const bool can_read = (state & 3) == 0, can_write = state == 0;
    return (op.kind == OpKind::kDownReadTrylock && !can_read) ||
           (op.kind == OpKind::kDownWriteTrylock && !can_write);
  }

 private:
  struct Waiter {
    ThreadId thread;
    bool writer;
  };
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }
  void WakeQueue(Runtime& rt);
  ThreadId writer_ = kNoThread;
  // In the object (in the execution's arena) up to a few entries, so that
  // waiting takes nothing from the heap.
  boost::container::small_vector<ThreadId, 4> readers_;  // one entry per read hold
  boost::container::small_vector<Waiter, 4> queue_;      // FIFO
};

}  // namespace lockstep
