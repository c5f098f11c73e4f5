// Random small programs for the differential tests: 2-4 threads of a few
// instructions over 1-3 variables, a mutex, an rwsem and a flags word, with
// assertions, choices, assumes, invariants and end checks, and the waiting
// operations (spin-until, sleep and wake-up). A program is data;
// one interpreter coroutine runs any thread of it.
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
