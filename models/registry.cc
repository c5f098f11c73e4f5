#include "models/registry.h"

namespace lockstep::models {

const std::vector<ModelSpec>& All() {
  static const std::vector<ModelSpec> kModels = {
      FlagLockModel(),
      CounterModel(),
  };
  return kModels;
}

const ModelSpec* Find(const std::string& name) {
  for (const ModelSpec& m : All()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace lockstep::models
