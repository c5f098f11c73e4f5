// Traces: a failed cmpxchg is printed as failed, and an Atomic's symbolic
// value names (set_value_names) are used for its values.
#include <gtest/gtest.h>

#include "checker/lockstep.h"
#include "checker/report/check.h"

namespace lockstep {
namespace {

constexpr NamedValue kStates[] = {{0, "IDLE"}, {1, "BUSY"}};

struct World {
  World() { state.set_value_names(kStates); }
  Atomic<int> state{"state"};
};

Task<void> Claim(World& w) {
  co_await w.state.store(1);
  const int old = co_await w.state.compare_exchange(0, 1);  // fails: it is BUSY
  check(old == 0, "claimed", "the cmpxchg failed");
}

TEST(TraceValues, FailedCmpxchgAndSymbolicNames) {
  ModelSpec m;
  m.name = "trace-values";
  m.variants = {{"only", "", {}}};
  m.properties = {{"claimed", ""}};
  m.setup = [](Runtime& rt, const Settings&) { spawn("t", Claim(rt.Make<World>())); };
  CheckRequest req;
  req.model = &m;
  absl::StatusOr<CheckReport> r = RunCheck(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->violations.size(), 1u);
  const Trace& t = r->violations[0].trace;
  ASSERT_EQ(t.steps.size(), 2u);
  EXPECT_EQ(t.steps[0].operation, "store(BUSY)");
  EXPECT_EQ(t.steps[0].after, "BUSY");
  EXPECT_EQ(t.steps[1].operation, "cmpxchg(IDLE, BUSY) failed");
  EXPECT_EQ(t.steps[1].result, "BUSY");
}

}  // namespace
}  // namespace lockstep
