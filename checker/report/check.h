// Running one check of a model and what comes out of it: the verdict, the
// statistics and, for each violated property, a replayable counterexample with
// its trace. The CLI, compare and the tests all go through RunCheck.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "checker/explore/options.h"
#include "checker/model/model.h"
#include "checker/report/trace.h"

namespace lockstep {

enum class Strategy { kDpor, kBruteForce };
enum class Verdict { kHolds, kViolated, kInconclusive };
const char* VerdictName(Verdict v);
int ExitCode(Verdict v);  // 0 holds, 1 violated, 3 inconclusive

struct CheckRequest {
  const ModelSpec* model = nullptr;
  std::string variant;                 // empty: the model's default variant
  std::vector<std::string> overrides;  // name=value
  std::string property;                // empty: every property
  Strategy strategy = Strategy::kDpor;
  ExploreOptions explore;
  // Search for the counterexample with the fewest preemptions (explore/minimize.h).
  bool minimize = true;
  uint64_t minimize_budget = 200000;  // executions per violated property
};

struct ViolationReport {
  Counterexample counterexample;
  std::string token;  // the schedule, compact (report/schedule_token.h)
  Trace trace;
  // What the minimal-preemption search proved, e.g. "no counterexample with
  // fewer than 2 preemptions exists"; empty when it did not run.
  std::string minimality;
  bool minimal = false;
  // What the search cost: wall seconds and executions (0 when it did not run).
  double minimize_seconds = 0;
  uint64_t minimize_executions = 0;
};

struct CheckReport {
  std::string model;
  std::string variant;
  std::vector<std::pair<std::string, std::string>> settings;  // every switch, as text
  std::vector<std::string> overrides;                          // as requested: name=value
  std::string property;  // empty: all
  Verdict verdict = Verdict::kHolds;
  ExploreStats stats;
  ExploreResult::Parallel parallel;  // with --jobs > 1: how the work was shared
  std::string limit;
  bool interrupted = false;  // a signal (ExploreOptions::interrupt) cut the run
  std::vector<ViolationReport> violations;
};

// Errors (unknown variant, switch, property; a model error) come back as a
// status with a one-line message.
absl::StatusOr<CheckReport> RunCheck(const CheckRequest& request);

}  // namespace lockstep
