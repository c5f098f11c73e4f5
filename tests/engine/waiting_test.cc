// Blocking waits: a thread whose wait cannot be satisfied yet is not enabled,
// and one that is never satisfied is a hang, reported with what it waits for.
#include <gtest/gtest.h>

#include "checker/explore/brute_force.h"
#include "checker/lockstep.h"
#include "tests/support/explore_all.h"

namespace lockstep {
namespace {

using testing::ExploreAll;

struct Flag {
  Atomic<int> x{"x"};
};

Task<void> SpinUntilSet(Atomic<int>& x) { co_await x.wait_until(ne(0)); }
Task<void> Set(Atomic<int>& x) { co_await x.store(1); }

TEST(SpinUntil, WaitsForTheWriteWithoutExploringSpins) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& f = rt.Make<Flag>();
    spawn("spinner", SpinUntilSet(f.x));
    spawn("setter", Set(f.x));
  });
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.stats.executions, 1u);  // the spin can only end after the store
  EXPECT_EQ(r.stats.complete, 1u);
  EXPECT_TRUE(r.limit.empty());
}

TEST(SpinUntil, AConditionNeverWrittenIsAHangNotAStepLimit) {
  auto r = ExploreAll([](Runtime& rt) { spawn("spinner", SpinUntilSet(rt.Make<Flag>().x)); });
  EXPECT_TRUE(r.limit.empty()) << r.limit;
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].violation.property, "no-hang");
  EXPECT_NE(r.violations[0].violation.message.find("spinner waits for x (wait_until)"), std::string::npos)
      << r.violations[0].violation.message;
}

// The classic lost wake-up: the sleeper tests the condition, then sets its
// state and sleeps; a waker that sets the condition and wakes in between
// wakes a task that is still running, and the sleeper sleeps forever.
Task<void> SleeperTestThenSleep(Atomic<int>& cond) {
  const int c = co_await cond.load();
  if (c == 0) {
    co_await set_current_state(TASK_UNINTERRUPTIBLE);
    co_await schedule();
  }
}
Task<void> SleeperPrepareThenTest(Atomic<int>& cond) {
  co_await set_current_state(TASK_UNINTERRUPTIBLE);
  const int c = co_await cond.load();
  if (c == 0) co_await schedule();
  co_await set_current_state(TASK_RUNNING);
}
Task<void> Waker(Atomic<int>& cond, ThreadHandle sleeper) {
  co_await cond.store(1);
  co_await wake_up_process(sleeper);
}

ExploreResult LostWakeup(bool fixed) {
  return ExploreAll([fixed](Runtime& rt) {
    auto& f = rt.Make<Flag>();
    const ThreadHandle s = spawn("sleeper", fixed ? SleeperPrepareThenTest(f.x) : SleeperTestThenSleep(f.x));
    spawn("waker", Waker(f.x, s));
  });
}

TEST(TaskState, TestThenSleepLosesTheWakeUp) {
  const ExploreResult r = LostWakeup(false);
  ASSERT_EQ(r.violations.size(), 1u);
  const Violation& v = r.violations[0].violation;
  EXPECT_EQ(v.property, "no-hang");
  EXPECT_NE(v.message.find("sleeper waits for sleeper.state (schedule)"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("last touched by waker's try_to_wake_up"), std::string::npos) << v.message;
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
  EXPECT_EQ(r.stats.assume_blocked, 0u);
}

TEST(TaskState, PrepareThenTestHoldsExhaustively) {
  const ExploreResult r = LostWakeup(true);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_TRUE(r.limit.empty());
  EXPECT_EQ(r.stats.executions, r.stats.complete);
  EXPECT_EQ(r.stats.assume_blocked, 0u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

}  // namespace
}  // namespace lockstep
