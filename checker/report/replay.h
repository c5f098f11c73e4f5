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
  size_t max_steps = 20000;  // a longer token is refused before it is decoded
};

// Fills the request's token, and its variant, switch settings and property
// where the request leaves them empty, from a JSON document: a check or replay
// report, a compare report or one violation object (docs/json-schema.md).
// The first counterexample that matches the request's variant and property is
// taken. Of the file's settings, only those that differ from the variant's
// own become overrides, so that the report names what actually ran.
// Errors: malformed JSON, another model, a setting that is not a string, an
// unknown variant, no matching counterexample.
absl::Status FillFromJson(std::string_view json, ReplayRequest* request);

struct ReplayResult {
  // verdict kViolated with one violation when the violation was reproduced;
  // kHolds with none when the schedule ran to the end of its execution
  // without it; kInconclusive when the schedule ended before the execution
  // did (a truncated token, or a fixed model). The limit then says which.
  CheckReport report;
  size_t steps = 0;  // steps in the schedule
  std::string outcome;  // when nothing was violated: how far the schedule went
};

// Errors: InvalidArgument for a malformed token, NotFound for an unknown
// variant/switch/property, FailedPrecondition when the model no longer
// follows the schedule.
absl::StatusOr<ReplayResult> Replay(const ReplayRequest& request);

}  // namespace lockstep
