// Every built-in model. A model registers itself from its own file:
//
//   LOCKSTEP_REGISTER_MODEL(FlagLockModel);   // ModelSpec FlagLockModel();
//
// lockstep_models is an OBJECT library, so every registration is linked in.
#pragma once

#include <string>
#include <vector>

#include "checker/model/model.h"

namespace lockstep::models {

// All models, sorted by name. The first call validates them (ValidateModel,
// and that no two share a name); a model that fails is a registration error:
// one line on stderr and exit code 2.
const std::vector<ModelSpec>& All();
const ModelSpec* Find(const std::string& name);

using ModelFactory = ModelSpec (*)();
bool Register(ModelFactory factory);

}  // namespace lockstep::models

#define LOCKSTEP_REGISTER_MODEL(factory) \
  [[maybe_unused]] static const bool lockstep_registered_##factory = ::lockstep::models::Register(factory)
