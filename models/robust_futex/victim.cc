// A thread of the OOM victim after SIGKILL: do_exit() (kernel/exit.c, 5.17).
#include "models/robust_futex/futex_exit.h"
#include "models/robust_futex/threads.h"

namespace lockstep::models::robust_futex {
namespace {

// exit_mmap() (mm/mmap.c): only what this model needs of it, MMF_OOM_SKIP
// once the address space is gone. The teardown itself and its handshake with
// the reaper are the oom-reaper model's subject (KERNEL.md section 3).
Task<void> exit_mmap(World& w) { co_await w.mm->flags.set_bit(MMF_OOM_SKIP); }

}  // namespace

Task<void> do_exit(World& w, VictimTask& tsk) {
  if (w.oom->stuck) {
    // A stuck victim (blocked in the kernel, e.g. on I/O) reaches do_exit()
    // only after the OOM reaper's delay has expired (KERNEL.md section 5,
    // "Modelling time without clocks").
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
