// "did you mean ...?": the closest known name to a mistyped one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lockstep {

// " (did you mean 'x'?)" for the candidate nearest to `typed` in edit
// distance, if it is near enough to be a plausible typo; else "".
std::string DidYouMean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace lockstep

#include "absl/status/status.h"
#include "checker/model/model.h"

namespace lockstep {

// Checks the names in a request against the model, before anything runs:
// the variant (empty: the default), the switch names in name=value overrides
// and the property (empty: all). The error names the closest known name.
absl::Status CheckNames(const ModelSpec& model, const std::string& variant,
                        const std::vector<std::string>& overrides, const std::string& property);

}  // namespace lockstep
