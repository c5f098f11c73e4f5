// For the robust-futex tests: run `lockstep check` on the model in-process,
// exploring everything (no stop at the first violation), and read the result.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "checker/core/property_names.h"
#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep::robust_futex_test {

inline constexpr char kP7[] = "robust-owner-died";
inline constexpr const char* kP8 = kNoHang;
inline constexpr char kP9[] = "futex-state-monotone";
inline constexpr char kP4[] = "no-premature-skip";
inline constexpr char kP5[] = "reaper-progress";

struct Outcome {
  std::set<std::string> violated;
  ExploreStats stats;
  CheckReport report;
  bool Violated(const std::string& p) const { return violated.count(p) != 0; }
};

inline Outcome Check(const std::string& variant, std::vector<std::string> overrides) {
  const ModelSpec* model = models::Find("robust-futex");
  EXPECT_NE(model, nullptr);
  CheckRequest req;
  req.model = model;
  req.variant = variant;
  req.overrides = std::move(overrides);
  req.explore.stop_at_first_violation = false;
  absl::StatusOr<CheckReport> r = RunCheck(req);
  EXPECT_TRUE(r.ok()) << r.status();
  Outcome o;
  if (!r.ok()) return o;
  for (const ViolationReport& v : r->violations) o.violated.insert(v.counterexample.violation.property);
  o.stats = r->stats;
  o.report = *r;
  EXPECT_EQ(o.stats.sleep_set_blocked, 0u);
  EXPECT_TRUE(r->limit.empty()) << r->limit;
  EXPECT_GT(o.stats.complete, 0u) << "no execution completed: nothing was checked";
  return o;
}

// The message of the first violation of `property`.
inline std::string Message(const Outcome& o, const std::string& property) {
  for (const ViolationReport& v : o.report.violations) {
    if (v.counterexample.violation.property == property) return v.counterexample.violation.message;
  }
  return "";
}

// The steps of the counterexample of `property`, one "thread object.operation" per line.
inline std::vector<std::string> Steps(const Outcome& o, const std::string& property) {
  std::vector<std::string> out;
  for (const ViolationReport& v : o.report.violations) {
    if (v.counterexample.violation.property != property) continue;
    for (const TraceStep& s : v.trace.steps) out.push_back(s.thread + " " + s.object + "." + s.operation);
  }
  return out;
}

inline int IndexOf(const std::vector<std::string>& steps, const std::string& text, int from = 0) {
  for (size_t i = from; i < steps.size(); ++i) {
    if (steps[i].find(text) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace lockstep::robust_futex_test
