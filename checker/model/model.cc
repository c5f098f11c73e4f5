#include "checker/model/model.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "checker/core/property_names.h"

namespace lockstep {

int64_t Settings::operator[](absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    throw ModelError(
        absl::StrCat("[lockstep internal bug] the model reads an undeclared switch '", name, "'"));
  }
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

std::string SwitchSpec::Accepted() const {
  if (!values.empty()) return absl::StrJoin(values, "|");
  if (yes_no()) return "0|1, or no|yes";
  return absl::StrCat(min_value, "..", max_value);
}

std::string InvalidCombination::Text() const {
  std::vector<std::string> parts;
  for (const SwitchIs& c : when) parts.push_back(absl::StrCat(c.name, "=", absl::StrJoin(c.values, "|")));
  return absl::StrJoin(parts, " with ");
}

PropertyFilter ModelSpec::Filter(const std::string& only) const {
  PropertyFilter f{only, {}};
  for (const PropertySpec& p : properties) f.declared.push_back(p.name);
  for (const PropertySpec& p : BuiltinProperties()) f.declared.push_back(p.name);
  return f;
}

namespace {

// A decimal integer as typed: an optional '-' and 1..18 digits, nothing else
// (no blanks, no '+', no hex), so every value accepted is a documented one.
bool ParseDecimal(const std::string& text, int64_t* v) {
  const size_t digits = text.size() - (!text.empty() && text[0] == '-');
  if (digits == 0 || digits > 18) return false;
  for (size_t i = text.size() - digits; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return absl::SimpleAtoi(text, v);
}

absl::StatusOr<int64_t> ParseValue(const SwitchSpec& s, const std::string& text) {
  for (size_t i = 0; i < s.values.size(); ++i) {
    if (s.values[i] == text) return static_cast<int64_t>(i);
  }
  int64_t v = 0;
  bool parsed = false;
  if (s.values.empty()) {
    if (s.yes_no() && (text == "no" || text == "yes")) {
      v = text == "yes";
      parsed = true;
    } else {
      parsed = ParseDecimal(text, &v) && v >= s.min_value && v <= s.max_value;
    }
  }
  if (!parsed) {
    return absl::InvalidArgumentError(absl::StrCat(
        "switch '", s.name, "' does not take '", absl::CHexEscape(text), "' (allowed: ", s.Accepted(), ")"));
  }
  return v;
}

}  // namespace

absl::StatusOr<const InvalidCombination*> ModelSpec::FindInvalidCombination(const Settings& s) const {
  for (const InvalidCombination& c : invalid_combinations) {
    bool all = true;
    for (const SwitchIs& cond : c.when) {
      const SwitchSpec* sw = FindSwitch(cond.name);
      if (sw == nullptr) {
        return absl::InternalError(absl::StrCat("[lockstep internal bug] model '", name,
                                                "': an invalid combination names no switch '", cond.name,
                                                "'"));
      }
      bool any = false;
      for (const std::string& text : cond.values) {
        absl::StatusOr<int64_t> v = ParseValue(*sw, text);
        if (!v.ok()) {
          return absl::InternalError(absl::StrCat("[lockstep internal bug] model '", name,
                                                  "': an invalid combination: ", v.status().message()));
        }
        any |= s[cond.name] == *v;
      }
      all &= any;
    }
    if (all && !c.when.empty()) return &c;
  }
  return nullptr;
}

absl::Status ModelSpec::Validate() const {
  for (const InvalidCombination& c : invalid_combinations) {
    if (c.when.empty() || c.reason.empty() || c.reason.find('\n') != std::string::npos) {
      return absl::InternalError(absl::StrCat("model '", name, "': invalid combination '", c.Text(),
                                              "' needs conditions and a one-line reason"));
    }
  }
  Settings defaults;
  for (const SwitchSpec& sw : switches) defaults.Set(sw.name, sw.default_value);
  if (absl::StatusOr<const InvalidCombination*> c = FindInvalidCombination(defaults); !c.ok()) return c.status();
  for (const VariantSpec& v : variants) {
    if (absl::StatusOr<Settings> s = Resolve(v.name, {}); !s.ok()) return s.status();
  }
  return absl::OkStatus();
}

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
      return absl::InvalidArgumentError(absl::StrCat("--set takes name=value, not '", absl::CHexEscape(o), "'"));
    }
    all.emplace_back(o.substr(0, eq), o.substr(eq + 1));
  }
  for (const auto& [key, text] : all) {
    const SwitchSpec* sw = FindSwitch(key);
    if (sw == nullptr) {
      return absl::NotFoundError(absl::StrCat("model '", name, "' has no switch '", absl::CHexEscape(key),
                                              "' (see: lockstep list ", name, ")"));
    }
    absl::StatusOr<int64_t> value = ParseValue(*sw, text);
    if (!value.ok()) return value.status();
    s.Set(key, *value);
  }
  absl::StatusOr<const InvalidCombination*> invalid = FindInvalidCombination(s);
  if (!invalid.ok()) return invalid.status();
  if (*invalid != nullptr) {
    std::vector<std::string> actual;
    for (const SwitchIs& c : (*invalid)->when) actual.push_back(c.name + "=" + ValueText(c.name, s[c.name]));
    return absl::InvalidArgumentError(absl::StrCat("model '", name, "' refuses ", absl::StrJoin(actual, " with "),
                                                   " (variant '", v->name, "'): ", (*invalid)->reason));
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
      {kNoHang,
       "threads are left and none can move: a deadlock (the wait-for cycle is printed) or a wait nothing "
       "satisfies (what it waits for and who last touched it are printed)"},
      {kNoUseAfterFree, "a freed object is used or freed again; a refcount goes below zero"},
      {kNoLockMisuse, "unlocking a lock not held, or a thread ending while holding one"},
      {kNoSleepInAtomic, "an operation that may sleep runs while its thread holds a spinlock"},
      {kRefcountIncOnZero, "refcount_inc on a count of 0 (addition on 0; use-after-free)"},
  };
  return kBuiltins;
}

}  // namespace lockstep
