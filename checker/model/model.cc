#include "checker/model/model.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace lockstep {

int64_t Settings::operator[](const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw ModelError("[lockstep internal bug] the model reads an undeclared switch '" + name + "'");
  return it->second;
}

const std::vector<VariantSpec>& ModelSpec::Variants() const {
  static const std::vector<VariantSpec> kDefault = {{"default", "the switches' defaults", {}}};
  return variants.empty() ? kDefault : variants;
}

const VariantSpec* ModelSpec::FindVariant(const std::string& n) const {
  for (const VariantSpec& v : Variants()) {
    if (v.name == n) return &v;
  }
  return nullptr;
}

const SwitchSpec* ModelSpec::FindSwitch(const std::string& n) const {
  for (const SwitchSpec& s : switches) {
    if (s.name == n) return &s;
  }
  return nullptr;
}

bool ModelSpec::HasProperty(const std::string& n) const {
  auto match = [&](const PropertySpec& p) { return p.name == n; };
  return std::any_of(properties.begin(), properties.end(), match) ||
         std::any_of(BuiltinProperties().begin(), BuiltinProperties().end(), match);
}

PropertyFilter ModelSpec::Filter(const std::string& only) const {
  PropertyFilter f{only, {}};
  for (const PropertySpec& p : properties) f.declared.push_back(p.name);
  for (const PropertySpec& p : BuiltinProperties()) f.declared.push_back(p.name);
  return f;
}

namespace {

absl::StatusOr<int64_t> ParseValue(const SwitchSpec& s, const std::string& text) {
  for (size_t i = 0; i < s.values.size(); ++i) {
    if (s.values[i] == text) return static_cast<int64_t>(i);
  }
  int64_t v = 0;
  bool parsed = true;
  if (text == "yes" || text == "true" || text == "on") {
    v = 1;
  } else if (text == "no" || text == "false" || text == "off") {
    v = 0;
  } else {
    parsed = absl::SimpleAtoi(text, &v);
  }
  const int64_t min = s.values.empty() ? s.min_value : 0;
  const int64_t max = s.values.empty() ? s.max_value : static_cast<int64_t>(s.values.size()) - 1;
  if (!parsed || v < min || v > max) {
    const std::string allowed = s.values.empty() ? absl::StrCat(min, "..", max) : absl::StrJoin(s.values, ", ");
    return absl::InvalidArgumentError(
        absl::StrCat("switch '", s.name, "' does not take '", text, "' (allowed: ", allowed, ")"));
  }
  return v;
}

}  // namespace

absl::StatusOr<Settings> ModelSpec::Resolve(const std::string& variant,
                                            const std::vector<std::string>& overrides) const {
  Settings s;
  for (const SwitchSpec& sw : switches) s.Set(sw.name, sw.default_value);
  const VariantSpec* v = variant.empty() ? &Variants().front() : FindVariant(variant);
  if (v == nullptr) {
    std::vector<std::string> names;
    for (const VariantSpec& x : Variants()) names.push_back(x.name);
    return absl::NotFoundError(absl::StrCat("model '", name, "' has no variant '", variant,
                                            "' (variants: ", absl::StrJoin(names, ", "), ")"));
  }
  std::vector<std::pair<std::string, std::string>> all = v->settings;
  for (const std::string& o : overrides) {
    const size_t eq = o.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("--set takes name=value, not '", o, "'"));
    }
    all.emplace_back(o.substr(0, eq), o.substr(eq + 1));
  }
  for (const auto& [key, text] : all) {
    const SwitchSpec* sw = FindSwitch(key);
    if (sw == nullptr) {
      return absl::NotFoundError(absl::StrCat("model '", name, "' has no switch '", key,
                                              "' (see: lockstep list ", name, ")"));
    }
    absl::StatusOr<int64_t> value = ParseValue(*sw, text);
    if (!value.ok()) return value.status();
    s.Set(key, *value);
  }
  return s;
}

std::string ModelSpec::ValueText(const std::string& switch_name, int64_t value) const {
  const SwitchSpec* s = FindSwitch(switch_name);
  if (s != nullptr && value >= 0 && static_cast<size_t>(value) < s->values.size()) return s->values[value];
  return std::to_string(value);
}

absl::Status ValidateModel(const ModelSpec& model) {
  if (model.name.empty()) return absl::InvalidArgumentError("a model has no name");
  if (!model.setup) return absl::InvalidArgumentError(absl::StrCat("model '", model.name, "' has no setup"));
  for (const VariantSpec& v : model.Variants()) {
    absl::StatusOr<Settings> settings = model.Resolve(v.name, {});
    if (!settings.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("model '", model.name, "', variant '", v.name,
                                                     "': ", settings.status().message()));
    }
    Runtime rt([&](Runtime& r) { model.setup(r, *settings); }, model.Filter(""));
    try {
      rt.Restart();
    } catch (const ModelError& e) {
      return absl::InvalidArgumentError(absl::StrCat("model '", model.name, "', variant '", v.name, "': ", e.what()));
    }
  }
  return absl::OkStatus();
}

const std::vector<PropertySpec>& BuiltinProperties() {
  static const std::vector<PropertySpec> kBuiltins = {
      {"no-deadlock", "threads are left and none can move (the wait-for cycle is printed)"},
      {"no-use-after-free", "a freed object is used or freed again; a refcount goes below zero"},
      {"no-lock-misuse", "unlocking a lock not held, or a thread ending while holding one"},
  };
  return kBuiltins;
}

}  // namespace lockstep
