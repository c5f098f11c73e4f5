// For model tests: one check of a registered model (all properties, DPOR,
// minimized counterexamples), failing the test on a setup error.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep::testing {

inline CheckReport RunModel(const std::string& model, const std::string& variant,
                            const std::vector<std::string>& sets = {}, const std::string& property = "") {
  CheckRequest req;
  req.model = models::Find(model);
  EXPECT_NE(req.model, nullptr) << model;
  if (req.model == nullptr) return {};
  req.variant = variant;
  req.overrides = sets;
  req.property = property;
  absl::StatusOr<CheckReport> report = RunCheck(req);
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *report : CheckReport{};
}

inline const ViolationReport* FindViolation(const CheckReport& r, const std::string& property) {
  for (const ViolationReport& v : r.violations) {
    if (v.counterexample.violation.property == property) return &v;
  }
  return nullptr;
}

// Holds: every execution complete and checked, none pruned, nothing cut.
inline void ExpectHoldsExhaustively(const CheckReport& r) {
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_EQ(ExitCode(r.verdict), 0);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_TRUE(r.limit.empty()) << r.limit;
  EXPECT_GT(r.stats.complete, 0u);
  EXPECT_EQ(r.stats.executions, r.stats.complete);
  EXPECT_EQ(r.stats.assume_blocked, 0u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

}  // namespace lockstep::testing
