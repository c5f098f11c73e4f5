// <lockstep/lockstep.h>: everything a model needs, and nothing else.
//
// A model is shared state made from Lockstep's primitives, threads that are
// C++20 coroutines, named properties, and a ModelSpec that says which switches
// and variants exist. The user guide is docs/writing-models.md; this is the
// short manual.
//
// THREADS. A thread body is a `Task<void>`; a helper that does visible work is a
// `Task<T>` its caller co_awaits. Setup (ModelSpec::setup) makes the shared
// objects and spawns the threads; a thread may spawn and join others.
//
//   Task<void> reaper(Mm& mm) { ... }
//   ThreadHandle t = spawn("oom_reaper", reaper(mm));
//   co_await join(t);                      // not a step: orders what follows
//
// OPERATIONS. Every co_await on a primitive is one visible step: the scheduler
// may switch threads before it, and a trace shows it with its line and
// function. Code between two co_awaits is invisible and runs atomically. Model
// each shared access the kernel makes as one operation; keep thread-local work
// as plain C++. choose(n) is an explored choice (every value 0..n-1 is run);
// assume(ok) prunes the executions where ok is false; they are not checked, and
// the report warns when any were pruned. Never wait with it: use the blocking
// waits below, whose waits that never end are reported (no-hang). A helper that wraps primitives for its
// callers takes a trailing `CallSite = {}` parameter: its steps are then shown
// at its caller's line (checker/runtime/task.h).
//   GCC 12: never co_await inside the condition of an if/while/switch whose body
//   also co_awaits or co_returns; bind the value to a local first.
//
// PRIMITIVES (checker/sync/; each header opens with its state table: the
// operations, their results and effects, and which ones commute):
//   Atomic<T>  load store exchange compare_exchange fetch_add fetch_sub  (atomic.h)
//              wait_until(ne(0)): a spin loop as one step, blocked until it holds
//   Bits       test_bit set_bit clear_bit test_and_set_bit ...      (bits.h, one location per bit)
//   Mutex      lock trylock unlock; lock() on a held mutex blocks    (mutex.h)
//   Spinlock   spin_lock spin_trylock spin_unlock (_irqsave ...); no sleeping inside (spinlock.h)
//   Semaphore  down down_trylock up, counting, up by any thread      (semaphore.h)
//   Completion wait_for_completion complete complete_all try_wait_for_completion (completion.h)
//   TaskState  set_current_state schedule wake_up_process might_sleep, current() (task_state.h)
//   WaitQueueHead prepare_to_wait finish_wait wait_event wake_up waitqueue_active (wait_queue.h)
//   RwSem      down_read[_trylock] up_read down_write[_trylock] up_write, writer-fair (rwsem.h)
//   RefCount   refcount_t/kref: refcount_inc[_not_zero] refcount_dec_and_test
//              refcount_dec_and_lock kref_put_mutex refcount_read   (refcount.h)
//   SeqCount / SeqLock  write_seqcount_begin/end read_seqcount_begin/retry (seqcount.h)
//   Rcu        rcu_read_lock/unlock synchronize_rcu call_rcu kfree_rcu
//              rcu_assign_pointer rcu_dereference                   (rcu.h)
//   Freeable   use free: use-after-free and double free detection    (freeable.h)
//   Array<T>   n primitives named "name[i]" in one object            (array.h)
// Shared objects live for the whole execution: make them in setup with
// `rt.Make<T>(args...)` (or as members of one struct made that way).
// peek() reads a value without a step: only for AtEnd checks and invariants.
//
// PROPERTIES. Every property a model uses is declared in ModelSpec::properties
// (using an undeclared one is an error). Three ways to check one:
//   check(ok, "prop", "message");       // like BUG_ON(!ok): records, stops the thread
//   warn_on(bad, "prop", "message");    // like WARN_ON(bad): records, goes on
//   rt.AtEnd("prop", [&]() -> std::optional<std::string> { ... });  // after every complete execution
// The engine adds no-hang, no-use-after-free, no-lock-misuse,
// no-sleep-in-atomic and refcount-inc-on-zero itself (core/property_names.h).
//
// SWITCHES AND VARIANTS. A switch is one design decision (an integer with a
// default, or named values); a variant is a named set of switch values, one
// per kernel version or proposal. Setup reads them from Settings:
//   m.switches = {{"atomic-exchange", 0, "take the flag with one xchg", {}, 1}};
//   m.variants = {{"broken", "load then store", {}}, {"fixed", "xchg", {{"atomic-exchange", "1"}}}};
//   m.setup = [](Runtime& rt, const Settings& s) { if (s.on("atomic-exchange")) ... };
// Without variants a model has one, "default". `--set name=value` tries a
// combination nobody named.
//
// REGISTRATION. LOCKSTEP_REGISTER_MODEL(MyModel), where `ModelSpec MyModel()`,
// puts the model into the binary's CLI (lockstep_add_model() in CMake) and
// into the GoogleTest expectations of <lockstep/gtest.h>.
#pragma once

#include "checker/model/model.h"
#include "checker/runtime/model_api.h"
#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"
#include "checker/sync/array.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"
#include "checker/sync/completion.h"
#include "checker/sync/freeable.h"
#include "checker/sync/mutex.h"
#include "checker/core/property_names.h"
#include "checker/sync/rcu.h"
#include "checker/sync/refcount.h"
#include "checker/sync/rwsem.h"
#include "checker/sync/semaphore.h"
#include "checker/sync/seqcount.h"
#include "checker/sync/spinlock.h"
#include "checker/sync/task_state.h"
#include "checker/sync/wait_queue.h"
#include "models/registry.h"
