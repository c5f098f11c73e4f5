// Spinlock: spinlock_t / raw_spinlock_t. The state table is Mutex's
// (sync/mutex.h) under the spin_* names:
//
//   state \ op       spin_lock()          spin_trylock()   spin_unlock() by owner  by other
//   free             owner = t            owner = t, true  -                       lock-misuse
//   held by o        t blocked (no step)  false            free                    lock-misuse
//
// The difference is who may sleep: an operation marked kMaySleep in
// op_kinds.def (mutex lock, down_*, schedule, wait_for_completion,
// synchronize_rcu ...) run by a thread holding a spinlock is a
// no-sleep-in-atomic violation at that step (sync/apply.cc). Spinning itself
// is not a sleep. Departure from the kernel: interrupts and bottom halves are
// not modelled, so spin_lock_irqsave / spin_lock_irq / spin_lock_bh are
// spin_lock under another name, and raw_spinlock_t is spinlock_t (they differ
// only under PREEMPT_RT).
//
// Dependence: as for Mutex, every operation on the same spinlock is
// dependent, except that failed spin_trylocks commute with each other.
#pragma once

#include <source_location>
#include <string>

#include "checker/sync/mutex.h"

namespace lockstep {

class Spinlock : public Mutex {
  using Loc = std::source_location;

 public:
  explicit Spinlock(ObjectName name) : Mutex(std::move(name)) { spinning_ = true; }

  OpAwaiter<void> lock(Loc w = Loc::current()) { return {Op(OpKind::kSpinLock, w)}; }
  OpAwaiter<bool> trylock(Loc w = Loc::current()) { return {Op(OpKind::kSpinTrylock, w)}; }
  OpAwaiter<void> unlock(Loc w = Loc::current()) { return {Op(OpKind::kSpinUnlock, w)}; }
};

using spinlock_t = Spinlock;
using raw_spinlock_t = Spinlock;

// The kernel's names (include/linux/spinlock.h).
inline OpAwaiter<void> spin_lock(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.lock(w);
}
inline OpAwaiter<bool> spin_trylock(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.trylock(w);
}
inline OpAwaiter<void> spin_unlock(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.unlock(w);
}
// Interrupts are not modelled: the flags-saving forms are the plain ones.
inline OpAwaiter<void> spin_lock_irqsave(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.lock(w);
}
inline OpAwaiter<void> spin_unlock_irqrestore(Spinlock& l,
                                              std::source_location w = std::source_location::current()) {
  return l.unlock(w);
}
inline OpAwaiter<void> spin_lock_irq(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.lock(w);
}
inline OpAwaiter<void> spin_unlock_irq(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.unlock(w);
}
inline OpAwaiter<void> raw_spin_lock(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.lock(w);
}
inline OpAwaiter<void> raw_spin_unlock(Spinlock& l, std::source_location w = std::source_location::current()) {
  return l.unlock(w);
}

}  // namespace lockstep
