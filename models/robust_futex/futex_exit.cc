#include "models/robust_futex/futex_exit.h"

#include "models/robust_futex/user_memory.h"

namespace lockstep::models::robust_futex {
namespace {

// futex_wake(uaddr, 1, 1, FUTEX_BITSET_MATCH_ANY) (kernel/futex/waitwake.c, 5.17):
// under the hash bucket lock, mark the first matching futex_q woken.
Task<void> futex_wake(World& w, int64_t uaddr) {
  if (uaddr != w.mutex1_addr) {
    throw ModelError("robust-futex: FUTEX_WAITERS set on a futex nobody waits on (model bug)");
  }
  Waiter& waiter = *w.waiter;
  co_await waiter.hb_lock.lock();                                 // spin_lock(&hb->lock)
  co_await waiter.q.compare_exchange(kFutexQQueued, kFutexQWoken);  // mark_wake_futex()
  co_await waiter.hb_lock.unlock();                               // then wake_up_q()
}

// handle_futex_death() (kernel/futex/core.c, 5.17). False on a fault: the
// caller gives up on the whole list.
Task<bool> handle_futex_death(World& w, int64_t uaddr, VictimTask& curr) {
  for (int retry = 0; retry < 4; ++retry) {
    const std::optional<int64_t> uval = co_await get_user(*w.mm, uaddr);
    if (!uval) co_return false;
    if ((*uval & FUTEX_TID_MASK) != curr.tid) co_return true;  // not ours (any more)
    // Keep FUTEX_WAITERS, clear the TID, set FUTEX_OWNER_DIED.
    const int64_t mval = (*uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    const std::optional<int64_t> nval = co_await futex_cmpxchg_user(*w.mm, uaddr, *uval, mval);
    if (!nval) co_return false;
    if (*nval != *uval) continue;  // a waiter set FUTEX_WAITERS meanwhile: retry
    if (*uval & FUTEX_WAITERS) co_await futex_wake(w, uaddr);
    co_return true;
  }
  throw ModelError("robust-futex: handle_futex_death() retried four times (model bug)");
}

// exit_robust_list() (kernel/futex/core.c, 5.17): walk the chain through user
// memory; any fault ends the walk silently. The head's futex_offset and
// list_op_pending sit on the head's page; reading them separately would only
// add a later point at which the same page can fault, so they are folded into
// the read of head->list.next.
Task<void> exit_robust_list(World& w, VictimTask& curr, int64_t head) {
  std::optional<int64_t> entry = co_await get_user(*w.mm, head);  // fetch_robust_entry(&head->list.next)
  if (!entry) co_return;
  for (int limit = 8; *entry != head; --limit) {  // ROBUST_LIST_LIMIT is 2048; chains here are short
    if (limit == 0) throw ModelError("robust-futex: the robust list does not end (model bug)");
    const std::optional<int64_t> next = co_await get_user(*w.mm, *entry);  // fetch_robust_entry(&entry->next)
    const bool handled = co_await handle_futex_death(w, *entry + kFutexOffset, curr);
    if (!handled) co_return;
    if (!next) co_return;
    entry = next;
  }
}

// futex_cleanup() (kernel/futex/core.c, 5.17)
Task<void> futex_cleanup(World& w, VictimTask& tsk) {
  const int64_t head = co_await tsk.robust_list.load();
  if (head != 0) {
    co_await exit_robust_list(w, tsk, head);
    co_await tsk.robust_list.store(0);  // tsk->robust_list = NULL
  }
}

}  // namespace

// futex_exit_release() = futex_cleanup_begin(); futex_cleanup();
// futex_cleanup_end(FUTEX_STATE_DEAD) (kernel/futex/core.c, 5.17)
Task<void> futex_exit_release(World& w, VictimTask& tsk) {
  co_await tsk.futex_exit_mutex.lock();                  // futex_cleanup_begin(): mutex_lock()
  co_await tsk.futex_state.store(FUTEX_STATE_EXITING);   //   tsk->futex_state = FUTEX_STATE_EXITING
  co_await futex_cleanup(w, tsk);
  co_await tsk.futex_state.store(FUTEX_STATE_DEAD);      // futex_cleanup_end(): tsk->futex_state = DEAD
  co_await tsk.futex_exit_mutex.unlock();                //   mutex_unlock()
}

// try_futex_exit_release() ([PATCH v5] mm/oom_kill.c: futex: Close a race
// between do_exit and the oom_reaper, March 2022), called by the oom reaper.
Task<bool> try_futex_exit_release(World& w, VictimTask& tsk) {
  const bool locked = co_await tsk.futex_exit_mutex.trylock();  // futex_cleanup_begin(tsk, true)
  if (!locked) co_return false;
  co_await tsk.futex_state.store(FUTEX_STATE_EXITING);  // rolls DEAD back to EXITING if tsk is done
  // kthread_use_mm(tsk->mm): get_user() now resolves in the victim's mm (no visible step).
  co_await futex_cleanup(w, tsk);
  co_await tsk.futex_state.store(FUTEX_STATE_DEAD);     // futex_cleanup_end(tsk, FUTEX_STATE_DEAD)
  co_await tsk.futex_exit_mutex.unlock();
  co_return true;
}

}  // namespace lockstep::models::robust_futex
