// A model as the CLI and `compare` see it: a name, switches with defaults,
// variants (named sets of switch values), the properties it can violate, and
// the setup function that builds one execution.
//
// Variants are data: a user can try a fix nobody wrote yet with
// `--set name=value` on top of any variant.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

struct SwitchSpec {
  std::string name;
  int64_t default_value = 0;
  std::string meaning;
  // Symbolic values, if any: values[i] names the value i ("any", "assumed").
  // Without them the switch takes integers (0/1 for yes/no switches too).
  std::vector<std::string> values;
  int64_t max_value = 1;  // for integer switches: the largest value accepted
  int64_t min_value = 0;  // ... and the smallest
};

struct VariantSpec {
  std::string name;
  std::string summary;
  std::vector<std::pair<std::string, std::string>> settings;  // switch -> value
};

struct PropertySpec {
  std::string name;
  std::string meaning;
};

class Settings {
 public:
  int64_t operator[](const std::string& name) const;
  bool on(const std::string& name) const { return (*this)[name] != 0; }
  void Set(const std::string& name, int64_t v) { values_[name] = v; }
  const absl::flat_hash_map<std::string, int64_t>& values() const { return values_; }

 private:
  absl::flat_hash_map<std::string, int64_t> values_;
};

struct ModelSpec {
  std::string name;
  std::string summary;
  std::vector<SwitchSpec> switches;
  std::vector<VariantSpec> variants;  // the first is the default; none: Variants() has "default"
  std::vector<PropertySpec> properties;
  std::function<void(Runtime&, const Settings&)> setup;
  // Optional: per property, the one-line summary of its counterexamples in
  // reports. Without one the report derives a summary from the trace.
  // Placeholders (filled by report/summary.cc): {thread} {op} {object}
  // {function} {step} — the violating step; {other} {other_op} {other_object}
  // {other_function} {other_step} — the latest step of another thread it
  // depends on; {property} {message}. Example:
  //   m.stories["no-use-after-free"] = "{thread} frees the mm in {function} while {other} still unmaps it";
  absl::flat_hash_map<std::string, std::string> stories;

  const VariantSpec* FindVariant(const std::string& name) const;
  const SwitchSpec* FindSwitch(const std::string& name) const;
  bool HasProperty(const std::string& name) const;
  // The runtime's property filter for a run of this model: `only` (empty: all),
  // and every declared property, so that using an undeclared one is an error.
  PropertyFilter Filter(const std::string& only) const;
  // The variants; a model that declares none has one, "default", its switches' defaults.
  const std::vector<VariantSpec>& Variants() const;
  // Defaults, then the variant's settings, then `name=value` overrides.
  absl::StatusOr<Settings> Resolve(const std::string& variant,
                                   const std::vector<std::string>& overrides) const;
  // The value of a switch as text (its symbolic name if it has one).
  std::string ValueText(const std::string& switch_name, int64_t value) const;
};

// A model's self-consistency, checked when the registry first lists the models:
// every variant resolves, and setting up each variant (setup code, and each
// thread up to its first step) uses no undeclared property and throws no
// ModelError. Returns the first problem as one line.
absl::Status ValidateModel(const ModelSpec& model);

// Properties every model has: the engine checks them itself.
const std::vector<PropertySpec>& BuiltinProperties();

}  // namespace lockstep
