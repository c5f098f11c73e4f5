// `check --jobs N` reports what `check --jobs 1` reports: on every variant of
// every registered model, and on larger kernel scenarios, the same verdict,
// the same counts and the same minimal counterexample of each property
// (schedule token, trace length, what minimisation proved).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep {
namespace {

std::string Outcome(const CheckReport& r) {
  const ExploreStats& s = r.stats;
  std::string out = std::string(VerdictName(r.verdict)) + " limit '" + r.limit + "' executions " +
                    std::to_string(s.executions) + " complete " + std::to_string(s.complete) + " deadlocked " +
                    std::to_string(s.deadlocked) + " assume_blocked " + std::to_string(s.assume_blocked) +
                    " sleep_set_blocked " + std::to_string(s.sleep_set_blocked) + " stopped " +
                    std::to_string(s.stopped) + " events " + std::to_string(s.events) + "\n";
  for (const ViolationReport& v : r.violations) {
    out += v.counterexample.violation.property + ": " + v.counterexample.violation.message + " token " + v.token +
           " steps " + std::to_string(v.trace.steps.size()) + " preemptions " +
           std::to_string(v.counterexample.preemptions) + " (" + v.minimality + ")\n";
  }
  return out;
}

struct Scenario {
  std::string model, variant;
  std::vector<std::string> sets;
  std::string property;  // empty: every property
};

std::string Check(const Scenario& s, int jobs, uint64_t* used = nullptr) {
  const ModelSpec* m = models::Find(s.model);
  EXPECT_NE(m, nullptr) << s.model;
  if (m == nullptr) return "";
  CheckRequest req;
  req.model = m;
  req.variant = s.variant;
  req.overrides = s.sets;
  req.property = s.property;
  req.explore.stop_at_first_violation = !s.property.empty();
  req.explore.jobs = jobs;
  absl::StatusOr<CheckReport> report = RunCheck(req);
  EXPECT_TRUE(report.ok()) << report.status();
  if (!report.ok()) return "";
  if (used != nullptr) *used += report->parallel.used;
  return Outcome(*report);
}

TEST(ParallelCheck, EveryVariantOfEveryModelGivesTheSequentialReport) {
  for (const ModelSpec& m : models::All()) {
    for (const VariantSpec& v : m.variants) {
      const Scenario s{m.name, v.name, {}, ""};
      EXPECT_EQ(Check(s, 2), Check(s, 1)) << m.name << " --variant " << v.name;
    }
  }
}

TEST(ParallelCheck, LargerKernelScenariosGiveTheSequentialReport) {
  const std::vector<Scenario> scenarios = {
      {"oom-reaper", "v4.19", {"vmas=3", "pages=2"}, ""},
      {"oom-reaper", "v4.14", {"vmas=3", "refault=thread"}, ""},
      {"robust-futex", "v5.18-delay", {"threads=2", "writer=1", "pages=swapped"}, ""},
      {"robust-futex", "v5.18-delay", {"threads=2", "writer=1", "pages=swapped"}, "no-hang"},
      {"robust-futex", "reaper-cleans-list", {"threads=2", "writer=1"}, ""},
  };
  uint64_t used = 0;
  for (const Scenario& s : scenarios) {
    std::string sets;
    for (const std::string& x : s.sets) sets += " --set " + x;
    EXPECT_EQ(Check(s, 3, &used), Check(s, 1)) << s.model << " --variant " << s.variant << sets
                                               << (s.property.empty() ? "" : " --property " + s.property);
  }
  EXPECT_GT(used, 0u) << "no subtree explored by another thread was used";
}

}  // namespace
}  // namespace lockstep
