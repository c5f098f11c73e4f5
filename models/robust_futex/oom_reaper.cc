// The OOM side: oom_kill_process() kills the victim and either queues the
// reaper at once (up to 5.17) or arms the v5.18 timer; the oom reaper with
// every proposal of the 2022 thread as a switch (mm/oom_kill.c).
#include <algorithm>

#include "models/robust_futex/futex_exit.h"
#include "models/robust_futex/threads.h"
#include "properties/robust_futex_reaper.h"

namespace lockstep::models::robust_futex {
namespace {

enum class Reap {
  kRetry,          // mmap_read_trylock() failed: oom_reap_task_mm() returns false, try again later
  kReaped,         // a reaping pass
  kAlreadyGone,    // MMF_OOM_SKIP was set: exit_mmap() got there first
  kNothingReaped,  // reported done without reaping: v4 skipped a task with a robust
                   // list; v5's futex_exit_mutex trylock failed (goto out_finish)
};

// unmap_page_range() -> zap_pte_range() (mm/memory.c, 5.17): the PTE is
// cleared under its ptl and the page (or swap entry) freed.
Task<void> unmap_page_range(Vma& vma) { co_await vma.pte.store(kPteZapped); }

// The VMAs the v6 .. v8 patches keep: the one holding the queued task's
// robust list head (tsk->robust_list), or every thread's.
Task<Few<Vma*>> robust_head_vmas(World& w) {
  Few<Vma*> keep;
  const size_t n = w.cfg.skip_head_vma == 2 ? w.tasks.size() : (w.cfg.skip_head_vma == 1 ? 1 : 0);
  for (size_t i = 0; i < n; ++i) {
    const int64_t head = co_await w.tasks[i]->robust_list.load();
    if (head != 0) keep.push_back(w.mm->word(head).vma);  // find_vma(mm, head)
  }
  co_return keep;
}

// __oom_reap_task_mm() (mm/oom_kill.c, 5.17): MMF_UNSTABLE first, then zap
// every private/anonymous VMA; shared mappings survive.
Task<void> __oom_reap_task_mm(World& w) {
  co_await w.mm->flags.set_bit(MMF_UNSTABLE);
  const Few<Vma*> keep = co_await robust_head_vmas(w);
  for (Vma* vma : w.private_vmas) {
    if (std::find(keep.begin(), keep.end(), vma) != keep.end()) continue;  // v6 .. v8
    co_await unmap_page_range(*vma);
  }
}

// task_has_robust_list() of the v5 patch: tsk->robust_list is set. Read
// without any lock, before futex_exit_mutex is tried.
Task<bool> task_has_robust_list(VictimTask& tsk) {
  const int64_t robust_list = co_await tsk.robust_list.load();
  co_return robust_list != 0;
}

// oom_reap_task_mm() (mm/oom_kill.c, 5.17) with the proposals' changes.
Task<Reap> oom_reap_task_mm(World& w) {
  Mm& mm = *w.mm;
  VictimTask& tsk = *w.tasks[0];                                  // the task the OOM killer queued
  const bool locked = co_await mm.mmap_lock.down_read_trylock();  // mmap_read_trylock()
  if (!locked) co_return Reap::kRetry;
  Reap r = Reap::kReaped;
  const bool gone = co_await mm.flags.test_bit(MMF_OOM_SKIP);
  if (gone) r = Reap::kAlreadyGone;  // exit_mmap() is tearing it down: goto out_unlock
  if (r == Reap::kReaped && w.cfg.skip_robust_list) {
    // v4 ("V3 approach"): do not reap a task with a robust list
    const bool has_list = co_await task_has_robust_list(tsk);
    if (has_list) r = Reap::kNothingReaped;
  }
  if (r == Reap::kReaped && w.cfg.reaper_cleans_list) {
    // [PATCH v5]: "if (task_has_robust_list(tsk) && !try_futex_exit_release(tsk))
    // { ...; goto out_finish; }" - out_finish keeps ret = true: the reaper
    // reports success with nothing reaped.
    const bool has_list = co_await task_has_robust_list(tsk);
    bool cleaned = true;
    if (has_list) cleaned = co_await try_futex_exit_release(w, tsk);
    if (!cleaned) r = Reap::kNothingReaped;
  }
  if (r == Reap::kReaped) co_await __oom_reap_task_mm(w);
  co_await mm.mmap_lock.up_read();  // mmap_read_unlock()
  co_return r;
}

// The oom_reaper kthread handling the queued victim: oom_reap_task() (mm/oom_kill.c, 5.17).
Task<void> oom_reaper(World& w) {
  if (w.cfg.last_resort && !w.oom->stuck) {
    // Gleixner: the reaper is the last resort; a task that is not stuck
    // exits and cleans up on its own, so it is left alone.
    co_return;
  }
  // while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm()) schedule_timeout_idle(HZ/10);
  // Unbounded here: giving up after MAX_OOM_REAP_RETRIES is designed
  // behaviour, not a premature skip. Only a failed mmap_read_trylock() makes
  // the kernel retry; that attempt took and dropped one trylock and changed
  // nothing, so exploring the attempt that succeeds covers every retry.
  const Reap r = co_await oom_reap_task_mm(w);
  assume(r != Reap::kRetry);
  // "Hide this mm from OOM killer because it has been either reaped or
  // somebody can't call mmap_write_unlock(mm)." The kernel's set_bit() is a
  // test_and_set_bit() here, with the same effect on the bit: the old value
  // tells P4 whether this set is the one that hides the victim.
  const bool already_hidden = co_await w.mm->flags.test_and_set_bit(MMF_OOM_SKIP);
  if (r == Reap::kNothingReaped && !already_hidden) {
    // P4 is judged on the set that hides the victim from the OOM killer. A
    // set after exit_mmap()'s changes nothing, and exit_mmap() set it after
    // its self-reap had zapped the private memory (which this model's
    // exit_mmap() leaves out: victim.cc).
    properties::ReapablePages pages;
    for (Vma* vma : w.private_vmas) pages.push_back({&vma->pte, kPtePresent, vma->name});
    co_await properties::check_no_premature_skip(std::move(pages));
  }
}

// queue_oom_reaper() (5.17: wake_oom_reaper(); 5.18: called when the timer fires)
void queue_oom_reaper(World& w) {
  w.oom->reaper_queued = true;
  spawn("oom_reaper", oom_reaper(w));
}

// v5.18 e4a38402c36e "mm/oom_kill.c: futex: delay the OOM reaper to allow time
// for proper futex cleanup": wake_oom_reaper() runs when oom_reaper_timer
// (OOM_REAPER_DELAY, 2 s) fires.
Task<void> oom_reaper_timer(World& w) {
  if (w.cfg.timing_assumed && !w.oom->stuck) {
    // The timing assumption: 2 s is enough for a task that is not stuck to
    // finish its futex cleanup, so the timer fires only after every thread's.
    for (VictimTask* t : w.tasks) {
      const int state = co_await t->futex_state.load();
      assume(state == FUTEX_STATE_DEAD);
    }
  }
  co_await w.oom->timer_fired.store(1);
  const bool exited = co_await w.mm->flags.test_bit(MMF_OOM_SKIP);
  if (exited) co_return;  // the victim exited on its own
  queue_oom_reaper(w);
}

}  // namespace

// oom_kill_process() -> __oom_kill_process() (mm/oom_kill.c): SIGKILL to the
// victim, mark_oom_victim(), then queue_oom_reaper() (reap at once up to 5.17,
// or arm the 5.18 timer).
Task<void> oom_kill_process(World& w) {
  // Whether the victim is stuck in the kernel past the delay: a scenario
  // switch, or explored (stuck=any).
  bool stuck = w.cfg.stuck == 1;
  if (w.cfg.stuck == 2) stuck = co_await choose(2) == 1;
  w.oom->stuck = stuck;
  for (VictimTask* t : w.tasks) spawn(t->comm, do_exit(w, *t));
  if (w.cfg.oom_delay) {
    spawn("oom_reaper_timer", oom_reaper_timer(w));
  } else {
    queue_oom_reaper(w);
  }
}

}  // namespace lockstep::models::robust_futex
