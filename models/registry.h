// Every built-in model, in the order `lockstep list` shows them.
#pragma once

#include <string>
#include <vector>

#include "checker/model/model.h"

namespace lockstep::models {

const std::vector<ModelSpec>& All();
const ModelSpec* Find(const std::string& name);

// One function per model (each in its own folder under models/).
ModelSpec FlagLockModel();
ModelSpec CounterModel();

}  // namespace lockstep::models
