// Trace: a counterexample replayed step by step, with what each step did to
// the object it touched, for people (text) and tools (json).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "checker/core/violation.h"
#include "checker/explore/event.h"
#include "checker/model/model.h"

namespace lockstep {

struct TraceStep {
  int index = 0;          // 1-based
  std::string thread;
  std::string operation;  // e.g. "test_bit(MMF_OOM_SKIP)", "store(1)"
  std::string object;
  std::string result;     // empty for operations that return nothing
  std::string before;     // the object's state before and after the step
  std::string after;
  std::string function;   // the model function that made the step
  std::string location;   // file:line
};

struct Trace {
  std::vector<std::string> threads;
  std::vector<TraceStep> steps;
  Violation violation;
};

// Replays the schedule and re-checks that the property is violated again.
absl::StatusOr<Trace> ReplayTrace(const ModelSpec& model, const Settings& settings,
                                  const std::string& property,
                                  const std::vector<ScheduleStep>& schedule);

// The compact schedule token: steps separated by '.', each "T" (thread T),
// "TxN" (N steps of thread T in a row) or "T:V" (thread T choosing V).
std::string EncodeSchedule(const std::vector<ScheduleStep>& schedule);
absl::StatusOr<std::vector<ScheduleStep>> DecodeSchedule(const std::string& token);

}  // namespace lockstep
