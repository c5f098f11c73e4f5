#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

std::string StepJson(const TraceStep& s) {
  return absl::StrCat("{", Field("step", absl::StrCat(s.index)), ",", Field("thread", JsonString(s.thread)), ",",
                      Field("operation", JsonString(s.operation)), ",", Field("object", JsonString(s.object)), ",",
                      Field("result", JsonString(s.result)), ",", Field("before", JsonString(s.before)), ",",
                      Field("after", JsonString(s.after)), ",", Field("function", JsonString(s.function)), ",",
                      Field("location", JsonString(s.location)), "}");
}

std::string ViolationJson(const ViolationReport& v) {
  std::string steps;
  for (const TraceStep& s : v.trace.steps) absl::StrAppend(&steps, steps.empty() ? "" : ",", StepJson(s));
  const Violation& x = v.counterexample.violation;
  return absl::StrCat("{", Field("property", JsonString(x.property)), ",", Field("message", JsonString(x.message)),
                      ",", Field("preemptions", absl::StrCat(v.counterexample.preemptions)), ",",
                      Field("token", JsonString(v.token)), ",", Field("trace", "[" + steps + "]"), "}");
}

}  // namespace

std::string RenderJson(const CheckReport& r) {
  std::string settings;
  for (const auto& [k, v] : r.settings) absl::StrAppend(&settings, settings.empty() ? "" : ",", Field(k, JsonString(v)));
  const ExploreStats& s = r.stats;
  const double secs = s.seconds > 0 ? s.seconds : 1e-9;
  const std::string stats = absl::StrCat(
      "{", Field("executions", absl::StrCat(s.executions)), ",", Field("complete", absl::StrCat(s.complete)), ",",
      Field("deadlocked", absl::StrCat(s.deadlocked)), ",", Field("assume_blocked", absl::StrCat(s.assume_blocked)),
      ",", Field("sleep_set_blocked", absl::StrCat(s.sleep_set_blocked)), ",",
      Field("bounded", absl::StrCat(s.bounded)), ",", Field("events", absl::StrCat(s.events)), ",",
      Field("seconds", absl::StrFormat("%.6f", s.seconds)), ",",
      Field("executions_per_second", absl::StrFormat("%.1f", s.executions / secs)), ",",
      Field("events_per_second", absl::StrFormat("%.1f", s.events / secs)), "}");
  std::string violations;
  for (const ViolationReport& v : r.violations) absl::StrAppend(&violations, violations.empty() ? "" : ",", ViolationJson(v));
  return absl::StrCat("{", Field("model", JsonString(r.model)), ",", Field("variant", JsonString(r.variant)), ",",
                      Field("settings", "{" + settings + "}"), ",",
                      Field("property", JsonString(r.property.empty() ? "all" : r.property)), ",",
                      Field("verdict", JsonString(VerdictName(r.verdict))), ",", Field("limit", JsonString(r.limit)),
                      ",", Field("stats", stats), ",", Field("violations", "[" + violations + "]"), "}\n");
}

}  // namespace lockstep
