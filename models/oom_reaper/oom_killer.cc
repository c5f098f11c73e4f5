// The OOM killer's side (mm/oom_kill.c): the kill that starts everything, and
// optionally a second allocator running out_of_memory() while the victim is
// being reaped - it passes over an mm with MMF_OOM_SKIP and kills another
// task, which is why setting MMF_OOM_SKIP early is a bug (P4).
#include "models/oom_reaper/oom_reaper.h"

namespace lockstep::models::oom {

// mark_oom_victim() (v4.9+).
Task<void> mark_oom_victim(World& w, TaskStruct& tsk) {
  // "oom_mm is bound to the signal struct life time": cmpxchg(&tsk->signal->oom_mm, NULL, mm)
  const int old = co_await tsk.signal.oom_mm.compare_exchange(0, 1);
  if (old == 0 && w.cfg.barrier_key == BarrierKey::kMm) {
    co_await w.mm.flags.set_bit(MMF_OOM_VICTIM);  // v4.15 4837fe37adff .. v5.19
  }
}

namespace {

// wake_oom_reaper(): queue the victim; the oom_reaper kthread picks it up.
void wake_oom_reaper(World& w) { spawn("oom_reaper", oom_reaper(w)); }

// oom_kill_process() -> __oom_kill_process(): mark the victim, SIGKILL it and
// every other process sharing its mm (those are not marked), queue the reaper.
Task<void> oom_kill_process(World& w) {
  co_await mark_oom_victim(w, w.victim);
  spawn("victim", do_exit(w, w.victim));  // do_send_sig_info(SIGKILL): the victim exits
  if (w.cfg.final_mmput == FinalMmput::kOther) spawn("clone_vm", do_exit(w, w.other));
  wake_oom_reaper(w);
}

}  // namespace

// out_of_memory() of the allocation that picked the victim; it runs under
// oom_lock (__alloc_pages_may_oom() took it).
Task<void> out_of_memory(World& w) {
  co_await w.oom.oom_lock.lock();
  co_await oom_kill_process(w);
  co_await w.oom.oom_lock.unlock();
  if (w.cfg.allocator) spawn("allocator", out_of_memory_again(w));
}

// A later allocation that fails while the victim is being torn down:
// __alloc_pages_may_oom() -> out_of_memory() -> select_bad_process().
Task<void> out_of_memory_again(World& w) {
  const bool locked = co_await w.oom.oom_lock.trylock();
  if (!locked) co_return;  // "Somebody else is handling the OOM"
  // oom_evaluate_task(victim): tsk_is_oom_victim() holds (it was marked before);
  // "if (test_bit(MMF_OOM_SKIP, &task->signal->oom_mm->flags)) goto next;" else abort.
  const bool skip = co_await w.mm.flags.test_bit(MMF_OOM_SKIP);
  if (skip) {
    co_await w.oom.kills.fetch_add(1);  // the victim was passed over: another task is killed
  }
  co_await w.oom.oom_lock.unlock();
}

}  // namespace lockstep::models::oom
