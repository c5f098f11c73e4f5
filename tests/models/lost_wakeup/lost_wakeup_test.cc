// lost-wakeup: the test-then-sleep order is a hang whose trace shows the
// waker's wake-up before the sleeper's set_current_state and the sleeper
// asleep in schedule() at the end; the fixed orders hold exhaustively, with
// no execution pruned.
#include <gtest/gtest.h>

#include "checker/core/property_names.h"
#include "tests/support/run_model.h"

namespace lockstep {
namespace {

using testing::ExpectHoldsExhaustively;
using testing::FindViolation;
using testing::RunModel;

TEST(LostWakeup, TestThenSleepIsAHangWithTheEarlyWakeUpInTheTrace) {
  const CheckReport r = RunModel("lost-wakeup", "test-then-sleep");
  EXPECT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_EQ(ExitCode(r.verdict), 1);
  const ViolationReport* v = FindViolation(r, kNoHang);
  ASSERT_NE(v, nullptr);
  const std::string& message = v->counterexample.violation.message;
  EXPECT_NE(message.find("sleeper waits for sleeper.state (schedule)"), std::string::npos) << message;
  EXPECT_NE(message.find("last touched by waker's try_to_wake_up"), std::string::npos) << message;
  // The trace: the waker's try_to_wake_up finds the sleeper running, and the
  // sleeper sets TASK_UNINTERRUPTIBLE after it, then nothing wakes it.
  int wake = 0, sleep = 0;
  for (const TraceStep& s : v->trace.steps) {
    if (s.thread == "waker" && s.operation == "try_to_wake_up") {
      wake = s.index;
      EXPECT_EQ(s.result, "0");  // it woke nobody: the sleeper was still TASK_RUNNING
    }
    if (s.thread == "sleeper" && s.operation == "set_current_state(TASK_UNINTERRUPTIBLE)" && s.after == "TASK_UNINTERRUPTIBLE") {
      sleep = s.index;
    }
  }
  EXPECT_GT(wake, 0);
  EXPECT_GT(sleep, wake) << "the sleeper must go to sleep after the wake-up";
  EXPECT_EQ(r.stats.assume_blocked, 0u);
}

TEST(LostWakeup, PrepareThenTestHolds) { ExpectHoldsExhaustively(RunModel("lost-wakeup", "prepare-then-test")); }

TEST(LostWakeup, WaitEventHolds) { ExpectHoldsExhaustively(RunModel("lost-wakeup", "wait-event")); }

// A weak-memory bug: holds under sequential consistency (see the model).
TEST(LostWakeup, WaitqueueActiveWithoutBarrierHoldsUnderSc) {
  ExpectHoldsExhaustively(RunModel("lost-wakeup", "waitqueue-active-no-barrier"));
}

// The unlocked waitqueue_active check with the broken sleeper loses the wake-up too.
TEST(LostWakeup, WaitqueueActiveWithTestThenSleepHangs) {
  const CheckReport r = RunModel("lost-wakeup", "test-then-sleep", {"waker=waitqueue-active"});
  EXPECT_NE(FindViolation(r, kNoHang), nullptr);
}

}  // namespace
}  // namespace lockstep
