#include "checker/report/check.h"

#include <chrono>
#include <new>

#include "absl/strings/str_cat.h"
#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "checker/explore/minimize.h"
#include "checker/report/suggest.h"
#include "checker/report/watchdog.h"
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

namespace {

bool Interrupted(const ExploreOptions& o) { return o.interrupt != nullptr && o.interrupt->load() != 0; }

// The runtime turns an exception thrown by model code into a ModelError
// naming it; one from an allocation is not the model's fault.
bool OutOfMemory(const ModelError& e) { return std::string_view(e.what()).ends_with("threw: std::bad_alloc"); }

// Explores, keeping what was found if memory runs out: the exploration's own
// structures are freed while the exception unwinds, so the report can still
// be made.
ExploreResult Explore(Runtime& runtime, const CheckRequest& req) {
  ExploreOptions options = req.explore;
  ExploreResult partial;
  options.partial = &partial;
  try {
    return req.strategy == Strategy::kDpor ? ExploreDpor(runtime, options) : ExploreBruteForce(runtime, options);
  } catch (const std::bad_alloc&) {
    partial.limit = "ran out of memory";
    return partial;
  } catch (const ModelError& e) {
    if (!OutOfMemory(e)) throw;
    partial.limit = "ran out of memory";
    return partial;
  }
}

}  // namespace

absl::StatusOr<CheckReport> RunCheck(const CheckRequest& req) {
  const ModelSpec& model = *req.model;
  if (absl::Status s = CheckNames(model, req.variant, req.overrides, req.property); !s.ok()) return s;
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

  ModelCodeScope in_model_code;
  const auto setup = [&](Runtime& rt) { model.setup(rt, *settings); };
  Runtime runtime(setup, model.Filter(req.property));
  ExploreResult result;
  try {
    CheckRequest with_workers = req;
    with_workers.explore.make_system = [&] { return std::make_unique<Runtime>(setup, model.Filter(req.property)); };
    result = Explore(runtime, with_workers);
  } catch (const ModelError& e) {
    return absl::FailedPreconditionError(absl::StrCat("model '", model.name, "': ", e.what()));
  }
  report.stats = result.stats;
  report.parallel = result.parallel;
  report.limit = result.limit;
  report.interrupted = result.interrupted;
  const bool out_of_memory = result.limit == "ran out of memory";
  for (Counterexample& c : result.violations) {
    std::string minimality = "not searched: the run was interrupted";
    bool minimal = false;
    double minimize_seconds = 0;
    uint64_t minimize_executions = 0;
    if (req.minimize && !out_of_memory && !Interrupted(req.explore)) {
      try {
        const auto start = std::chrono::steady_clock::now();
        const MinimizeResult m =
            MinimizeCounterexample(runtime, c, MinimizeOptions{req.minimize_budget, req.explore.max_steps});
        minimize_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        minimize_executions = m.executions;
        c = m.counterexample;
        minimality = DescribeMinimality(m);
        minimal = m.minimal;
      } catch (const ModelError& e) {
        if (!OutOfMemory(e)) return absl::FailedPreconditionError(absl::StrCat("model '", model.name, "': ", e.what()));
        minimality = "not searched: out of memory";
      } catch (const std::bad_alloc&) {
        minimality = "not searched: out of memory";
      }
    } else if (!req.minimize) {
      minimality.clear();
    } else if (out_of_memory) {
      minimality = "not searched: out of memory";
    }
    absl::StatusOr<Trace> trace = ReplayTrace(model, *settings, c.violation.property, c.schedule);
    if (!trace.ok()) {
      return absl::InternalError(absl::StrCat("[lockstep internal bug] a counterexample does not replay: ",
                                              trace.status().message()));
    }
    const std::string token = EncodeSchedule(c.schedule);
    report.violations.push_back(ViolationReport{std::move(c), token, std::move(*trace), minimality, minimal,
                                                minimize_seconds, minimize_executions});
  }
  // Properties are checked on executions that run to their end; without one
  // nothing was checked, and "holds" would be vacuous.
  const ExploreStats& s = report.stats;
  const bool stopped_at_violation = req.explore.stop_at_first_violation && !report.violations.empty();
  if (s.complete + s.deadlocked == 0 && report.limit.empty() && !stopped_at_violation) {
    report.limit = absl::StrCat("no execution ran to its end, so nothing was checked: all ", s.executions,
                                " were pruned (", s.assume_blocked, " by assume(), ", s.sleep_set_blocked,
                                " sleep-set blocked)");
  }
  report.verdict = !report.violations.empty() ? Verdict::kViolated
                   : !report.limit.empty()    ? Verdict::kInconclusive
                                              : Verdict::kHolds;
  return report;
}

}  // namespace lockstep
