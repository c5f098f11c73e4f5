// Random small programs for the differential tests: 2-4 threads of a few
// instructions over 1-3 variables, with assertions, choices, assumes,
// invariants and end checks, and one or two families of the other
// primitives: a mutex and an rwsem, a flags word, the waiting operations
// (spin-until, sleep and wake-up), and the kernel vocabulary of
// checker/sync/: spinlock, semaphore, completion, refcount_t, wait queue,
// seqcount and RCU. A program is data; one interpreter coroutine runs any
// thread of it.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "checker/lockstep.h"

namespace lockstep::testing {

enum class Ins {
  kLoad, kStore, kFetchAdd, kCompareExchange, kExchange,
  kLock, kUnlock, kTrylockUnlock,
  kDownRead, kUpRead, kDownWrite, kUpWrite, kReadTrylockUp,
  kSetBit, kClearBit, kTestBit, kTestAndSetBit,
  kCheck, kChoose, kAssume,
  kWaitUntil,  // x[var].wait_until(val odd ? ne(val / 2) : eq(val / 2))
  kSleep,      // set_current_state(TASK_UNINTERRUPTIBLE); schedule()
  kWake,       // wake_up_process(thread var)
  // The kernel's waiting and lifetime vocabulary (checker/sync/):
  kSpinLock, kSpinUnlock,                   // spinlock sl (a sleep inside: no-sleep-in-atomic)
  kSpinTrylockUnlock,                       // spin_trylock(sl); spin_unlock if taken
  kDown, kUp, kDownTrylock,                 // semaphore, count 1
  kWaitForCompletion, kComplete, kCompleteAll, kTryWaitForCompletion, kCompletionDone,
  kRefInc, kRefIncNotZero, kRefDecAndTest,  // refcount, initially 1
  kRefDecAndLock,                           // refcount_dec_and_lock(ref, sl); spin_unlock if true
  kRefDecAndMutexLock,                      // refcount_dec_and_mutex_lock(ref, m); unlock if true
  kWaitEvent,                               // wait_event(wq, x[var] != 0)
  kWakeUp, kWaitqueueActive,
  kSeqWriteBegin, kSeqWriteEnd,             // write_seqcount_begin/end
  kSeqRead,                                 // read_seqcount_begin; load x[var]; read_seqcount_retry
  kRcuReadLock, kRcuReadUnlock, kSynchronizeRcu,
  kCallRcu,                                 // call_rcu: x[var] = val after a grace period
};

struct Instr {
  Ins op;
  int var = 0;      // variable or bit
  int64_t val = 0;  // constant
};

struct Program {
  int vars = 1;
  std::vector<std::vector<Instr>> threads;
  bool invariant = false;  // vars[0] + vars[last] <= 3
  bool end_check = false;  // vars[0] != 2 at the end
  std::string ToString() const;
};

Program RandomProgram(uint64_t seed, uint64_t max_interleavings);
// Installs the program's shared state, threads and checks.
void SetUp(Runtime& rt, const Program& p);

}  // namespace lockstep::testing
