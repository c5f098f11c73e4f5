// The threads of the robust-futex model, one file each:
//   victim.cc       do_exit() of a victim thread (futex cleanup, then mmput)
//   waiter.cc       pthread_mutex_lock() on the shared robust mutex, another process
//   oom_reaper.cc   oom_kill_process(), the v5.18 timer, the oom reaper per variant
//   mmap_writer.cc  a task queueing on mmap_lock as a writer
//
// Every co_await result is bound to a local before it is tested: GCC 12
// miscompiles a co_await inside an if/while condition (or an argument such
// as assume(co_await ...)) in some coroutines; see checker/runtime/task.h.
#pragma once

#include "checker/lockstep.h"
#include "models/robust_futex/state.h"

namespace lockstep::models::robust_futex {

Task<void> do_exit(World& w, VictimTask& tsk);
Task<void> robust_mutex_lock_waiter(World& w);
Task<void> oom_kill_process(World& w);
Task<void> mmap_writer(World& w);

}  // namespace lockstep::models::robust_futex
