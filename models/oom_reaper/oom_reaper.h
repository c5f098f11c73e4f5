// The kernel functions of the oom-reaper model, one file per path. They are
// installed with Lockstep (lockstep::oom_reaper, <lockstep/oom_reaper.h>)
// so that a proposal can reuse them: examples/my_oom_fix writes its own reaper
// and exit_mmap() from these pieces.
//   zap.cc         unmap_page_range() / unmap_vmas(): the zap step both sides share
//   reaper.cc      the oom_reaper kthread: oom_reap_task(), oom_reap_task_mm(), __oom_reap_task_mm()
//   exit.cc        do_exit() -> mmput() -> __mmput() -> exit_mmap(), and mmput_async()
//   oom_killer.cc  out_of_memory(): mark_oom_victim(), wake_oom_reaper(), select_bad_process()
//   fault.cc       a fault on the victim's memory: handle_mm_fault(), check_stable_address_space()
// Names are the kernel's, so the trace reads like the kernel (each step prints
// the function it was taken in). A Task<void> taking World& and TaskStruct& is
// a thread body or a helper run in the calling task's context ("current").
#pragma once

#include "lockstep/lockstep.h"
#include "models/oom_reaper/mm.h"

namespace lockstep::models {

// The model as `lockstep list oom-reaper` shows it (model.cc).
ModelSpec OomReaperModel();

}  // namespace lockstep::models

namespace lockstep::models::oom {

// zap.cc
Task<void> unmap_page_range(World& w, Vma& vma);
Task<void> unmap_vmas(World& w);

// reaper.cc
Task<void> oom_reaper(World& w);
Task<void> __oom_reap_task_mm(World& w);

// exit.cc
Task<void> do_exit(World& w, TaskStruct& current);
Task<void> munlock_vma_pages_all(Vma& vma);
Task<void> free_pgtables(Mm& mm);
Task<void> remove_vma(Mm& mm);
Task<void> mmput(World& w, TaskStruct& current);
Task<void> mmput_async_fn(World& w);
Task<void> aio_complete(World& w);

// oom_killer.cc
Task<void> mark_oom_victim(World& w, TaskStruct& tsk);
Task<void> out_of_memory(World& w);
Task<void> out_of_memory_again(World& w);

// fault.cc
Task<void> fault_on_victim_memory(World& w, TaskStruct& current);

}  // namespace lockstep::models::oom
