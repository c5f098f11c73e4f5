// The oom-reaper model's switch table and named variants (variants.cc).
#pragma once

#include <vector>

#include "checker/model/model.h"
#include "models/oom_reaper/config.h"

namespace lockstep::models::oom {

std::vector<SwitchSpec> Switches();
std::vector<VariantSpec> Variants();
// Switch combinations that mean nothing (a switch with no effect, or a run
// that could not happen); `lockstep` refuses them.
std::vector<InvalidCombination> InvalidCombinations();

}  // namespace lockstep::models::oom
