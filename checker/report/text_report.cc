#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "checker/report/render.h"

namespace lockstep {
namespace {

std::string Rate(double count, double seconds) {
  return seconds > 0 ? absl::StrFormat("%.0f", count / seconds) : "-";
}

void AppendTrace(const ViolationReport& v, std::string* out) {
  const Trace& t = v.trace;
  absl::StrAppend(out, "\nviolated: ", v.counterexample.violation.property, ": ",
                  v.counterexample.violation.message, "\n");
  absl::StrAppend(out, "counterexample: ", t.steps.size(), " steps, ", v.counterexample.preemptions,
                  " preemptions; replay token ", v.token, "\n");
  size_t width = 6;
  for (const TraceStep& s : t.steps) width = std::max(width, s.thread.size());
  for (const TraceStep& s : t.steps) {
    std::string line = absl::StrFormat("  %3d  %-*s  %s", s.index, static_cast<int>(width), s.thread,
                                       s.object.empty() ? s.operation : absl::StrCat(s.object, ".", s.operation));
    if (!s.result.empty()) absl::StrAppend(&line, " -> ", s.result);
    if (!s.object.empty() && s.before != s.after) absl::StrAppend(&line, "   [", s.before, " -> ", s.after, "]");
    absl::StrAppend(&line, "   ", s.function, " (", s.location, ")");
    absl::StrAppend(out, line, "\n");
  }
}

}  // namespace

std::string RenderText(const CheckReport& r) {
  std::string out = absl::StrCat("model ", r.model, ", variant ", r.variant, ", property ",
                                 r.property.empty() ? "all" : r.property, "\n");
  absl::StrAppend(&out, "verdict: ", VerdictName(r.verdict));
  if (!r.limit.empty()) absl::StrAppend(&out, " (", r.limit, ")");
  absl::StrAppend(&out, "\n");
  const ExploreStats& s = r.stats;
  absl::StrAppend(&out, absl::StrFormat(
      "executions: %d (complete %d, deadlocked %d, assume-blocked %d, sleep-set-blocked %d, bounded %d)\n",
      s.executions, s.complete, s.deadlocked, s.assume_blocked, s.sleep_set_blocked, s.bounded));
  absl::StrAppend(&out, absl::StrFormat("events: %d; time: %.3f s; %s executions/s; %s events/s\n", s.events,
                                        s.seconds, Rate(s.executions, s.seconds), Rate(s.events, s.seconds)));
  for (const ViolationReport& v : r.violations) AppendTrace(v, &out);
  return out;
}

}  // namespace lockstep
