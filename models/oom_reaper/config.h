// The switches of the oom-reaper model, decoded from Settings once per
// execution. Each protocol switch is one design decision that some kernel
// version made differently; variants.cc names the combinations.
#pragma once

#include "checker/model/model.h"

namespace lockstep::models::oom {

// Which test makes the reaper stop, under mmap_sem for reading.
enum class ReaperStop { kNone, kOomSkip, kSeedFlag };
// What exit_mmap's oom branch is keyed on.
enum class BarrierKey { kCurrent, kMm };
// Where exit_mmap does its down_write(); up_write() cycle (for a victim).
enum class ExitBarrier { kNone, kAfterUnmap, kBeforeUnmap, kAfterSelfReap };
// Who sets MMF_OOM_SKIP on the exit path, and when.
enum class ExitSkip { kMmput, kAfterUnmap, kAfterUnmapVictim, kAfterSelfReap };
// Which part of exit_mmap's teardown runs under mmap_sem.
enum class TeardownLock { kNone, kWrite, kReadUnmap };
// check_stable_address_space() in the fault path.
enum class UnstableCheck { kNone, kKthread, kAll };
// Who drops the last mm_users reference (besides the victim itself).
enum class FinalMmput { kVictim, kOther };
// Who faults on the victim's memory.
enum class Refault { kNone, kKthread, kThread };

struct Config {
  // Protocol.
  bool reaper_pins_mm;
  bool reaper_oom_lock;
  ReaperStop reaper_stop;
  BarrierKey barrier_key;
  bool self_reap;
  bool self_reap_oom_lock;
  ExitBarrier exit_barrier;
  ExitSkip exit_skip;
  TeardownLock teardown_lock;
  bool munlock_in_exit;
  bool zap_under_ptl;
  bool unstable_before_zap;
  UnstableCheck unstable_check;
  int reap_attempts;
  // Scenario.
  int vmas;
  int pages;
  bool mlocked_vma;
  bool shared_vma;
  FinalMmput final_mmput;
  bool exit_aio_blocks;
  bool allocator;
  Refault refault;

  static Config From(const Settings& s);
};

}  // namespace lockstep::models::oom
