// compare: every variant of a model against every property, in one table.
// Each variant is explored once with stop_at_first_violation off, so one run
// yields a verdict for every property. Variants run in parallel, one Runtime
// per OS thread (the runtime's "current" pointer is thread_local); once fewer
// variants than cores are left, their explorations use the idle cores
// (check --jobs), with the same results.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "checker/explore/options.h"
#include "checker/model/model.h"
#include "checker/report/check.h"

namespace lockstep {

struct CompareRequest {
  const ModelSpec* model = nullptr;
  std::vector<std::string> variants;   // empty: all, in the model's order
  std::vector<std::string> overrides;  // name=value, applied to every variant
  ExploreOptions explore;              // progress and observer are ignored
  int jobs = 0;                        // threads in all; 0: std::thread::hardware_concurrency()
  // Called from worker threads (serialised with each other) when a variant
  // is done, and about once a second while one runs.
  std::function<void(const CheckReport&, int done, int total)> on_done;
  std::function<void(const std::string& variant, const Progress&)> progress;
};

enum class Cell { kHolds, kViolated, kInconclusive };
const char* CellName(Cell c);

struct CompareRow {
  CheckReport report;       // the variant's check, with a trace per violated property
  std::vector<Cell> cells;  // one per CompareReport::properties
  std::string summary;      // the variant's one-line description
  // The counterexample for a violated cell, else nullptr.
  const ViolationReport* Violation(const std::string& property) const;
};

struct CompareReport {
  std::string model;
  std::vector<PropertySpec> properties;  // the model's, then the built-ins
  std::vector<CompareRow> rows;          // one per variant, in request order
  double seconds = 0;                    // wall clock, all variants
  bool interrupted = false;              // explore.interrupt cut a variant short
  // 0 every cell holds, 1 some violated, 3 some inconclusive and none violated,
  // or the run was interrupted.
  int ExitCode() const;
};

// Errors: an unknown variant, switch or a model error in any variant (the
// first, in request order). Once explore.interrupt is set, no variant starts:
// those not started are inconclusive, those running stop where they are, and
// those done keep their results.
absl::StatusOr<CompareReport> RunCompare(const CompareRequest& request);

}  // namespace lockstep
