// The futex side of a dying task (kernel/futex/core.c, 5.17): the robust list
// walk, OWNER_DIED, the wake of one waiter, and the futex_state handshake.
#pragma once

#include "checker/lockstep.h"
#include "models/robust_futex/state.h"

namespace lockstep::models::robust_futex {

// futex_exit_release(): the task's own cleanup in do_exit().
Task<void> futex_exit_release(World& w, VictimTask& tsk);

// try_futex_exit_release(): the v5 patch's cleanup of `tsk` from the oom
// reaper (mutex_trylock instead of mutex_lock). False if the trylock failed.
Task<bool> try_futex_exit_release(World& w, VictimTask& tsk);

}  // namespace lockstep::models::robust_futex
