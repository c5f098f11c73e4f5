#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "checker/report/happens_before.h"
#include "checker/report/render.h"

namespace lockstep {

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

std::string Field(std::string_view key, std::string_view raw_value) {
  return absl::StrCat(JsonString(key), ":", std::string(raw_value));
}

std::string IntArray(const std::vector<int>& v) { return absl::StrCat("[", absl::StrJoin(v, ","), "]"); }

const char* AccessName(Access a) {
  switch (a) {
    case Access::kRead: return "read";
    case Access::kWrite: return "write";
    case Access::kLocal: return "local";
  }
  return "?";
}

std::string StepJson(const TraceStep& s, const std::vector<int>& happens_after) {
  return absl::StrCat(
      "{", Field("step", absl::StrCat(s.index)), ",", Field("thread", JsonString(s.thread)), ",",
      Field("thread_id", absl::StrCat(s.thread_id)), ",", Field("operation", JsonString(s.operation)), ",",
      Field("object", JsonString(s.object)), ",", Field("access", JsonString(AccessName(s.op.access()))), ",",
      Field("result", JsonString(s.result)), ",", Field("before", JsonString(s.before)), ",",
      Field("after", JsonString(s.after)), ",", Field("function", JsonString(s.function)), ",",
      Field("location", JsonString(s.location)), ",", Field("woken_by", IntArray(s.woken_by)), ",",
      Field("happens_after", IntArray(happens_after)), "}");
}

std::string StepsJson(const Trace& t) {
  std::vector<std::vector<int>> after(t.steps.size() + 1);
  for (const HbEdge& e : HappensBefore(t)) after[e.to].push_back(e.from);
  std::string steps;
  for (const TraceStep& s : t.steps) absl::StrAppend(&steps, steps.empty() ? "" : ",", StepJson(s, after[s.index]));
  return "[" + steps + "]";
}

std::string StringArray(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) absl::StrAppend(&out, out.empty() ? "" : ",", JsonString(s));
  return "[" + out + "]";
}

}  // namespace

std::string ViolationJson(const ViolationReport& v) {
  const Violation& x = v.counterexample.violation;
  return absl::StrCat("{", Field("property", JsonString(x.property)), ",", Field("message", JsonString(x.message)),
                      ",", Field("summary", JsonString(v.trace.summary)), ",",
                      Field("preemptions", absl::StrCat(v.counterexample.preemptions)), ",",
                      Field("minimal", v.minimal ? "true" : "false"), ",",
                      Field("minimality", JsonString(v.minimality)), ",",
                      Field("minimize_seconds", absl::StrFormat("%.6f", v.minimize_seconds)), ",",
                      Field("minimize_executions", absl::StrCat(v.minimize_executions)), ",",
                      Field("steps", absl::StrCat(v.trace.steps.size())), ",",
                      Field("violating_step", absl::StrCat(v.trace.violating_step)), ",",
                      Field("token", JsonString(v.token)), ",", Field("threads", StringArray(v.trace.threads)), ",",
                      Field("trace", StepsJson(v.trace)), "}");
}

std::string SettingsJson(const std::vector<std::pair<std::string, std::string>>& settings) {
  std::string out;
  for (const auto& [k, v] : settings) absl::StrAppend(&out, out.empty() ? "" : ",", Field(k, JsonString(v)));
  return "{" + out + "}";
}

std::string StatsJson(const ExploreStats& s, const ExploreResult::Parallel& p) {
  const double secs = s.seconds > 0 ? s.seconds : 1e-9;
  return absl::StrCat(
      "{", Field("executions", absl::StrCat(s.executions)), ",", Field("complete", absl::StrCat(s.complete)), ",",
      Field("deadlocked", absl::StrCat(s.deadlocked)), ",", Field("assume_blocked", absl::StrCat(s.assume_blocked)),
      ",", Field("sleep_set_blocked", absl::StrCat(s.sleep_set_blocked)), ",",
      Field("bounded", absl::StrCat(s.bounded)), ",", Field("stopped", absl::StrCat(s.stopped)), ",", Field("events", absl::StrCat(s.events)), ",",
      Field("seconds", absl::StrFormat("%.6f", s.seconds)), ",",
      Field("executions_per_second", absl::StrFormat("%.1f", s.executions / secs)), ",",
      Field("events_per_second", absl::StrFormat("%.1f", s.events / secs)), ",",
      Field("threads", absl::StrCat(p.threads)), ",", Field("subtrees_handed_out", absl::StrCat(p.published)), ",",
      Field("subtrees_used", absl::StrCat(p.used)), "}");
}

std::string RenderJson(const CheckReport& r) {
  std::string violations;
  for (const ViolationReport& v : r.violations) absl::StrAppend(&violations, violations.empty() ? "" : ",", ViolationJson(v));
  return absl::StrCat("{", Field("schema", JsonString("lockstep-check-1")), ",", Field("model", JsonString(r.model)), ",", Field("variant", JsonString(r.variant)), ",",
                      Field("settings", SettingsJson(r.settings)), ",",
                      Field("property", JsonString(r.property.empty() ? "all" : r.property)), ",",
                      Field("verdict", JsonString(VerdictName(r.verdict))), ",", Field("limit", JsonString(r.limit)),
                      ",", Field("stats", StatsJson(r.stats, r.parallel)), ",",
                      Field("warnings", r.stats.assume_blocked > 0 ? "[" + JsonString(AssumePrunedWarning(r.stats)) + "]" : "[]"),
                      ",", Field("violations", "[" + violations + "]"), "}\n");
}

}  // namespace lockstep
