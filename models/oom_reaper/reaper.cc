// The oom_reaper kthread (mm/oom_kill.c). wake_oom_reaper() queued the victim;
// oom_reap_task() retries oom_reap_task_mm() while mmap_sem cannot be taken,
// then always sets MMF_OOM_SKIP so the OOM killer may move on.
#include "absl/strings/str_cat.h"
#include "models/oom_reaper/oom_reaper.h"

namespace lockstep::models::oom {
namespace {

// can_madv_dontneed_vma() and the VM_SHARED test of __oom_reap_task_mm()
// (v4.9+): the reaper frees private/anon memory that is not VM_LOCKED. Only an
// mlocked VMA's flags ever change (munlock clears VM_LOCKED), so only that
// VMA's flags are a shared read.
Task<bool> oom_reaper_may_zap(Vma& vma) {
  if (vma.shared) co_return false;
  if (!vma.mlocked) co_return true;
  const int vm_flags = co_await vma.vm_flags.load();
  if (vm_flags == kVmLocked) co_return false;
  // VM_LOCKED is clear: the kernel zaps. If exit_mmap's munlock is still walking
  // this VMA, that is CVE-2018-1000200 (v4.14 .. v4.16). P3 is judged here, at
  // the decision: unmap_page_range() follows with no further test, while
  // munlock_vma_pages_all() has not finished with the VMA. A modelling
  // choice: the zap of a PTE is not required to overlap the walk's read of
  // that same PTE, only the munlock of the VMA as a whole.
  props::munlock_safe(vm_flags == kVmMunlocking, vma.name);
  co_return true;
}

}  // namespace

// __oom_reap_task_mm() (v4.9 .. v4.16 inline in it; v4.17+ a function that
// exit_mmap also calls): tell faults the memory is going, then zap.
Task<void> __oom_reap_task_mm(World& w) {
  Mm& mm = w.mm;
  // MMF_UNSTABLE: "Tell all users of get_user/copy_from_user etc... that the
  // content is no longer stable" - set before zapping (unstable-before-zap=0 is
  // the hypothetical fix that sets it afterwards).
  if (w.cfg.unstable_before_zap) co_await mm.flags.set_bit(MMF_UNSTABLE);
  for (auto& vma : mm.vmas) {
    co_await vma->vma.use();  // for (vma = mm->mmap; vma; vma = vma->vm_next): reads the vm_area_struct (P1)
    const bool zap = co_await oom_reaper_may_zap(*vma);
    if (!zap) continue;
    co_await unmap_page_range(w, *vma);
  }
  if (!w.cfg.unstable_before_zap) co_await mm.flags.set_bit(MMF_UNSTABLE);
}

namespace {

// oom_reap_task_mm() (v4.17+; before that the head of __oom_reap_task_mm).
// Returns false when mmap_sem could not be taken (the caller retries), true
// when the mm is done with, reaped or not.
Task<bool> oom_reap_task_mm(World& w) {
  const Config& c = w.cfg;
  Mm& mm = w.mm;
  // v4.9 .. v4.18: "We have to make sure to not race with the victim exit path
  // and cause premature new oom victim selection" - oom_lock around the reap.
  if (c.reaper_oom_lock) co_await w.oom.oom_lock.lock();
  // (co_await only as a statement or an initializer: GCC 12.2 miscompiles it
  // inside a condition.)
  const bool locked = co_await mm.mmap_sem.down_read_trylock();  // false: trace_skip_task_reaping(), retry
  bool reap = locked;
  if (reap && c.reaper_stop == ReaperStop::kOomSkip) {
    // v4.14+: "MMF_OOM_SKIP is set by exit_mmap when the OOM reaper can't work on
    // the mm anymore. The check ... must run under mmap_sem for reading".
    const bool skip = co_await mm.flags.test_bit(MMF_OOM_SKIP);
    if (skip) reap = false;
  }
  if (reap && c.reaper_stop == ReaperStop::kSeedFlag) {
    // The seed's proposal: "The oom reaper needs this flag clear, not
    // MMF_OOM_SKIP, while holding down_read(&mm->mmap_sem)".
    const bool exiting = co_await mm.flags.test_bit(MMF_EXIT_MMAP);
    if (exiting) reap = false;
  }
  if (reap && c.reaper_pins_mm) {
    // v4.9 .. v4.13: mmget_not_zero() failed - the last mmput() already ran,
    // so there is "nothing to reap" and oom_reap_task() calls it done.
    const bool pinned = co_await mm.mm_users.get_not_zero();
    if (!pinned) reap = false;
  }
  if (reap) co_await __oom_reap_task_mm(w);
  if (locked) co_await mm.mmap_sem.up_read();
  if (reap && c.reaper_pins_mm) {
    // mmput_async() (v4.9 .. v4.13): the last reference goes to a workqueue.
    const bool last = co_await mm.mm_users.put();
    if (last) spawn("kworker", mmput_async_fn(w));
  }
  if (c.reaper_oom_lock) co_await w.oom.oom_lock.unlock();
  co_return locked;
}

// oom_reap_task() (all versions): retry up to MAX_OOM_REAP_RETRIES (here the
// reap-attempts switch), then hide the mm from the OOM killer.
Task<void> oom_reap_task(World& w) {
  bool done = false;
  for (int attempts = 0; attempts < w.cfg.reap_attempts && !done; ++attempts) {
    done = co_await oom_reap_task_mm(w);  // schedule_timeout_idle(HZ/10) between tries
  }
  if (done) {
    // "Hide this mm from OOM killer because it has been either reaped or
    // somebody can't call up_write(mmap_sem)" - P4 holds the reaper to what it
    // was able to free.
    co_await props::set_mmf_oom_skip(w.mm.flags, MMF_OOM_SKIP, w.mm.MappedPages(), props::SkipSetter::kReaper);
  } else {
    // "oom_reaper: unable to reap pid": giving up is designed behaviour, not P4.
    co_await w.mm.flags.set_bit(MMF_OOM_SKIP);
  }
}

}  // namespace

// The oom_reaper kthread, woken by wake_oom_reaper() for one queued victim.
Task<void> oom_reaper(World& w) { co_await oom_reap_task(w); }

}  // namespace lockstep::models::oom
