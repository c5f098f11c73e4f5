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
#include "absl/strings/string_view.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

struct SwitchSpec {
  std::string name;
  int64_t default_value = 0;
  std::string meaning;
  // Symbolic values, if any: values[i] names the value i ("any", "assumed");
  // such a switch takes exactly these names. Without them the switch takes a
  // decimal integer in [min_value, max_value]; a yes/no switch (0..1) also
  // takes "no" and "yes". Nothing else is accepted.
  std::vector<std::string> values;
  int64_t max_value = 1;  // for integer switches: the largest value accepted
  int64_t min_value = 0;  // ... and the smallest

  bool yes_no() const { return values.empty() && min_value == 0 && max_value == 1; }
  // What the switch accepts, as `lockstep list` and error messages show it.
  std::string Accepted() const;
};

// One switch of a constraint: it has one of these values (spelled as on the
// command line: "yes", "any", "0").
struct SwitchIs {
  std::string name;
  std::vector<std::string> values;
};

// A switch combination the model refuses because it makes the scenario
// meaningless: every execution would be pruned, or a switch would do nothing.
// Refused when every condition holds; `reason` is one line saying why.
struct InvalidCombination {
  std::vector<SwitchIs> when;
  std::string reason;
  // "stuck=yes|any with oom-delay=0"
  std::string Text() const;
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
  // By string_view: models read their switches in every execution's setup.
  int64_t operator[](absl::string_view name) const;
  bool on(absl::string_view name) const { return (*this)[name] != 0; }
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
  // Combinations Resolve() refuses (exit 2, one line); `lockstep list` shows them.
  std::vector<InvalidCombination> invalid_combinations;
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
  // Defaults, then the variant's settings, then `name=value` overrides; a
  // combination in invalid_combinations is refused with its reason.
  absl::StatusOr<Settings> Resolve(const std::string& variant,
                                   const std::vector<std::string>& overrides) const;
  // The value of a switch as text (its symbolic name if it has one).
  std::string ValueText(const std::string& switch_name, int64_t value) const;
  // The first invalid combination `s` matches, or null.
  absl::StatusOr<const InvalidCombination*> FindInvalidCombination(const Settings& s) const;
  // The model's self-consistency: every constraint names real switches and
  // values, and every variant resolves. For tests.
  absl::Status Validate() const;
};

// A model's self-consistency, checked when the registry first lists the models:
// every variant resolves, and setting up each variant (setup code, and each
// thread up to its first step) uses no undeclared property and throws no
// ModelError. Returns the first problem as one line.
absl::Status ValidateModel(const ModelSpec& model);

// Properties every model has: the engine checks them itself.
const std::vector<PropertySpec>& BuiltinProperties();

}  // namespace lockstep
