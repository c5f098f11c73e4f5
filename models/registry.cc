#include "models/registry.h"

#include <algorithm>

namespace lockstep::models {
namespace {

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
