// Replaying one counterexample from its schedule token, given on the command
// line or read from a JSON file that `check`, `replay` or `compare` printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "checker/model/model.h"
#include "checker/report/check.h"

namespace lockstep {

struct ReplayRequest {
  const ModelSpec* model = nullptr;
  std::string variant;                 // empty: the model's default variant
  std::vector<std::string> overrides;  // name=value
  std::string property;                // empty: any property
  std::string token;
};

// Fills the request's token, and its variant, switch settings and property
// where the request leaves them empty, from a JSON document: a check or replay
// report, a compare report or one violation object (docs/json-schema.md).
// The first counterexample that matches the request's variant and property is
// taken. Errors: malformed JSON, another model, no matching counterexample.
absl::Status FillFromJson(std::string_view json, ReplayRequest* request);

struct ReplayResult {
  // verdict kViolated with one violation when the violation was reproduced;
  // kHolds with none when the schedule ran to its end without it.
  CheckReport report;
  size_t steps = 0;  // steps in the schedule
};

// Errors: InvalidArgument for a malformed token, NotFound for an unknown
// variant/switch/property, FailedPrecondition when the model no longer
// follows the schedule.
absl::StatusOr<ReplayResult> Replay(const ReplayRequest& request);

}  // namespace lockstep
