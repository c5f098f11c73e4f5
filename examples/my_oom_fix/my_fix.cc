// my-oom-fix: a proposal for the 2017 oom_reaper vs exit_mmap() race, checked
// before it is mailed, against the kernels it would replace.
//
// The race (v4.14): exit_mmap() waits for the reaper with a down_write();
// up_write() cycle on mmap_sem only if tsk_is_oom_victim(current). When the
// last mmput() comes from a process that shares the mm but was never marked,
// exit_mmap() frees the VMAs under a reaper that still walks them.
//
// The proposal: exit_mmap() sets MMF_EXIT_MMAP on every mm, victim or not, and
// cycles mmap_sem for writing before it munlocks or unmaps anything; the reaper
// re-checks MMF_EXIT_MMAP under mmap_sem for reading and, if it is set, leaves
// the mm (and MMF_OOM_SKIP) to exit_mmap(), which sets MMF_OOM_SKIP once it has
// unmapped everything.
//
// Everything else is the oom-reaper model's (lockstep::oom_reaper): the mm and
// its VMAs, the zap, __oom_reap_task_mm(), mark_oom_victim(), the properties
// P1..P6, and the kernel variants v4.14 and v4.15 to compare against.
#include <lockstep/lockstep.h>
#include <lockstep/oom_reaper.h>

#include <algorithm>

namespace my_fix {

using namespace lockstep;
using namespace lockstep::models::oom;  // World, Mm, the MMF_* bits and the kernel functions reused below

// oom_reap_task() with the proposal's re-check. Like v4.14 it holds oom_lock
// around the reap and retries while mmap_sem is contended.
Task<void> oom_reap_task(World& w) {
  for (int attempt = 0; attempt < w.cfg.reap_attempts; ++attempt) {
    co_await w.oom.oom_lock.lock();
    const bool locked = co_await w.mm.mmap_sem.down_read_trylock();
    bool exiting = false;
    if (locked) {
      exiting = co_await w.mm.flags.test_bit(MMF_EXIT_MMAP);  // the new re-check, under mmap_sem
      if (!exiting) co_await __oom_reap_task_mm(w);
      co_await w.mm.mmap_sem.up_read();
    }
    co_await w.oom.oom_lock.unlock();
    if (exiting) co_return;  // exit_mmap() sets MMF_OOM_SKIP once the memory is gone
    if (locked) {
      co_await props::set_mmf_oom_skip(w.mm.flags, MMF_OOM_SKIP, w.mm.MappedPages(), props::SkipSetter::kReaper);
      co_return;
    }
  }
  co_await w.mm.flags.set_bit(MMF_OOM_SKIP);  // "oom_reaper: unable to reap pid"
}

// exit_mmap() with the proposal: flag and barrier first, for every mm.
Task<void> exit_mmap(World& w) {
  Mm& mm = w.mm;
  co_await mm.flags.set_bit(MMF_EXIT_MMAP);
  co_await mm.mmap_sem.down_write();  // a reaper that missed the flag is done once we get it
  co_await mm.mmap_sem.up_write();
  for (auto& vma : mm.vmas) {
    if (vma->mlocked) co_await munlock_vma_pages_all(*vma);
  }
  co_await unmap_vmas(w);
  co_await props::set_mmf_oom_skip(mm.flags, MMF_OOM_SKIP, mm.MappedPages(), props::SkipSetter::kExitPath);
  co_await free_pgtables(mm);
  co_await remove_vma(mm);
}

// do_exit() -> mmput(): the last reference runs exit_mmap().
Task<void> do_exit(World& w) {
  const bool last = co_await w.mm.mm_users.put();
  if (last) co_await my_fix::exit_mmap(w);
}

// out_of_memory() as in the kernel model: mark the victim, kill it and any
// clone(CLONE_VM) sharer, queue the reaper.
Task<void> out_of_memory(World& w) {
  co_await w.oom.oom_lock.lock();
  co_await mark_oom_victim(w, w.victim);
  spawn("victim", my_fix::do_exit(w));
  if (w.cfg.final_mmput == FinalMmput::kOther) spawn("clone_vm", my_fix::do_exit(w));
  spawn("oom_reaper", my_fix::oom_reap_task(w));
  co_await w.oom.oom_lock.unlock();
}

void Setup(Runtime& rt, const Settings& s) {
  World& w = rt.Make<World>(Config::From(s));
  props::expect_reaper_progress(rt, w.mm.flags, MMF_OOM_SKIP, "the victim's mm");
  spawn("oom_killer", my_fix::out_of_memory(w));  // qualified: the kernel model has one too
}

}  // namespace my_fix

// The oom-reaper model's switches, properties and kernel variants, plus a
// switch and a variant for the proposal.
lockstep::ModelSpec MyOomFix() {
  using lockstep::VariantSpec;
  lockstep::ModelSpec m = lockstep::models::OomReaperModel();
  m.name = "my-oom-fix";
  m.summary = "MMF_EXIT_MMAP + an unconditional mmap_sem barrier in exit_mmap, vs v4.14 and v4.15";
  m.switches.push_back({"my-fix", 0, "run the proposal's reaper and exit_mmap (the other protocol switches are unused)",
                        {}, 1});
  std::vector<VariantSpec> kernel = std::move(m.variants);
  m.variants.clear();
  for (const char* name : {"v4.14", "v4.15"}) {
    m.variants.push_back(*std::find_if(kernel.begin(), kernel.end(), [&](const VariantSpec& v) { return v.name == name; }));
  }
  m.variants.push_back({"my-fix", "MMF_EXIT_MMAP re-checked by the reaper; barrier for every mm", {{"my-fix", "1"}}});
  m.setup = [kernel_setup = m.setup](lockstep::Runtime& rt, const lockstep::Settings& s) {
    if (s.on("my-fix")) {
      my_fix::Setup(rt, s);
    } else {
      kernel_setup(rt, s);
    }
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(MyOomFix);
