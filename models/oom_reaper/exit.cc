// The exit path: do_exit() -> exit_mm() -> mmput() -> __mmput() -> exit_mmap()
// (kernel/exit.c, kernel/fork.c, mm/mmap.c). The last mmput() tears the mm
// down in the context of whichever task dropped it ("current"), which need
// not be the OOM victim: that is what the v4.14 barrier got wrong.
#include "models/oom_reaper/oom_reaper.h"

namespace lockstep::models::oom {
namespace {

// tsk_is_oom_victim(current) (v4.14, the seed): current->signal->oom_mm != NULL.
Task<bool> tsk_is_oom_victim(TaskStruct& current) {
  const int oom_mm = co_await current.signal.oom_mm.load();
  co_return oom_mm != 0;
}

// mm_is_oom_victim(mm) (v4.15 .. v5.19): MMF_OOM_VICTIM, set by mark_oom_victim().
Task<bool> mm_is_oom_victim(Mm& mm) {
  const bool victim = co_await mm.flags.test_bit(MMF_OOM_VICTIM);
  co_return victim;
}

// The test in front of exit_mmap's oom branch, made once, where the version
// makes it (`cached`: -1 not yet made). It cannot change under exit_mmap: the
// victim was marked before it was killed.
Task<bool> exit_mmap_oom_branch(World& w, TaskStruct& current, int& cached) {
  if (cached < 0) {
    bool victim;
    if (w.cfg.barrier_key == BarrierKey::kCurrent) {
      victim = co_await tsk_is_oom_victim(current);
    } else {
      victim = co_await mm_is_oom_victim(w.mm);
    }
    cached = victim ? 1 : 0;
  }
  co_return cached == 1;
}

// "Wait for oom_reap_task() to stop working on this mm": a reaper that got
// mmap_sem for reading before the flag was set has finished once we get it
// for writing, and one that comes later sees the flag.
Task<void> exit_mmap_write_lock_cycle(Mm& mm) {
  co_await mm.mmap_sem.down_write();
  co_await mm.mmap_sem.up_write();
}

}  // namespace

// munlock_vma_pages_all() -> munlock_vma_pages_range() (mm/mlock.c, up to
// v5.17): clears VM_LOCKED first, then walks the VMA's pages (follow_page_mask)
// to munlock each one. kVmMunlocking marks the walk for P3.
Task<void> munlock_vma_pages_all(Vma& vma) {
  co_await vma.vm_flags.store(kVmMunlocking);  // vma->vm_flags &= VM_LOCKED_CLEAR_MASK
  for (auto& page : vma.pages) co_await page->pte.load();  // follow_page_mask(); munlock_vma_page()
  co_await vma.vm_flags.store(kVmNone);  // the walk is over
}

// free_pgtables() (mm/memory.c): frees every VMA's page-table page.
Task<void> free_pgtables(Mm& mm) {
  for (auto& vma : mm.vmas) co_await vma->pgtable.free();
}

// remove_vma() (mm/mmap.c), for each VMA: frees the vm_area_struct.
Task<void> remove_vma(Mm& mm) {
  for (auto& vma : mm.vmas) co_await vma->vma.free();
}

namespace {

Task<void> set_mmf_oom_skip_on_exit(Mm& mm) {
  co_await props::set_mmf_oom_skip(mm.flags, MMF_OOM_SKIP, mm.MappedPages(), props::SkipSetter::kExitPath);
}

// exit_mmap() (mm/mmap.c). One body; the switches select each version's shape:
//   v4.13      munlock; unmap_vmas; free_pgtables; remove_vma    (SKIP in __mmput)
//   v4.14      munlock; unmap_vmas; SKIP; [current victim: write cycle]; free; remove
//   seed       munlock; set MMF_EXIT_MMAP; [current victim: write cycle]; unmap_vmas; SKIP; free; remove
//   v4.15      munlock; unmap_vmas; [mm victim: SKIP; write cycle]; free; remove
//   v4.17      [mm victim: oom_lock; __oom_reap_task_mm; unlock; SKIP; write cycle]; munlock; unmap; free; remove
//   v4.19      the same without oom_lock
//   v5.17      [mm victim: __oom_reap_task_mm; SKIP]; down_write; munlock; unmap; free; remove; up_write
//   v6.0       down_read; unmap_vmas; up_read; SKIP; down_write; free; remove; up_write
Task<void> exit_mmap(World& w, TaskStruct& current) {
  const Config& c = w.cfg;
  Mm& mm = w.mm;
  int branch = -1;

  // (co_await only as a statement or an initializer: GCC 12.2 miscompiles it
  // inside a condition.)
  bool self_reap = false;
  if (c.self_reap) self_reap = co_await exit_mmap_oom_branch(w, current, branch);
  if (self_reap) {
    // v4.17 27ae357fa82b: "Manually reap the mm to free as much memory as
    // possible ... This needs to be done before calling munlock_vma_pages_all(),
    // which clears VM_LOCKED, otherwise the oom reaper cannot reliably test it."
    if (c.self_reap_oom_lock) co_await w.oom.oom_lock.lock();
    co_await __oom_reap_task_mm(w);
    if (c.self_reap_oom_lock) co_await w.oom.oom_lock.unlock();
    if (c.exit_skip == ExitSkip::kAfterSelfReap) co_await set_mmf_oom_skip_on_exit(mm);
    if (c.exit_barrier == ExitBarrier::kAfterSelfReap) co_await exit_mmap_write_lock_cycle(mm);
  }
  // v5.17 64591e8605d6: the whole teardown under mmap_write_lock.
  if (c.teardown_lock == TeardownLock::kWrite) co_await mm.mmap_sem.down_write();
  if (c.munlock_in_exit) {
    // if (mm->locked_vm) for each vma with VM_LOCKED: munlock_vma_pages_all()
    for (auto& vma : mm.vmas) {
      if (vma->mlocked) co_await munlock_vma_pages_all(*vma);
    }
  }
  if (c.reaper_stop == ReaperStop::kSeedFlag) {
    // The seed: "one to indicate the mm is entering unmap_vmas(): set the flag,
    // do down_write(&mm->mmap_sem); up_write(&mm->mmap_sem), then unmap_vmas()".
    co_await mm.flags.set_bit(MMF_EXIT_MMAP);
  }
  if (c.exit_barrier == ExitBarrier::kBeforeUnmap) {
    const bool victim = co_await exit_mmap_oom_branch(w, current, branch);
    if (victim) co_await exit_mmap_write_lock_cycle(mm);
  }
  if (c.teardown_lock == TeardownLock::kReadUnmap) co_await mm.mmap_sem.down_read();  // v6.0 mmap_read_lock
  co_await unmap_vmas(w);
  if (c.teardown_lock == TeardownLock::kReadUnmap) co_await mm.mmap_sem.up_read();
  bool skip_now = c.exit_skip == ExitSkip::kAfterUnmap;
  if (c.exit_skip == ExitSkip::kAfterUnmapVictim) skip_now = co_await exit_mmap_oom_branch(w, current, branch);
  if (skip_now) co_await set_mmf_oom_skip_on_exit(mm);
  bool barrier = false;
  if (c.exit_barrier == ExitBarrier::kAfterUnmap) barrier = co_await exit_mmap_oom_branch(w, current, branch);
  if (barrier) {
    // v4.14 212925802454: "Wait for oom_reap_task() to stop working on this mm.
    // Because MMF_OOM_SKIP is already set before calling down_read(),
    // oom_reap_task() will not run on this "mm" post up_write()."
    co_await exit_mmap_write_lock_cycle(mm);
  }
  if (c.teardown_lock == TeardownLock::kReadUnmap) co_await mm.mmap_sem.down_write();  // v6.0 mmap_write_lock
  co_await free_pgtables(mm);
  co_await remove_vma(mm);
  if (c.teardown_lock != TeardownLock::kNone) co_await mm.mmap_sem.up_write();
}

// exit_aio() (fs/aio.c): waits for the in-flight requests of every ioctx. A
// request still in flight makes it wait; a wait that never ends is pruned
// (the model explores the executions in which the I/O completes).
Task<void> exit_aio(World& w) {
  if (w.cfg.exit_aio_blocks) {
    const int inflight = co_await w.mm.aio_inflight.load();
    assume(inflight == 0);
  }
}

}  // namespace

// aio_complete() (fs/aio.c): the in-flight request that exit_aio() waits for.
Task<void> aio_complete(World& w) { co_await w.mm.aio_inflight.store(0); }

namespace {

// __mmput() (kernel/fork.c): the last reference is gone.
Task<void> __mmput(World& w, TaskStruct& current) {
  co_await exit_aio(w);
  co_await exit_mmap(w, current);
  // Up to v4.13: "set_bit(MMF_OOM_SKIP, &mm->flags)" once exit_mmap is done.
  if (w.cfg.exit_skip == ExitSkip::kMmput) co_await set_mmf_oom_skip_on_exit(w.mm);
}

}  // namespace

// mmput() (kernel/fork.c).
Task<void> mmput(World& w, TaskStruct& current) {
  const bool last = co_await w.mm.mm_users.put();
  if (last) co_await __mmput(w, current);
}

// mmput_async_fn() (kernel/fork.c, v4.9 .. v4.13 reaper): __mmput on a kworker.
Task<void> mmput_async_fn(World& w) { co_await __mmput(w, w.kworker); }

// do_exit() -> exit_mm() (kernel/exit.c): a SIGKILLed task drops its mm.
Task<void> do_exit(World& w, TaskStruct& current) { co_await mmput(w, current); }

}  // namespace lockstep::models::oom
