#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "checker/report/render.h"

namespace lockstep {
namespace {

std::string Rate(double count, double seconds) {
  return seconds > 0 ? absl::StrFormat("%.0f", count / seconds) : "-";
}

void AppendTrace(const CheckReport& r, const ViolationReport& v, const TraceTextOptions& o, std::string* out) {
  const Trace& t = v.trace;
  const Violation& x = v.counterexample.violation;
  absl::StrAppend(out, "\n== ", x.property, " violated: ", t.summary, "\n");
  absl::StrAppend(out, "counterexample: ", t.steps.size(), " steps, ", v.counterexample.preemptions,
                  v.counterexample.preemptions == 1 ? " preemption" : " preemptions",
                  v.minimality.empty() ? "" : absl::StrCat(" (", v.minimality, ")"), "\nreplay: ", ReplayCommand(r, v),
                  "\n\n");
  absl::StrAppend(out, RenderTraceSteps(t, o));
  absl::StrAppend(out, "violated after step ", t.violating_step, ": ", x.property, ": ", x.message, "\n");
}

std::string& ReplayTool() {
  static std::string tool = "lockstep";
  return tool;
}

}  // namespace

void SetReplayTool(std::string tool) { ReplayTool() = std::move(tool); }

std::string ReplayCommand(const CheckReport& r, const ViolationReport& v) {
  std::string cmd = absl::StrCat(ReplayTool(), " replay ", r.model, " --variant ", r.variant);
  for (const std::string& o : r.overrides) absl::StrAppend(&cmd, " --set ", o);
  return absl::StrCat(cmd, " --property ", v.counterexample.violation.property, " ", v.token);
}

std::string RenderReplayText(const CheckReport& r, const TraceTextOptions& o) {
  std::string out = absl::StrCat("replay: model ", r.model, ", variant ", r.variant, "\n");
  for (const ViolationReport& v : r.violations) AppendTrace(r, v, o, &out);
  return out;
}

std::string RenderText(const CheckReport& r, const TraceTextOptions& o) {
  std::string out = absl::StrCat("model ", r.model, ", variant ", r.variant, ", property ",
                                 r.property.empty() ? "all" : r.property, "\n");
  absl::StrAppend(&out, "verdict: ", VerdictName(r.verdict));
  if (!r.limit.empty()) absl::StrAppend(&out, " (", r.limit, ")");
  absl::StrAppend(&out, "\n");
  for (const ViolationReport& v : r.violations) {
    absl::StrAppend(&out, "  ", v.counterexample.violation.property, " violated: ", v.trace.summary, "\n");
  }
  const ExploreStats& s = r.stats;
  absl::StrAppend(&out, absl::StrFormat(
      "executions: %d (complete %d, deadlocked %d, assume-blocked %d, sleep-set-blocked %d, bounded %d)\n",
      s.executions, s.complete, s.deadlocked, s.assume_blocked, s.sleep_set_blocked, s.bounded));
  absl::StrAppend(&out, absl::StrFormat("events: %d; time: %.3f s; %s executions/s; %s events/s\n", s.events,
                                        s.seconds, Rate(s.executions, s.seconds), Rate(s.events, s.seconds)));
  for (const ViolationReport& v : r.violations) AppendTrace(r, v, o, &out);
  return out;
}

}  // namespace lockstep
