// The switches of the oom-reaper model and the named variants
// (docs/models/oom-reaper.md, "Versions"). Every variant spells out every protocol switch, so `lockstep
// list oom-reaper` shows exactly what a version does and a user can try a fix
// nobody wrote with --set on top of any of them.
#include "models/oom_reaper/variants.h"

namespace lockstep::models::oom {

std::vector<SwitchSpec> Switches() {
  return {
      // ---- protocol ----
      {"reaper-pins-mm", 0,
       "reaper takes mmget_not_zero() before reaping and mmput_async() after (v4.9..v4.13); a failed "
       "mmget_not_zero counts as done",
       {}, 1},
      {"reaper-oom-lock", 0, "reaper holds oom_lock around oom_reap_task_mm (v4.9..v4.18)", {}, 1},
      {"reaper-stop", 1,
       "flag the reaper tests under mmap_sem for reading to stop: none (v4.13), oom-skip "
       "(MMF_OOM_SKIP, v4.14+), seed-flag (the seed's new flag, set by exit_mmap before its write-lock cycle)",
       {"none", "oom-skip", "seed-flag"}},
      {"barrier-key", 0,
       "what exit_mmap's oom branch tests: current = tsk_is_oom_victim(current) (v4.14, seed), mm = "
       "mm_is_oom_victim(mm), MMF_OOM_VICTIM set by mark_oom_victim (v4.15..v5.19)",
       {"current", "mm"}},
      {"self-reap", 0,
       "exit_mmap reaps a victim's mm itself with __oom_reap_task_mm before munlock (v4.17..v5.19)", {}, 1},
      {"self-reap-oom-lock", 0, "exit_mmap's self-reap runs under oom_lock (v4.17, v4.18)", {}, 1},
      {"exit-barrier", 0,
       "where exit_mmap does down_write(mmap_sem); up_write() for a victim: none, after-unmap (after "
       "unmap_vmas and MMF_OOM_SKIP: v4.14, v4.15), before-unmap (after munlock and the seed flag: seed), "
       "after-self-reap (v4.17, v4.19)",
       {"none", "after-unmap", "before-unmap", "after-self-reap"}},
      {"exit-skip", 1,
       "who sets MMF_OOM_SKIP on the exit path and when: mmput (__mmput after exit_mmap, up to v4.13), "
       "after-unmap (exit_mmap after unmap_vmas for every mm: v4.14, seed, v6.0), after-unmap-victim (only "
       "in the victim branch: v4.15), after-self-reap (v4.17..v5.17)",
       {"mmput", "after-unmap", "after-unmap-victim", "after-self-reap"}},
      {"teardown-lock", 2,
       "mmap_sem around exit_mmap's teardown: none (up to v5.16), write (munlock..remove_vma under "
       "mmap_write_lock: v5.17), read-unmap (unmap_vmas under mmap_read_lock, free_pgtables/remove_vma "
       "under mmap_write_lock: v6.0)",
       {"none", "write", "read-unmap"}},
      {"munlock-in-exit", 0,
       "exit_mmap munlocks VM_LOCKED VMAs (clears VM_LOCKED, then walks the pages) before unmap_vmas "
       "(up to v5.17)",
       {}, 1},
      {"zap-under-ptl", 1,
       "the zap reads and clears each PTE under the page table's ptl (the kernel); 0 = the seed's "
       "hypothesis, read then clear with nothing held",
       {}, 1},
      {"unstable-before-zap", 1,
       "__oom_reap_task_mm sets MMF_UNSTABLE before zapping (the kernel); 0 = after zapping", {}, 1},
      {"unstable-check", 2,
       "check_stable_address_space in the fault path: none (before v4.9), kthread (only PF_KTHREAD, "
       "after the fault: v4.9), all (under ptl in do_anonymous_page: v4.13+)",
       {"none", "kthread", "all"}},
      {"reap-attempts", 2,
       "oom_reap_task_mm attempts before the reaper gives up and sets MMF_OOM_SKIP anyway "
       "(MAX_OOM_REAP_RETRIES is 10)",
       {}, 10},
      // ---- scenario ----
      {"vmas", 2, "private VMAs in the victim's mm (at least two, so a reaper can be caught between them)", {},
       3, 1},
      {"pages", 1, "pages (present PTEs) per VMA, all sharing its page-table page", {}, 3, 1},
      {"mlocked-vma", 0, "the first VMA is VM_LOCKED (mlock)", {}, 1},
      {"shared-vma", 0, "the last VMA is a shared mapping (the reaper leaves it alone)", {}, 1},
      {"final-mmput", 1,
       "who else holds the mm: victim = nobody, the victim's exit drops the last reference; other = a "
       "process sharing it via clone(CLONE_VM) without CLONE_THREAD (SIGKILLed, not marked), whose mmput "
       "may be the last",
       {"victim", "other"}},
      {"exit-aio-blocks", 0, "the last mmput's exit_aio() waits for an in-flight AIO request first", {}, 1},
      {"allocator", 0,
       "another allocator runs out_of_memory concurrently and kills again if the victim has MMF_OOM_SKIP", {},
       1},
      {"refault", 0,
       "who faults on the victim's private memory while holding an mm reference: none, kthread (vhost "
       "after use_mm), thread (a thread of the victim that has not died yet)",
       {"none", "kthread", "thread"}},
  };
}

std::vector<VariantSpec> Variants() {
  // Protocol switches of each version, every one spelled out.
  using S = std::vector<std::pair<std::string, std::string>>;
  const S v4_13 = {{"reaper-pins-mm", "1"},      {"reaper-oom-lock", "1"},    {"reaper-stop", "none"},
                   {"barrier-key", "current"},   {"self-reap", "0"},          {"self-reap-oom-lock", "0"},
                   {"exit-barrier", "none"},     {"exit-skip", "mmput"},      {"teardown-lock", "none"},
                   {"munlock-in-exit", "1"},     {"unstable-check", "all"}};
  const S v4_14 = {{"reaper-pins-mm", "0"},      {"reaper-oom-lock", "1"},    {"reaper-stop", "oom-skip"},
                   {"barrier-key", "current"},   {"self-reap", "0"},          {"self-reap-oom-lock", "0"},
                   {"exit-barrier", "after-unmap"}, {"exit-skip", "after-unmap"}, {"teardown-lock", "none"},
                   {"munlock-in-exit", "1"},     {"unstable-check", "all"}};
  const S seed = {{"reaper-pins-mm", "0"},       {"reaper-oom-lock", "1"},    {"reaper-stop", "seed-flag"},
                  {"barrier-key", "current"},    {"self-reap", "0"},          {"self-reap-oom-lock", "0"},
                  {"exit-barrier", "before-unmap"}, {"exit-skip", "after-unmap"}, {"teardown-lock", "none"},
                  {"munlock-in-exit", "1"},      {"unstable-check", "all"}};
  const S v4_15 = {{"reaper-pins-mm", "0"},      {"reaper-oom-lock", "1"},    {"reaper-stop", "oom-skip"},
                   {"barrier-key", "mm"},        {"self-reap", "0"},          {"self-reap-oom-lock", "0"},
                   {"exit-barrier", "after-unmap"}, {"exit-skip", "after-unmap-victim"},
                   {"teardown-lock", "none"},    {"munlock-in-exit", "1"},    {"unstable-check", "all"}};
  const S v4_17 = {{"reaper-pins-mm", "0"},      {"reaper-oom-lock", "1"},    {"reaper-stop", "oom-skip"},
                   {"barrier-key", "mm"},        {"self-reap", "1"},          {"self-reap-oom-lock", "1"},
                   {"exit-barrier", "after-self-reap"}, {"exit-skip", "after-self-reap"},
                   {"teardown-lock", "none"},    {"munlock-in-exit", "1"},    {"unstable-check", "all"}};
  const S v4_19 = {{"reaper-pins-mm", "0"},      {"reaper-oom-lock", "0"},    {"reaper-stop", "oom-skip"},
                   {"barrier-key", "mm"},        {"self-reap", "1"},          {"self-reap-oom-lock", "0"},
                   {"exit-barrier", "after-self-reap"}, {"exit-skip", "after-self-reap"},
                   {"teardown-lock", "none"},    {"munlock-in-exit", "1"},    {"unstable-check", "all"}};
  const S v5_17 = {{"reaper-pins-mm", "0"},      {"reaper-oom-lock", "0"},    {"reaper-stop", "oom-skip"},
                   {"barrier-key", "mm"},        {"self-reap", "1"},          {"self-reap-oom-lock", "0"},
                   {"exit-barrier", "none"},     {"exit-skip", "after-self-reap"}, {"teardown-lock", "write"},
                   {"munlock-in-exit", "1"},     {"unstable-check", "all"}};
  const S v6_0 = {{"reaper-pins-mm", "0"},       {"reaper-oom-lock", "0"},    {"reaper-stop", "oom-skip"},
                  {"barrier-key", "current"},    {"self-reap", "0"},          {"self-reap-oom-lock", "0"},
                  {"exit-barrier", "none"},      {"exit-skip", "after-unmap"}, {"teardown-lock", "read-unmap"},
                  {"munlock-in-exit", "0"},      {"unstable-check", "all"}};
  // The MMF_UNSTABLE variants: the v4.13 reaper (it pins the mm, so the fault's
  // reference keeps exit_mmap away) with a faulting vhost kthread.
  auto unstable = [&](const std::string& check) {
    S s = v4_13;
    for (auto& [k, v] : s) {
      if (k == "unstable-check") v = check;
    }
    s.push_back({"refault", "kthread"});
    s.push_back({"final-mmput", "victim"});
    return s;
  };
  return {
      {"v4.13-pin", "v4.9..v4.13: the reaper pins the mm (mmget_not_zero), exit_mmap has no oom code", v4_13},
      {"v4.14", "212925802454: reaper and exit_mmap run concurrently; barrier if tsk_is_oom_victim(current)",
       v4_14},
      {"seed-proposal",
       "Rientjes, Dec 2017, as posted: a new flag + write-lock cycle before unmap_vmas, still keyed on current",
       seed},
      {"v4.15", "4837fe37adff: MMF_OOM_VICTIM, the barrier keyed on the mm", v4_15},
      {"v4.17", "27ae357fa82b: exit_mmap reaps the victim itself under oom_lock before munlock", v4_17},
      {"v4.19", "af5679fbc669: v4.17 without oom_lock on either side", v4_19},
      {"v5.17", "64591e8605d6: self-reap, MMF_OOM_SKIP, then the whole teardown under mmap_write_lock", v5_17},
      {"v6.0", "no oom code in exit_mmap: unmap under the read lock, MMF_OOM_SKIP, free under the write lock",
       v6_0},
      {"no-unstable-check", "v4.13 reaper, a vhost kthread refaults reaped memory, no MMF_UNSTABLE check",
       unstable("none")},
      {"v4.9-kthread-check", "3f70dc38cec2: only a kthread's fault is failed, after the fact",
       unstable("kthread")},
      {"v4.13-stable-check", "6b31d5955cb2: check_stable_address_space() under ptl for every task",
       unstable("all")},
  };
}

std::vector<InvalidCombination> InvalidCombinations() {
  return {
      {{{"self-reap-oom-lock", {"1"}}, {"self-reap", {"0"}}},
       "exit_mmap takes oom_lock only around its self-reap, so without self-reap=1 the lock is never taken"},
      {{{"exit-skip", {"after-self-reap"}}, {"self-reap", {"0"}}},
       "without the self-reap nothing on the exit path would set MMF_OOM_SKIP (use exit-skip=after-unmap)"},
      {{{"exit-barrier", {"after-self-reap"}}, {"self-reap", {"0"}}},
       "without the self-reap exit_mmap's write-lock cycle would never run (use exit-barrier=after-unmap)"},
      {{{"reap-attempts", {"0"}}},
       "a reaper that never attempts oom_reap_task_mm() is no reaper: use 1..10 attempts"},
  };
}

Config Config::From(const Settings& s) {
  Config c;
  c.reaper_pins_mm = s.on("reaper-pins-mm");
  c.reaper_oom_lock = s.on("reaper-oom-lock");
  c.reaper_stop = static_cast<ReaperStop>(s["reaper-stop"]);
  c.barrier_key = static_cast<BarrierKey>(s["barrier-key"]);
  c.self_reap = s.on("self-reap");
  c.self_reap_oom_lock = s.on("self-reap-oom-lock");
  c.exit_barrier = static_cast<ExitBarrier>(s["exit-barrier"]);
  c.exit_skip = static_cast<ExitSkip>(s["exit-skip"]);
  c.teardown_lock = static_cast<TeardownLock>(s["teardown-lock"]);
  c.munlock_in_exit = s.on("munlock-in-exit");
  c.zap_under_ptl = s.on("zap-under-ptl");
  c.unstable_before_zap = s.on("unstable-before-zap");
  c.unstable_check = static_cast<UnstableCheck>(s["unstable-check"]);
  c.reap_attempts = static_cast<int>(s["reap-attempts"]);
  c.vmas = static_cast<int>(s["vmas"]);
  c.pages = static_cast<int>(s["pages"]);
  c.mlocked_vma = s.on("mlocked-vma");
  c.shared_vma = s.on("shared-vma");
  c.final_mmput = static_cast<FinalMmput>(s["final-mmput"]);
  c.exit_aio_blocks = s.on("exit-aio-blocks");
  c.allocator = s.on("allocator");
  c.refault = static_cast<Refault>(s["refault"]);
  return c;
}

}  // namespace lockstep::models::oom
