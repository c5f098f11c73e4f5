// The counterexamples reported for the kernel models have the fewest
// preemptions of any violating execution: an independent brute-force search
// over every interleaving with at most K-1 preemptions finds no violation of
// the property, and with K it finds one (K = the reported count).
#include <gtest/gtest.h>

#include "checker/explore/brute_force.h"
#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep {
namespace {

struct Case {
  const char* model;
  const char* variant;
  std::vector<std::string> overrides;
  const char* property;
};

// Brute force within the bound: is the property violated by some interleaving?
bool ViolatedWithin(const ModelSpec& m, const Case& c, int bound) {
  absl::StatusOr<Settings> settings = m.Resolve(c.variant, c.overrides);
  EXPECT_TRUE(settings.ok());
  Runtime rt([&](Runtime& r) { m.setup(r, *settings); }, PropertyFilter{c.property});
  ExploreOptions o;
  o.preemption_bound = bound;
  o.stop_at_first_violation = true;
  const ExploreResult r = ExploreBruteForce(rt, o);
  return !r.violations.empty();
}

class MinimalCounterexample : public ::testing::TestWithParam<Case> {};

TEST_P(MinimalCounterexample, NoViolationHasFewerPreemptions) {
  const Case& c = GetParam();
  const ModelSpec* m = models::Find(c.model);
  ASSERT_NE(m, nullptr);
  CheckRequest req;
  req.model = m;
  req.variant = c.variant;
  req.overrides = c.overrides;
  req.property = c.property;
  absl::StatusOr<CheckReport> report = RunCheck(req);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->violations.size(), 1u);
  const ViolationReport& v = report->violations[0];
  EXPECT_TRUE(v.minimal) << v.minimality;
  const int k = static_cast<int>(v.counterexample.preemptions);
  EXPECT_TRUE(ViolatedWithin(*m, c, k));
  if (k > 0) {
    EXPECT_FALSE(ViolatedWithin(*m, c, k - 1));
  }
  RecordProperty("preemptions", k);
}

INSTANTIATE_TEST_SUITE_P(
    KernelModels, MinimalCounterexample,
    ::testing::Values(Case{"oom-reaper", "v4.14", {}, "no-uaf"},
                      Case{"oom-reaper", "v4.14", {"mlocked-vma=1", "final-mmput=victim"}, "munlock-safe"},
                      Case{"oom-reaper", "seed-proposal", {}, "no-premature-skip"},
                      Case{"oom-reaper", "v4.14", {"zap-under-ptl=0", "final-mmput=victim"}, "no-double-unmap"},
                      Case{"robust-futex", "v5.17", {}, "robust-owner-died"},
                      Case{"robust-futex", "skip-robust-list", {}, "no-premature-skip"},
                      Case{"robust-futex", "reaper-cleans-list", {}, "futex-state-monotone"},
                      Case{"robust-futex", "reaper-cleans-list", {"pages=swapped", "writer=1"}, "no-hang"},
                      Case{"robust-futex", "skip-head-vma", {"chain=head-m2-m1"}, "robust-owner-died"},
                      Case{"robust-futex", "v5.18-delay", {}, "robust-owner-died"}),
    [](const ::testing::TestParamInfo<Case>& info) { return "case" + std::to_string(info.index); });

}  // namespace
}  // namespace lockstep
