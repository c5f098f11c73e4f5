// Trace: a counterexample replayed step by step, with what each step did to
// the object it touched, for people (text) and tools (json).
#pragma once

#include <string>

#include <vector>

#include "absl/status/statusor.h"
#include "checker/core/violation.h"
#include "checker/explore/event.h"
#include "checker/explore/options.h"
#include "checker/model/model.h"

namespace lockstep {

struct TraceStep {
  int index = 0;          // 1-based
  std::string thread;
  int thread_id = 0;      // index into Trace::threads (spawn order)
  std::string operation;  // e.g. "test_bit(MMF_OOM_SKIP)", "store(1)"
  std::string object;
  std::string result;     // empty for operations that return nothing
  std::string before;     // the object's state before and after the step
  std::string after;
  std::string function;   // the model function that made the step
  std::string location;   // file:line
  // The operation as executed: its Access and conflict location decide which
  // steps are ordered (happens_before.h), so reports need no primitive.
  Operation op;
  // Steps (1-based) this one had to follow although it does not conflict with
  // them: the unlock that handed it a lock, the exit of a thread it joined.
  std::vector<int> woken_by;
};

struct Trace {
  std::vector<std::string> threads;
  std::vector<TraceStep> steps;
  Violation violation;
  int violating_step = 0;  // 1-based; the step after which the violation was detected
  std::string summary;     // one line for people (summary.h)
  int preemptions = 0;     // switches away from a thread that could have gone on
};

// Replays the schedule and re-checks that the property (empty: any) is
// violated again. Errors: FailedPrecondition when the model does not follow
// the schedule (a thread cannot move, the model changed), NotFound when it
// follows it to the end without violating the property; the message then
// says whether the execution had ended with the schedule, and so does
// `*ended` when given.
absl::StatusOr<Trace> ReplayTrace(const ModelSpec& model, const Settings& settings,
                                  const std::string& property,
                                  const std::vector<ScheduleStep>& schedule, bool* ended = nullptr);

// The compact schedule token: steps separated by '.', each "T" (thread T),
// "TxN" (N steps of thread T in a row) or "T:V" (thread T choosing V).
std::string EncodeSchedule(const std::vector<ScheduleStep>& schedule);
// A token of more than `max_steps` steps is refused before anything is
// allocated for it.
absl::StatusOr<std::vector<ScheduleStep>> DecodeSchedule(const std::string& token, size_t max_steps);

// The warning of text and JSON reports when assume() pruned executions.
std::string AssumePrunedWarning(const ExploreStats& stats);

}  // namespace lockstep
