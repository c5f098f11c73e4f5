// flag-lock: the textbook lock built from a flag. The broken variant checks
// the flag and then sets it (two steps: both threads can see it free); the
// fixed variant sets it with one atomic exchange. Spinning on a busy flag is
// a blocking wait, `while (READ_ONCE(flag)) cpu_relax();` as one step
// (wait_until): the thread is not enabled until the flag is released, so no
// execution is pruned and a flag never released would be reported as a hang.
#include "lockstep/lockstep.h"

namespace lockstep::models {
namespace {

struct FlagLock {
  Atomic<int> flag{"flag"};
  Atomic<int> in_critical{"in_critical"};
};

Task<void> Acquire(FlagLock& l, bool atomic_exchange) {
  if (!atomic_exchange) {
    co_await l.flag.wait_until(eq(0));  // check (spin while busy) ...
    co_await l.flag.store(1);           // ... then set: the race window
    co_return;
  }
  for (;;) {  // test-and-test-and-set
    const int old = co_await l.flag.exchange(1);
    if (old == 0) co_return;
    co_await l.flag.wait_until(eq(0));
  }
}

Task<void> Worker(FlagLock& l, bool atomic_exchange) {
  co_await Acquire(l, atomic_exchange);
  const int others = co_await l.in_critical.fetch_add(1);
  check(others == 0, "mutual-exclusion", "two threads are in the critical section at once");
  co_await l.in_critical.fetch_sub(1);
  co_await l.flag.store(0);
}

}  // namespace

ModelSpec FlagLockModel() {
  ModelSpec m;
  m.name = "flag-lock";
  m.summary = "a lock built from a flag: check-then-set (broken) vs atomic exchange (fixed)";
  m.switches = {
      {"atomic-exchange", 0, "take the flag with one exchange instead of a load and a store", {}, 1},
      {"threads", 2, "number of threads competing for the lock", {}, 4, 1},
  };
  m.variants = {
      {"check-then-set", "load the flag, then store 1: both threads can see it free", {}},
      {"exchange", "xchg(flag, 1) and test the old value", {{"atomic-exchange", "1"}}},
  };
  m.properties = {{"mutual-exclusion", "at most one thread is in the critical section"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    FlagLock& l = rt.Make<FlagLock>();
    for (int i = 0; i < s["threads"]; ++i) {
      spawn("cpu" + std::to_string(i), Worker(l, s.on("atomic-exchange")));
    }
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(FlagLockModel);

}  // namespace lockstep::models
