// lost-wakeup: a sleeper waits on a wait queue for a condition that a waker
// sets, the way kernel code sleeps (include/linux/wait.h, kernel/sched/wait.c,
// Linux v6.6). The sleeper's order decides whether a wake-up can be lost:
//
//   test-then-sleep    add_wait_queue; while (!cond) { set_current_state(TASK_UNINTERRUPTIBLE);
//                      schedule(); }  -- the waker's wake_up can run between the test and
//                      set_current_state: try_to_wake_up finds the sleeper TASK_RUNNING and does
//                      nothing, and the sleeper then sleeps forever (a hang).
//   prepare-then-test  for (;;) { prepare_to_wait(TASK_UNINTERRUPTIBLE); if (cond) break;
//                      schedule(); } finish_wait  -- the state is set before the test, so a
//                      wake_up after the test makes schedule() return at once.
//   wait-event         wait_event(wq, cond), the kernel macro for the loop above.
//
// The waker sets the condition and calls wake_up(wq); with waker=waitqueue-active it calls
// wake_up only if waitqueue_active(wq), without the smp_mb() that include/linux/wait.h says
// must come first. That is a weak-memory bug (the condition store can be reordered after the
// load of the list head); under the sequential consistency this engine explores it holds.
#include "absl/strings/str_cat.h"
#include "lockstep/lockstep.h"

namespace lockstep::models {
namespace {

enum Sleeper { kTestThenSleep, kPrepareThenTest, kWaitEvent };

struct World {
  WaitQueueHead wq{"wq"};
  Atomic<int> cond{"cond"};
};

// The condition of the wait: READ_ONCE(cond).
Task<bool> condition(World& w) {
  const int c = co_await w.cond.load();
  co_return c != 0;
}

// The broken order: test, then set the task state.
Task<void> sleeper_test_then_sleep(World& w) {
  co_await add_wait_queue(w.wq);
  for (;;) {
    const bool done = co_await condition(w);
    if (done) break;
    co_await set_current_state(TASK_UNINTERRUPTIBLE);  // too late: a wake_up may have passed
    co_await schedule();
  }
  co_await set_current_state(TASK_RUNNING);  // __set_current_state
  co_await remove_wait_queue(w.wq);
}

// ___wait_event written out: queue and set the state, then test.
Task<void> sleeper_prepare_then_test(World& w) {
  for (;;) {
    co_await prepare_to_wait(w.wq, TASK_UNINTERRUPTIBLE);
    const bool done = co_await condition(w);
    if (done) break;
    co_await schedule();
  }
  co_await finish_wait(w.wq);
}

Task<void> sleeper(World& w, int64_t how) {
  switch (how) {
    case kTestThenSleep: co_await sleeper_test_then_sleep(w); break;
    case kPrepareThenTest: co_await sleeper_prepare_then_test(w); break;
    default: co_await wait_event(w.wq, [&w] { return condition(w); }); break;
  }
  const bool seen = co_await condition(w);
  check(seen, "woken-with-condition", "the sleeper returned from its wait without the condition set");
}

Task<void> waker(World& w, bool check_active) {
  co_await w.cond.store(1);  // WRITE_ONCE(cond, 1)
  if (check_active) {
    // smp_mb() belongs here (include/linux/wait.h, waitqueue_active); SC makes it implicit.
    const bool active = co_await waitqueue_active(w.wq);
    if (!active) co_return;
  }
  co_await wake_up(w.wq);
}

}  // namespace

ModelSpec LostWakeupModel() {
  ModelSpec m;
  m.name = "lost-wakeup";
  m.summary = "sleeper vs waker on a wait queue: test-then-sleep loses the wake-up (hang), prepare-then-test does not";
  m.switches = {
      {"sleeper", kTestThenSleep, "the sleeper's order", {"test-then-sleep", "prepare-then-test", "wait-event"}},
      {"waker", 0, "the waker's wake-up", {"wake-up", "waitqueue-active"}},
  };
  m.variants = {
      {"test-then-sleep", "tests the condition, then sets TASK_UNINTERRUPTIBLE and schedules: the wake-up is lost", {}},
      {"prepare-then-test", "prepare_to_wait, then test, then schedule (the kernel's ___wait_event loop)",
       {{"sleeper", "prepare-then-test"}}},
      {"wait-event", "wait_event(wq, cond)", {{"sleeper", "wait-event"}}},
      {"waitqueue-active-no-barrier",
       "waker skips wake_up unless waitqueue_active(), without smp_mb(): a weak-memory bug this engine does not "
       "yet see (it explores sequential consistency), so it holds here",
       {{"sleeper", "wait-event"}, {"waker", "waitqueue-active"}}},
  };
  m.properties = {{"woken-with-condition", "the sleeper returns from its wait only with the condition set"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    World& w = rt.Make<World>();
    spawn("sleeper", sleeper(w, s["sleeper"]));
    spawn("waker", waker(w, s["waker"] != 0));
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(LostWakeupModel);

}  // namespace lockstep::models
