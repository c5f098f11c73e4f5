// A task in another process locking the shared robust mutex1 that a victim
// thread holds: glibc's robust pthread_mutex_lock() and futex_wait()
// (kernel/futex/waitwake.c, 5.17). The waiter's own memory is not reaped: it
// maps mutex1 through its own shared mapping, so it touches the word directly.
#include "models/robust_futex/threads.h"

namespace lockstep::models::robust_futex {
namespace {

// futex_wait() -> futex_wait_setup() + futex_queue(): true if queued (then
// the task sleeps until futex_wake()), false for -EWOULDBLOCK (word changed).
Task<bool> futex_wait(World& w, int64_t val) {
  Waiter& me = *w.waiter;
  co_await me.hb_lock.lock();                      // futex_q_lock(): spin_lock(&hb->lock)
  const int64_t uval = co_await w.mutex1->load();  // futex_get_value_locked()
  if (uval != val) {
    co_await me.hb_lock.unlock();                  // futex_q_unlock(); -EWOULDBLOCK
    co_return false;
  }
  co_await me.q.store(kFutexQQueued);              // futex_queue(): on the hash bucket
  co_await me.hb_lock.unlock();
  co_return true;  // futex_wait_queue(): schedule() until woken. P7 judges the rest at the end.
}

}  // namespace

Task<void> robust_mutex_lock_waiter(World& w) {
  Waiter& me = *w.waiter;
  Atomic<int64_t>& word = *w.mutex1;
  int64_t v = co_await word.load();
  for (int round = 0; round < 4; ++round) {
    if ((v & FUTEX_TID_MASK) == 0) {
      // No owner (its death was handled): take it; with FUTEX_OWNER_DIED set,
      // pthread_mutex_lock() returns EOWNERDEAD.
      const int64_t old = co_await word.compare_exchange(v, me.tid | (v & (FUTEX_OWNER_DIED | FUTEX_WAITERS)));
      if (old == v) {
        me.took_lock = true;
        me.took_from = v;
        co_return;
      }
      v = old;
      continue;
    }
    if ((v & FUTEX_WAITERS) == 0) {  // announce a waiter before sleeping
      const int64_t old = co_await word.compare_exchange(v, v | FUTEX_WAITERS);
      if (old != v) {
        v = old;
        continue;
      }
      v |= FUTEX_WAITERS;
    }
    const bool queued = co_await futex_wait(w, v);
    if (queued) co_return;
    v = co_await word.load();  // -EWOULDBLOCK: re-read and retry
  }
  throw ModelError("robust-futex: the waiter's lock loop did not settle (model bug)");
}

}  // namespace lockstep::models::robust_futex
