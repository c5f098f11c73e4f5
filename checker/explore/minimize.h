// Minimal counterexamples. After DPOR has found a violation of a property,
// MinimizeCounterexample searches every schedule with at most K preemptions,
// for K = 0, 1, 2, ... (a preemption: switching away from a thread that could
// have continued), until one violates the same property. Within a bound the
// search is exhaustive (plain bounded enumeration, no reduction, so nothing
// is pruned unsoundly), which proves that no counterexample with fewer
// preemptions exists. Among the schedules with the fewest preemptions it keeps
// the one with the fewest steps, then drops the steps that do not happen
// before the violation when that does not add preemptions.
// A budget caps the work: when it runs out, what was proven is said instead.
#pragma once

#include <cstdint>
#include <string>

#include "checker/core/system.h"
#include "checker/explore/options.h"

namespace lockstep {

struct MinimizeOptions {
  uint64_t budget = 200000;  // executions, over all bounds
  uint32_t max_steps = 20000;
};

struct MinimizeResult {
  Counterexample counterexample;  // the minimal one (or the input, if none found within budget)
  // No counterexample with fewer than this many preemptions exists.
  uint32_t proven_lower_bound = 0;
  // True when proven_lower_bound == counterexample.preemptions.
  bool minimal = false;
  uint64_t executions = 0;
};

MinimizeResult MinimizeCounterexample(System& system, const Counterexample& found, const MinimizeOptions& options);

// "no counterexample with fewer than 2 preemptions exists", or what was proven.
std::string DescribeMinimality(const MinimizeResult& r);

}  // namespace lockstep
