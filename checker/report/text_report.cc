#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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

std::string ShellQuote(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || std::string_view("_-=.,:/+@%").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  return absl::StrCat("'", absl::StrReplaceAll(absl::string_view(word.data(), word.size()), {{"'", "'\\''"}}), "'");
}

void SetReplayTool(std::string tool) { ReplayTool() = std::move(tool); }

std::string ReplayCommand(const CheckReport& r, const ViolationReport& v) {
  std::string cmd = absl::StrCat(ShellQuote(ReplayTool()), " replay ", ShellQuote(r.model), " --variant ", ShellQuote(r.variant));
  for (const std::string& o : r.overrides) absl::StrAppend(&cmd, " --set ", ShellQuote(o));
  return absl::StrCat(cmd, " --property ", ShellQuote(v.counterexample.violation.property), " ", ShellQuote(v.token));
}

std::string RenderReplayText(const CheckReport& r, const TraceTextOptions& o) {
  std::string out = absl::StrCat("replay: model ", r.model, ", variant ", r.variant);
  if (!r.overrides.empty()) absl::StrAppend(&out, ", with ", absl::StrJoin(r.overrides, " "));
  absl::StrAppend(&out, "\n");
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
      "executions: %d (complete %d, deadlocked %d, assume-blocked %d, sleep-set-blocked %d, bounded %d, "
      "stopped %d)\n",
      s.executions, s.complete, s.deadlocked, s.assume_blocked, s.sleep_set_blocked, s.bounded, s.stopped));
  if (s.assume_blocked > 0) absl::StrAppend(&out, "warning: ", AssumePrunedWarning(s), "\n");
  absl::StrAppend(&out, absl::StrFormat("events: %d; time: %.3f s; %s executions/s; %s events/s", s.events,
                                        s.seconds, Rate(s.executions, s.seconds), Rate(s.events, s.seconds)));
  // The minimal-preemption search runs after the exploration and can cost
  // more than it: say what it took.
  double minimize_seconds = 0;
  uint64_t minimize_executions = 0;
  for (const ViolationReport& v : r.violations) {
    minimize_seconds += v.minimize_seconds;
    minimize_executions += v.minimize_executions;
  }
  if (minimize_executions > 0) {
    absl::StrAppend(&out, absl::StrFormat("; minimization: %.3f s, %d executions", minimize_seconds,
                                          minimize_executions));
  }
  absl::StrAppend(&out, "\n");
  if (const ExploreResult::Parallel& p = r.parallel; p.threads > 1) {
    absl::StrAppend(&out, absl::StrFormat("threads: %d (%d subtrees handed out, %d of them used; the others "
                                          "changed before their turn and were explored again)\n",
                                          p.threads, p.published, p.used));
  }
  for (const ViolationReport& v : r.violations) AppendTrace(r, v, o, &out);
  return out;
}

}  // namespace lockstep
