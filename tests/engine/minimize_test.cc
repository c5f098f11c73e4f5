// The minimal-preemption search against brute force: on random programs, the
// counterexample MinimizeCounterexample reports for each violated property has
// exactly the fewest preemptions of any interleaving violating that property,
// and it replays to the property.
#include <gtest/gtest.h>

#include <map>

#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "checker/explore/minimize.h"
#include "tests/engine/random_program.h"

namespace lockstep::testing {
namespace {

// Fewest preemptions, over every interleaving, before each property is violated.
std::map<std::string, uint32_t> BruteForceMinimum(Runtime& rt) {
  std::map<std::string, uint32_t> best;
  ExploreOptions o;
  o.stop_at_first_violation = false;
  o.observer = [&](const ExecutionView& v) {
    for (const Violation& x : v.system->Violations()) {
      const size_t n = v.events.size();
      const uint32_t p = n == 0 ? 0 : v.events[std::min<size_t>(x.at, n - 1)].preemptions;
      auto [it, inserted] = best.emplace(x.property, p);
      if (!inserted) it->second = std::min(it->second, p);
    }
  };
  ExploreBruteForce(rt, o);
  return best;
}

TEST(Minimize, FindsTheFewestPreemptionsOfAnyViolatingInterleaving) {
  int checked = 0, improved = 0;
  for (int i = 0; i < 400; ++i) {
    const Program p = RandomProgram(5000 + i, 3000);
    Runtime rt([&p](Runtime& r) { testing::SetUp(r, p); });
    ExploreOptions o;
    o.stop_at_first_violation = false;
    const ExploreResult dpor = ExploreDpor(rt, o);
    if (dpor.violations.empty()) continue;
    const std::map<std::string, uint32_t> truth = BruteForceMinimum(rt);
    for (const Counterexample& c : dpor.violations) {
      SCOPED_TRACE("seed " + std::to_string(5000 + i) + " property " + c.violation.property + "\n" + p.ToString());
      const MinimizeResult m = MinimizeCounterexample(rt, c, MinimizeOptions{});
      ASSERT_TRUE(m.minimal);
      EXPECT_EQ(m.counterexample.preemptions, truth.at(c.violation.property));
      EXPECT_LE(m.counterexample.preemptions, c.preemptions);
      improved += m.counterexample.preemptions < c.preemptions;
      // The schedule replays to the same property.
      rt.Restart();
      for (const ScheduleStep& s : m.counterexample.schedule) {
        StepInfo info;
        ASSERT_NE(rt.NextOp(s.thread), nullptr);
        rt.Execute(s.thread, s.choice, &info);
      }
      if (!rt.AnyCanMove()) {
        EndKind kind;
        rt.End(&kind);
      }
      bool violated = false;
      for (const Violation& v : rt.Violations()) violated |= v.property == c.violation.property;
      EXPECT_TRUE(violated);
      ++checked;
    }
  }
  std::printf("%d counterexamples checked, %d had fewer preemptions than DPOR's first\n", checked, improved);
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace lockstep::testing
