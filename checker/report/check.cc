#include "checker/report/check.h"

#include "absl/strings/str_cat.h"
#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "checker/explore/minimize.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kHolds: return "holds";
    case Verdict::kViolated: return "violated";
    case Verdict::kInconclusive: return "inconclusive";
  }
  return "?";
}

int ExitCode(Verdict v) {
  switch (v) {
    case Verdict::kHolds: return 0;
    case Verdict::kViolated: return 1;
    case Verdict::kInconclusive: return 3;
  }
  return 3;
}

absl::StatusOr<CheckReport> RunCheck(const CheckRequest& req) {
  const ModelSpec& model = *req.model;
  if (!req.property.empty() && !model.HasProperty(req.property)) {
    return absl::NotFoundError(absl::StrCat("model '", model.name, "' has no property '", req.property,
                                            "' (see: lockstep list ", model.name, ")"));
  }
  absl::StatusOr<Settings> settings = model.Resolve(req.variant, req.overrides);
  if (!settings.ok()) return settings.status();

  CheckReport report;
  report.model = model.name;
  report.variant = req.variant.empty() ? model.Variants().front().name : req.variant;
  report.property = req.property;
  report.overrides = req.overrides;
  for (const SwitchSpec& s : model.switches) {
    report.settings.emplace_back(s.name, model.ValueText(s.name, (*settings)[s.name]));
  }

  Runtime runtime([&](Runtime& rt) { model.setup(rt, *settings); }, model.Filter(req.property));
  ExploreResult result;
  try {
    result = req.strategy == Strategy::kDpor ? ExploreDpor(runtime, req.explore)
                                             : ExploreBruteForce(runtime, req.explore);
  } catch (const ModelError& e) {
    return absl::FailedPreconditionError(absl::StrCat("model '", model.name, "': ", e.what()));
  }
  report.stats = result.stats;
  report.limit = result.limit;
  for (Counterexample& c : result.violations) {
    std::string minimality;
    bool minimal = false;
    if (req.minimize) {
      try {
        const MinimizeResult m =
            MinimizeCounterexample(runtime, c, MinimizeOptions{req.minimize_budget, req.explore.max_steps});
        c = m.counterexample;
        minimality = DescribeMinimality(m);
        minimal = m.minimal;
      } catch (const ModelError& e) {
        return absl::FailedPreconditionError(absl::StrCat("model '", model.name, "': ", e.what()));
      }
    }
    absl::StatusOr<Trace> trace = ReplayTrace(model, *settings, c.violation.property, c.schedule);
    if (!trace.ok()) {
      return absl::InternalError(absl::StrCat("[lockstep internal bug] a counterexample does not replay: ",
                                              trace.status().message()));
    }
    const std::string token = EncodeSchedule(c.schedule);
    report.violations.push_back(ViolationReport{std::move(c), token, std::move(*trace), minimality, minimal});
  }
  report.verdict = !report.violations.empty() ? Verdict::kViolated
                   : !report.limit.empty()    ? Verdict::kInconclusive
                                              : Verdict::kHolds;
  return report;
}

}  // namespace lockstep
