// A thread of the OOM victim after SIGKILL: do_exit() (kernel/exit.c, 5.17).
#include "models/robust_futex/futex_exit.h"
#include "models/robust_futex/threads.h"

namespace lockstep::models::robust_futex {
namespace {

// exit_mmap() (mm/mmap.c, 5.17) of the OOM victim's mm, reduced to its
// set_bit(MMF_OOM_SKIP). The kernel's exit_mmap() first reaps the victim's mm
// itself (__oom_reap_task_mm(), mm_is_oom_victim(mm) being true), sets the
// bit, then takes mmap_write_lock() (4.17's write-lock cycle; since
// 64591e8605d6 the whole teardown runs under it). Left out, and why no
// property of this model can tell:
//  - the self-reap and the teardown free memory that nobody here reads
//    afterwards: every thread walks its robust list before its own mmput(),
//    and a reaper walking a task's list holds that task's futex_exit_mutex,
//    so that task still holds the mm. For P4 the reaper judges only the set
//    of MMF_OOM_SKIP that hides the victim (oom_reaper.cc), never one after
//    this step, and a reaper set before this step stands for one made before
//    the self-reap began.
//  - mmap_write_lock() only waits for a reaper still holding mmap_read_lock;
//    nothing after it is observed, and a reaper blocked under the read lock
//    (v5's fault) cannot run alongside exit_mmap() for the reason above.
// Modelling both (the self-reap's MMF_UNSTABLE and zaps, the write lock) was
// measured: skip-all-head-vmas with threads=2 pages=swapped writer=1 grew to
// 886,720 executions, still holding; the races of exit_mmap() with the reaper
// are the oom-reaper model's subject.
Task<void> exit_mmap(World& w) { co_await w.mm->flags.set_bit(MMF_OOM_SKIP); }

}  // namespace

Task<void> do_exit(World& w, VictimTask& tsk) {
  if (w.oom->stuck) {
    // A stuck victim (blocked in the kernel, e.g. on I/O) reaches do_exit()
    // only after the OOM reaper's delay has expired. Time is not modelled: the
    // timer is a thread that may fire at any point, and "stuck past the
    // delay" is this wait for it (the model refuses stuck without oom-delay).
    const int fired = co_await w.oom->timer_fired.load();
    assume(fired != 0);
  }
  // exit_mm() -> exit_mm_release() -> futex_exit_release() (kernel/fork.c, 5.17)
  co_await futex_exit_release(w, tsk);
  // exit_mm() -> mmput(): the last user runs __mmput() -> exit_mmap()
  const bool last = co_await w.mm->mm_users.put();
  if (last) co_await exit_mmap(w);
}

}  // namespace lockstep::models::robust_futex
