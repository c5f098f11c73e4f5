// seqlock: a reader that ignores read_seqretry returns a torn pair; the
// retry loop holds exhaustively with one and two writers.
#include <gtest/gtest.h>

#include "tests/support/run_model.h"

namespace lockstep {
namespace {

using testing::ExpectHoldsExhaustively;
using testing::FindViolation;
using testing::RunModel;

TEST(Seqlock, NoRetryReturnsATornPair) {
  const CheckReport r = RunModel("seqlock", "no-retry");
  EXPECT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_NE(FindViolation(r, "consistent-snapshot"), nullptr);
}

TEST(Seqlock, RetryLoopHolds) { ExpectHoldsExhaustively(RunModel("seqlock", "retry")); }

TEST(Seqlock, RetryLoopHoldsWithTwoWriters) { ExpectHoldsExhaustively(RunModel("seqlock", "retry", {"writers=2"})); }

}  // namespace
}  // namespace lockstep
