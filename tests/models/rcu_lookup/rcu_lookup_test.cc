// rcu-lookup: kfree under a reader is a use-after-free; refcount_inc on an
// object whose count reached 0 is reported at the increment; kfree_rcu with
// refcount_inc_not_zero holds exhaustively.
#include <gtest/gtest.h>

#include "checker/core/property_names.h"
#include "tests/support/run_model.h"

namespace lockstep {
namespace {

using testing::ExpectHoldsExhaustively;
using testing::FindViolation;
using testing::RunModel;

TEST(RcuLookup, KfreeUnderAReaderIsAUseAfterFree) {
  const CheckReport r = RunModel("rcu-lookup", "kfree");
  EXPECT_EQ(r.verdict, Verdict::kViolated);
  const ViolationReport* v = FindViolation(r, kNoUseAfterFree);
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->counterexample.violation.message.find("lookup uses obj after it was freed"), std::string::npos)
      << v->counterexample.violation.message;
  EXPECT_EQ(FindViolation(r, kRefcountIncOnZero), nullptr);
}

TEST(RcuLookup, RefcountIncOnZeroIsReportedAtTheIncrement) {
  const CheckReport r = RunModel("rcu-lookup", "refcount-inc", {}, kRefcountIncOnZero);
  const ViolationReport* v = FindViolation(r, kRefcountIncOnZero);
  ASSERT_NE(v, nullptr);
  const Violation& x = v->counterexample.violation;
  EXPECT_NE(x.message.find("addition on 0; use-after-free"), std::string::npos) << x.message;
  // The violating step is the lookup's increment itself.
  ASSERT_GT(v->trace.violating_step, 0);
  const TraceStep& step = v->trace.steps[v->trace.violating_step - 1];
  EXPECT_EQ(step.thread, "lookup");
  EXPECT_EQ(step.operation, "get");
  EXPECT_EQ(step.before, "count=0");
}

TEST(RcuLookup, KfreeRcuWithIncNotZeroHolds) { ExpectHoldsExhaustively(RunModel("rcu-lookup", "kfree-rcu")); }

}  // namespace
}  // namespace lockstep
