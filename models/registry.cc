#include "models/registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lockstep::models {
namespace {

// A model that cannot work is the binary's mistake, found before any command runs.
[[noreturn]] void RegistrationError(const std::string& message) {
  std::fprintf(stderr, "lockstep: invalid model registration: %s\n", message.c_str());
  std::_Exit(2);  // no exit handlers: the registry is half built
}

std::vector<ModelFactory>& Factories() {
  static std::vector<ModelFactory> factories;
  return factories;
}

}  // namespace

bool Register(ModelFactory factory) {
  Factories().push_back(factory);
  return true;
}

const std::vector<ModelSpec>& All() {
  static const std::vector<ModelSpec> models = [] {
    std::vector<ModelSpec> v;
    for (ModelFactory f : Factories()) v.push_back(f());
    std::sort(v.begin(), v.end(), [](const ModelSpec& a, const ModelSpec& b) { return a.name < b.name; });
    for (size_t i = 0; i < v.size(); ++i) {
      absl::Status valid = ValidateModel(v[i]);
      if (valid.ok() && i > 0 && v[i].name == v[i - 1].name) {
        valid = absl::AlreadyExistsError("two models are called '" + v[i].name + "'");
      }
      if (!valid.ok()) RegistrationError(std::string(valid.message()));
    }
    return v;
  }();
  return models;
}

const ModelSpec* Find(const std::string& name) {
  for (const ModelSpec& m : All()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace lockstep::models
