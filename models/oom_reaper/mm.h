// The shared state of the oom-reaper model: one mm_struct with its VMAs,
// page-table pages, PTEs and pages, the tasks that use it, and the global
// oom_lock. Everything is built once per execution in setup (model.cc), in a
// fixed order, so object ids are the same in every replay.
//
//   kernel                              model
//   mm->mmap_sem (mmap_lock)            Mm::mmap_sem        RwSem
//   mm->mm_users                        Mm::mm_users        RefCount
//   mm->flags                           Mm::flags           Bits (MMF_* below)
//   vm_area_struct                      Vma::vma            Freeable, freed by remove_vma()
//   vma->vm_flags & VM_LOCKED           Vma::vm_flags       Atomic (only for an mlocked VMA)
//   the VMA's page-table page           Vma::pgtable        Freeable, freed by free_pgtables()
//   its split ptlock                    Vma::ptl            Mutex
//   a PTE                               Page::pte           Atomic: kPteNone / kPtePresent / kPteZero
//   page->_mapcount + 1                 Page::mapcount      Atomic
//   task->signal->oom_mm != NULL        TaskStruct::oom_mm  Atomic (tsk_is_oom_victim)
//   oom_lock                            Oom::oom_lock       Mutex
#pragma once

#include <string>

#include "boost/container/small_vector.hpp"
#include "lockstep/lockstep.h"
#include "models/oom_reaper/config.h"
#include "properties/oom.h"

namespace lockstep::models::oom {

// mm->flags bits (include/linux/sched/coredump.h), numbered as in the kernel.
inline constexpr int MMF_UNSTABLE = 22;    // v4.9+: the reaper has begun; faults must not refault
inline constexpr int MMF_OOM_SKIP = 21;    // the OOM killer passes this mm over
inline constexpr int MMF_OOM_VICTIM = 25;  // v4.15 .. v5.19: mark_oom_victim() marked this mm
inline constexpr int MMF_EXIT_MMAP = 30;   // the seed's new, unnamed flag: exit_mmap is about to unmap

// PTE values.
inline constexpr int kPteNone = 0;
inline constexpr int kPtePresent = 1;  // maps the victim's page (its data)
inline constexpr int kPteZero = 2;     // a fresh zero page installed by a refault

// Vma::vm_flags values (only the bit the model needs, plus a ghost state).
inline constexpr int kVmNone = 0;
inline constexpr int kVmLocked = 1;      // VM_LOCKED
inline constexpr int kVmMunlocking = 2;  // VM_LOCKED cleared, munlock_vma_pages_all() still walking (ghost)

struct Page {
  Page(const std::string& name) : pte({name, ".pte"}, kPtePresent), mapcount({name, ".mapcount"}, 1) {}
  Atomic<int> pte;
  Atomic<int> mapcount;
};

struct Vma {
  Vma(const std::string& name, bool shared, bool mlocked, int pages);
  std::string name;
  bool shared;   // VM_SHARED: the reaper leaves it alone (never changes)
  bool mlocked;  // VM_LOCKED at the start of the scenario
  Freeable vma;
  Atomic<int> vm_flags;
  Freeable pgtable;
  Mutex ptl;
  // Made in the execution's arena (Runtime::Make), listed in the VMA.
  boost::container::small_vector<Page*, 4> pages;
};

struct Mm {
  explicit Mm(const Config& c);
  RwSem mmap_sem{"mm.mmap_sem"};
  RefCount mm_users;
  Bits flags{"mm.flags"};
  Atomic<int> aio_inflight;                      // an in-flight AIO request that exit_aio() waits for
  boost::container::small_vector<Vma*, 4> vmas;  // in the execution's arena

  // P4's view of this mm: every original page, and whether a reaper may free it.
  props::MappedPages MappedPages() const;
};

// A signal_struct: shared by the threads of one process.
struct Signal {
  explicit Signal(const char* process) : oom_mm({process, ".signal.oom_mm"}, 0) {}
  Atomic<int> oom_mm;  // signal->oom_mm: 1 once mark_oom_victim() ran (tsk_is_oom_victim)
};

struct TaskStruct {
  std::string comm;
  bool kthread;  // PF_KTHREAD
  Signal& signal;
};

// Global OOM state.
struct Oom {
  Mutex oom_lock{"oom_lock"};
  Atomic<int> kills{"oom_kills", 0};  // tasks killed by a second out_of_memory()
};

// Everything one execution shares. Thread bodies take a reference to it.
struct World {
  explicit World(const Config& c);
  Config cfg;
  Oom oom;
  Mm mm;
  Signal victim_signal{"victim"};
  Signal other_signal{"clone_vm"};
  Signal kthread_signal{"kthreadd"};
  TaskStruct victim{"victim", false, victim_signal};
  TaskStruct other{"clone_vm", false, other_signal};  // clone(CLONE_VM), no CLONE_THREAD: never marked
  TaskStruct sibling{"victim_thread", false, victim_signal};  // a thread of the victim, not dying yet
  TaskStruct vhost{"vhost", true, kthread_signal};            // a kthread that use_mm()ed the victim's mm
  TaskStruct kworker{"kworker", true, kthread_signal};        // runs mmput_async()'s __mmput
};

}  // namespace lockstep::models::oom
