#include "checker/report/suggest.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"

namespace lockstep {
namespace {

// Levenshtein distance, case-insensitive.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      const size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string DidYouMean(std::string_view typed, const std::vector<std::string>& candidates) {
  // Long input is not a typo of a short name; this also bounds the work.
  if (typed.empty() || typed.size() > 64) return "";
  const std::string* best = nullptr;
  size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const size_t d = Distance(typed, c);
    if (best == nullptr || d < best_distance) best = &c, best_distance = d;
  }
  // A third of the name may be wrong, at least one character.
  const size_t allowed = std::max<size_t>(1, (best == nullptr ? 0 : best->size()) / 3);
  if (best == nullptr || best_distance == 0 || best_distance > allowed) return "";
  return " (did you mean '" + *best + "'?)";
}

}  // namespace lockstep

namespace lockstep {

absl::Status CheckNames(const ModelSpec& m, const std::string& variant, const std::vector<std::string>& overrides,
                        const std::string& property) {
  if (!variant.empty() && m.FindVariant(variant) == nullptr) {
    std::vector<std::string> names;
    for (const VariantSpec& v : m.variants) names.push_back(v.name);
    return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no variant '", variant, "'",
                                            DidYouMean(variant, names), " (see: lockstep list ", m.name, ")"));
  }
  std::vector<std::string> switches;
  for (const SwitchSpec& s : m.switches) switches.push_back(s.name);
  for (const std::string& o : overrides) {
    const std::string name = o.substr(0, o.find('='));
    if (o.find('=') != std::string::npos && m.FindSwitch(name) == nullptr) {
      return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no switch '", name, "'",
                                              DidYouMean(name, switches), " (see: lockstep list ", m.name, ")"));
    }
  }
  if (!property.empty() && !m.HasProperty(property)) {
    std::vector<std::string> names;
    for (const PropertySpec& p : m.properties) names.push_back(p.name);
    for (const PropertySpec& p : BuiltinProperties()) names.push_back(p.name);
    return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no property '", property, "'",
                                            DidYouMean(property, names), " (see: lockstep list ", m.name, ")"));
  }
  return absl::OkStatus();
}

}  // namespace lockstep
