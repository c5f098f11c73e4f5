// WaitQueueHead: wait_queue_head_t and the functions around it, composed of
// primitives the way kernel/sched/wait.c writes them:
//
//   state                  the kernel's                       here
//   lock                   wq_head->lock (spinlock_t)         Spinlock
//   waiters                wq_head->head (list of entries)    Atomic bitmask, bit t = thread t queued
//
//   function               steps
//   add_wait_queue         spin_lock; add own entry if not queued; spin_unlock
//   remove_wait_queue      spin_lock; remove own entry; spin_unlock
//   prepare_to_wait        spin_lock; add own entry if not queued; set_current_state; spin_unlock
//   finish_wait            __set_current_state(TASK_RUNNING); spin_lock; remove own entry; spin_unlock
//   wake_up                spin_lock; for each queued task: try_to_wake_up, remove it if woken
//                          (autoremove_wake_function); spin_unlock
//   waitqueue_active       load of waiters (no lock: the unlocked check before wake_up)
//   wait_event(wq, cond)   might_sleep; if (cond) done; loop { prepare_to_wait; if (cond) break;
//                          schedule } finish_wait   (___wait_event)
//
// Departures from the kernel: every entry is non-exclusive (wake_up wakes all
// queued tasks; no nr_exclusive); finish_wait always takes the lock instead
// of the lockless list_empty_careful() shortcut (one more ordering, same
// outcomes); a thread has one wait entry (it waits on one queue at a time);
// memory is sequentially consistent, so the barrier that waitqueue_active()
// needs (smp_mb() in the waker) is implicit and its absence cannot be seen.
#pragma once

#include <cstdint>
#include <string>

#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"
#include "checker/sync/atomic.h"
#include "checker/sync/spinlock.h"
#include "checker/sync/task_state.h"

namespace lockstep {

struct WaitQueueHead {
  explicit WaitQueueHead(const std::string& name) : lock(name + ".lock"), waiters(name + ".head") {}
  Spinlock lock;
  Atomic<int64_t> waiters;  // bit t: thread t's entry is on the list
};
using wait_queue_head_t = WaitQueueHead;

namespace internal {
inline int64_t EntryOf(ThreadId t) { return int64_t{1} << t; }

// Adds (or removes) the calling thread's entry, under the lock the caller holds;
// traced at the caller's line (CallSite), the kernel function it is part of.
inline Task<void> SetQueued(WaitQueueHead& wq, bool queued_after, CallSite = {}) {
  const int64_t me = EntryOf(Runtime::Current().CurrentThread());
  const int64_t queued = co_await wq.waiters.load();  // list_empty(&wq_entry->entry)
  if (((queued & me) != 0) != queued_after) co_await wq.waiters.store(queued ^ me);
}
}  // namespace internal

// add_wait_queue / remove_wait_queue (kernel/sched/wait.c)
inline Task<void> add_wait_queue(WaitQueueHead& wq) {
  co_await spin_lock_irqsave(wq.lock);
  co_await internal::SetQueued(wq, true);  // __add_wait_queue
  co_await spin_unlock_irqrestore(wq.lock);
}
inline Task<void> remove_wait_queue(WaitQueueHead& wq) {
  co_await spin_lock_irqsave(wq.lock);
  co_await internal::SetQueued(wq, false);  // __remove_wait_queue
  co_await spin_unlock_irqrestore(wq.lock);
}

// prepare_to_wait (kernel/sched/wait.c)
inline Task<void> prepare_to_wait(WaitQueueHead& wq, TaskStateValue state) {
  co_await spin_lock_irqsave(wq.lock);
  co_await internal::SetQueued(wq, true);  // if list_empty: __add_wait_queue
  co_await set_current_state(state);
  co_await spin_unlock_irqrestore(wq.lock);
}

// finish_wait (kernel/sched/wait.c)
inline Task<void> finish_wait(WaitQueueHead& wq) {
  co_await set_current_state(TASK_RUNNING);  // __set_current_state
  co_await spin_lock_irqsave(wq.lock);
  co_await internal::SetQueued(wq, false);  // list_del_init
  co_await spin_unlock_irqrestore(wq.lock);
}

// wake_up -> __wake_up_common_lock (kernel/sched/wait.c); returns how many it woke.
inline Task<int> wake_up(WaitQueueHead& wq) {
  co_await spin_lock_irqsave(wq.lock);
  int64_t queued = co_await wq.waiters.load();
  int woken = 0;
  for (ThreadId t = 0; t < Runtime::Current().NumThreads(); ++t) {
    if ((queued & internal::EntryOf(t)) == 0) continue;
    const bool ok = co_await task_of(ThreadHandle{t}).try_to_wake_up();  // default_wake_function
    if (!ok) continue;
    ++woken;
    queued &= ~internal::EntryOf(t);
    co_await wq.waiters.store(queued);  // autoremove_wake_function: list_del_init
  }
  co_await spin_unlock_irqrestore(wq.lock);
  co_return woken;
}

// waitqueue_active (include/linux/wait.h): the lockless check wakers use to
// skip wake_up(). Correct only with a full barrier between setting the
// condition and this check (smp_mb()), which sequential consistency implies.
inline Task<bool> waitqueue_active(WaitQueueHead& wq) {
  const int64_t queued = co_await wq.waiters.load();
  co_return queued != 0;
}

// wait_event (include/linux/wait.h): sleeps until cond() is true; cond is a
// callable returning Task<bool> (the kernel's condition expression), tested
// after the task is queued and its state set, so that a wake_up between the
// test and schedule() makes schedule() return at once.
template <class Cond>
Task<void> wait_event(WaitQueueHead& wq, Cond cond) {
  co_await might_sleep();
  const bool already = co_await cond();
  if (already) co_return;
  for (;;) {  // ___wait_event
    co_await prepare_to_wait(wq, TASK_UNINTERRUPTIBLE);  // prepare_to_wait_event
    const bool done = co_await cond();
    if (done) break;
    co_await schedule();
  }
  co_await finish_wait(wq);
}

}  // namespace lockstep
