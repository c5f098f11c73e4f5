#include "checker/report/suggest.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "checker/core/property_names.h"

namespace lockstep {
namespace {

// Edit distance, case-insensitive, where swapping two neighbours costs one
// edit (optimal string alignment).
size_t Distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
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
  // A third of the name may be wrong, at least two characters.
  const size_t allowed = std::max<size_t>(2, (best == nullptr ? 0 : best->size()) / 3);
  if (best == nullptr || best_distance == 0 || best_distance > allowed) return "";
  return " (did you mean '" + *best + "'?)";
}

}  // namespace lockstep

namespace lockstep {

absl::Status CheckNames(const ModelSpec& m, const std::string& variant,
                        const std::vector<std::string>& overrides, const std::string& property) {
  if (!variant.empty() && m.FindVariant(variant) == nullptr) {
    std::vector<std::string> names;
    for (const VariantSpec& v : m.Variants()) names.push_back(v.name);
    return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no variant '", variant, "'",
                                            DidYouMean(variant, names), " (see: lockstep list ", m.name,
                                            ")"));
  }
  std::vector<std::string> switches;
  for (const SwitchSpec& s : m.switches) switches.push_back(s.name);
  for (const std::string& o : overrides) {
    const std::string name = o.substr(0, o.find('='));
    if (o.find('=') != std::string::npos && m.FindSwitch(name) == nullptr) {
      return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no switch '", name, "'",
                                              DidYouMean(name, switches), " (see: lockstep list ", m.name,
                                              ")"));
    }
  }
  for (const RenamedProperty& r : kRenamedProperties) {
    if (property == std::string_view(r.old_name)) {
      return absl::InvalidArgumentError(absl::StrCat("the property '", r.old_name, "' is now called '", r.new_name,
                                                     "' (use --property ", r.new_name, ")"));
    }
  }
  if (!property.empty() && !m.HasProperty(property)) {
    std::vector<std::string> names;
    for (const PropertySpec& p : m.properties) names.push_back(p.name);
    for (const PropertySpec& p : BuiltinProperties()) names.push_back(p.name);
    return absl::NotFoundError(absl::StrCat("model '", m.name, "' has no property '", property, "'",
                                            DidYouMean(property, names), " (see: lockstep list ", m.name,
                                            ")"));
  }
  return absl::OkStatus();
}

}  // namespace lockstep
