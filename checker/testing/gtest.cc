// The GoogleTest expectations of <lockstep/gtest.h>: one RunCheck each, and on
// failure the same report `lockstep check` prints.
#include "lockstep/gtest.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "checker/report/check.h"
#include "checker/report/render.h"
#include "models/registry.h"

namespace lockstep::testing {
namespace {

std::string Describe(const ModelSpec& m, const std::string& variant, const std::vector<std::string>& settings) {
  return absl::StrCat(m.name, " --variant ", variant.empty() ? m.Variants().front().name : variant,
                      settings.empty() ? "" : " --set ", absl::StrJoin(settings, " --set "));
}

// Runs the check; on an input or model error, returns the failure to report.
::testing::AssertionResult Run(const char* tool, const ModelRef& ref, const std::string& variant,
                               const std::string& property, const std::vector<std::string>& settings,
                               CheckReport* report) {
  std::string error;
  const ModelSpec* model = ref.Resolve(&error);
  if (model == nullptr) return ::testing::AssertionFailure() << error;
  SetReplayTool(tool);
  CheckRequest req;
  req.model = model;
  req.variant = variant;
  req.overrides = settings;
  req.property = property;
  absl::StatusOr<CheckReport> result = RunCheck(req);
  if (!result.ok()) {
    return ::testing::AssertionFailure() << "lockstep check " << Describe(*model, variant, settings) << ": "
                                         << result.status().message();
  }
  *report = std::move(*result);
  return ::testing::AssertionSuccess();
}

}  // namespace

const ModelSpec* ModelRef::Resolve(std::string* error) const {
  if (model_ != nullptr) return model_;
  const ModelSpec* m = models::Find(name_);
  if (m == nullptr) *error = absl::StrCat("no model '", name_, "' is registered in this binary");
  return m;
}

::testing::AssertionResult Holds(const char* tool, const ModelRef& model, const std::string& variant,
                                 const std::vector<std::string>& settings) {
  CheckReport report;
  if (::testing::AssertionResult ran = Run(tool, model, variant, "", settings, &report); !ran) return ran;
  if (report.verdict == Verdict::kHolds) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected every property to hold, but the verdict is "
                                       << VerdictName(report.verdict) << ":\n"
                                       << RenderText(report, TraceTextOptions{});
}

::testing::AssertionResult Violates(const char* tool, const ModelRef& model, const std::string& variant,
                                    const std::string& property, const std::vector<std::string>& settings) {
  CheckReport report;
  if (::testing::AssertionResult ran = Run(tool, model, variant, property, settings, &report); !ran) return ran;
  if (report.verdict == Verdict::kViolated) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << property << " to be violated, but it "
                                       << (report.verdict == Verdict::kHolds ? "holds" : "is inconclusive")
                                       << ":\n"
                                       << RenderText(report, TraceTextOptions{});
}

}  // namespace lockstep::testing
