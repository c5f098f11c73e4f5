// Rcu: read-copy-update, composed of primitives. A model makes one in setup
// (rt.Make<Rcu>(number of threads that read)) and passes it where the kernel uses the global RCU state.
//
//   state                        here
//   a task's read-side section   readers[t], an Atomic counting thread t's outermost
//                                rcu_read_lock/unlock: odd while t is inside a section
//   nesting                      depth[t], thread t's own (not shared: only t reads it)
//
//   function                  steps
//   rcu_read_lock             outermost: readers[t] += 1; nested: none
//   rcu_read_unlock           outermost: readers[t] += 1; nested: none
//   synchronize_rcu           might_sleep; for every thread t: g = readers[t]; if g is odd,
//                             wait_until(readers[t] != g)  (that section has ended)
//   call_rcu(cb)              spawns a thread "rcu_gp" that runs synchronize_rcu, then cb
//   kfree_rcu(obj)            call_rcu with obj.free()
//   rcu_assign_pointer(p, v)  p.store(v)
//   rcu_dereference(p)        p.load()
//
// synchronize_rcu waits for exactly the read-side sections that had begun
// when it looked at their thread, not for sections that begin later, which is
// the kernel's guarantee (a section that began before the grace period ends
// before it does). Pointers are Atomic<int> holding an object's index (0 for
// NULL); using an object freed by a grace period is a use-after-free of its
// Freeable. Departures from the kernel: memory is sequentially consistent, so
// rcu_assign_pointer's release and rcu_dereference's dependency ordering are
// implicit; a callback thread per call_rcu stands for the RCU callback
// machinery (callbacks of one call_rcu caller are not ordered); only the
// threads the Rcu was made for may enter read-side sections (not callbacks).
#pragma once

#include <vector>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "checker/core/ids.h"
#include "checker/runtime/model_api.h"
#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"
#include "checker/sync/atomic.h"
#include "checker/sync/freeable.h"
#include "checker/sync/task_state.h"

namespace lockstep {

class Rcu {
 public:
  // Tracks the read-side sections of threads 0 .. readers-1 (the threads a
  // model spawns in setup). The set is fixed, not the threads existing when a
  // grace period starts: that number depends on the interleaving (call_rcu
  // spawns threads) and reading it would be a read DPOR cannot see.
  explicit Rcu(int readers) {
    for (int t = 0; t < readers; ++t) readers_.push_back(std::make_unique<Atomic<int64_t>>(absl::StrCat("rcu_reader", t)));
    depth_.resize(readers_.size());
  }
  int tracked() const { return static_cast<int>(readers_.size()); }
  Atomic<int64_t>& readers(ThreadId t) { return *readers_[t]; }
  int& depth(ThreadId t) {
    if (t >= readers_.size()) throw ModelError("rcu_read_lock by a thread the Rcu does not track (Rcu(readers))");
    return depth_[t];
  }

 private:
  std::vector<std::unique_ptr<Atomic<int64_t>>> readers_;
  std::vector<int> depth_;
};

// rcu_read_lock (include/linux/rcupdate.h)
inline Task<void> rcu_read_lock(Rcu& rcu) {
  const ThreadId me = Runtime::Current().CurrentThread();
  if (rcu.depth(me)++ == 0) co_await rcu.readers(me).fetch_add(1);
}

// rcu_read_unlock (include/linux/rcupdate.h)
inline Task<void> rcu_read_unlock(Rcu& rcu) {
  const ThreadId me = Runtime::Current().CurrentThread();
  if (rcu.depth(me) == 0) {
    warn_on(true, "no-lock-misuse", "rcu_read_unlock without rcu_read_lock");
    co_return;
  }
  if (--rcu.depth(me) == 0) co_await rcu.readers(me).fetch_add(1);
}

// synchronize_rcu (kernel/rcu/tree.c): returns once every read-side section
// that began before it has ended. Called inside a read-side section it waits
// for itself: a hang, as in the kernel.
namespace internal {
// A grace period: waits out every read-side section in progress.
inline Task<void> GracePeriod(Rcu& rcu) {
  for (ThreadId t = 0; t < rcu.tracked(); ++t) {
    const int64_t g = co_await rcu.readers(t).load();
    if (g % 2 != 0) co_await rcu.readers(t).wait_until(ne(g));
  }
}
}  // namespace internal

inline Task<void> synchronize_rcu(Rcu& rcu) {
  co_await might_sleep();
  co_await internal::GracePeriod(rcu);
}

namespace internal {
template <class Callback>
Task<void> RcuGracePeriodThen(Rcu& rcu, Callback callback) {
  co_await GracePeriod(rcu);
  co_await callback();
}
inline Task<void> FreeIt(Freeable& object) { co_await object.free(); }
}  // namespace internal

// call_rcu (kernel/rcu/tree.c): runs callback() (a callable returning
// Task<void>) after a grace period, in a thread of its own. Does not sleep.
template <class Callback>
void call_rcu(Rcu& rcu, Callback callback) {
  spawn("rcu_gp", internal::RcuGracePeriodThen(rcu, std::move(callback)));
}

// kfree_rcu: frees the object after a grace period.
inline void kfree_rcu(Rcu& rcu, Freeable& object) {
  call_rcu(rcu, [&object] { return internal::FreeIt(object); });
}

// rcu_assign_pointer / rcu_dereference (include/linux/rcupdate.h): the
// publication and the read of an RCU-protected pointer.
template <class T>
OpAwaiter<void> rcu_assign_pointer(Atomic<T>& p, T v, std::source_location w = std::source_location::current()) {
  return p.store(v, w);
}
template <class T>
OpAwaiter<T> rcu_dereference(const Atomic<T>& p, std::source_location w = std::source_location::current()) {
  return p.load(w);
}

}  // namespace lockstep
