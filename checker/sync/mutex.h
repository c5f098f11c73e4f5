// Mutex: a sleeping lock (kernel mutex). sync/spinlock.h is the same state
// table under the spin_* names, for a holder that must not sleep.
//
//   state \ op       lock()               trylock()        unlock() by owner   unlock() by other
//   free             owner = t            owner = t, true  -                   lock-misuse
//   held by o        t blocked (no step)  false            free                lock-misuse
//
// A lock() on a held mutex is not a step: the thread is blocked (not enabled)
// until an unlock frees the mutex, and then any blocked thread may take it.
// So only acquisitions are events, and "B asked before or after A unlocked"
// is one trace, not two. The kernel keeps no order among a mutex's waiters
// that a model could rely on (optimistic spinning and lock stealing), so
// none is modelled.
//
// Dependence: every operation on the same mutex is dependent, except that
// failed trylocks (they change nothing) commute with each other. A lock() races
// with the acquisition before it, not with the unlock it waited for (it
// could not have run before that unlock; see System::CouldRunBefore). A
// thread that ends holding a mutex is a lock-misuse violation; a lock that
// can never be granted shows up as a deadlock.
#pragma once

#include <source_location>
#include <string>
#include <vector>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

class Mutex : public ObjectBase {
  using Loc = std::source_location;

 public:
  explicit Mutex(ObjectName name) : ObjectBase(std::move(name)) {}
  // Whether this is a Spinlock (sync/spinlock.h), whichever op locked it:
  // holding one is atomic context.
  bool spinning() const { return spinning_; }

  OpAwaiter<void> lock(Loc w = Loc::current()) { return {Op(OpKind::kMutexLock, w)}; }
  OpAwaiter<bool> trylock(Loc w = Loc::current()) { return {Op(OpKind::kMutexTrylock, w)}; }
  OpAwaiter<void> unlock(Loc w = Loc::current()) { return {Op(OpKind::kMutexUnlock, w)}; }
  ThreadId owner() const { return owner_; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override;
  void Digest(XXH64_state_t* h) const override;
  bool HeldBy(ThreadId t) const override { return owner_ == t; }
  void Blockers(ThreadId t, std::vector<ThreadId>* out) const override;
  uint64_t WaitState() const override { return owner_; }
  bool CanRun(uint64_t owner, ThreadId, const Operation& op) const override {
    return (op.kind != OpKind::kMutexLock && op.kind != OpKind::kSpinLock) || owner == kNoThread;
  }
  // A trylock of a held mutex fails and changes nothing.
  bool ChangesNothing(uint64_t owner, ThreadId, const Operation& op) const override {
    return (op.kind == OpKind::kMutexTrylock || op.kind == OpKind::kSpinTrylock) && owner != kNoThread;
  }

 protected:
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }
  bool spinning_ = false;

 private:
  ThreadId owner_ = kNoThread;
};

}  // namespace lockstep
