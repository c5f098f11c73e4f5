#include "checker/report/replay.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "checker/report/json_value.h"
#include "checker/report/suggest.h"
#include "checker/report/trace.h"
#include "checker/report/watchdog.h"

namespace lockstep {
namespace {

using Type = JsonValue::Type;

std::string StringField(const JsonValue& v, std::string_view key) {
  const JsonValue* f = v.Find(key);
  return f != nullptr && f->is(Type::kString) ? f->string() : "";
}

// One counterexample in a document, with the variant and settings it ran under.
struct Found {
  std::string variant;
  std::vector<std::string> settings;  // name=value
  const JsonValue* violation = nullptr;
};

absl::Status Collect(const JsonValue& run, std::vector<Found>* out) {
  Found base{StringField(run, "variant"), {}, nullptr};
  if (const JsonValue* s = run.Find("settings"); s != nullptr) {
    if (!s->is(Type::kObject)) return absl::InvalidArgumentError("\"settings\" in the trace file is not an object");
    for (const auto& [k, v] : s->members()) {
      if (!v.is(Type::kString)) {
        return absl::InvalidArgumentError(
            absl::StrCat("setting '", k, "' in the trace file is not a string (settings are written as --set takes them)"));
      }
      base.settings.push_back(absl::StrCat(k, "=", v.string()));
    }
  }
  if (run.Find("token") != nullptr) {  // a single violation object
    out->push_back(Found{base.variant, base.settings, &run});
    return absl::OkStatus();
  }
  const JsonValue* list = run.Find("violations");
  if (list == nullptr || !list->is(Type::kArray)) return absl::OkStatus();
  for (const JsonValue& v : list->array()) out->push_back(Found{base.variant, base.settings, &v});
  return absl::OkStatus();
}

// The settings of `found` that differ from the variant's own, as name=value.
absl::StatusOr<std::vector<std::string>> DifferingSettings(const ModelSpec& m, const std::string& variant,
                                                           const std::vector<std::string>& found) {
  if (absl::Status s = CheckNames(m, variant, found, ""); !s.ok()) return s;
  absl::StatusOr<Settings> own = m.Resolve(variant, {});
  if (!own.ok()) return own.status();
  std::vector<std::string> out;
  for (const std::string& setting : found) {
    const size_t eq = setting.find('=');
    const std::string name = setting.substr(0, eq);
    if (m.ValueText(name, (*own)[name]) != setting.substr(eq + 1)) out.push_back(setting);
  }
  return out;
}

}  // namespace

absl::Status FillFromJson(std::string_view json, ReplayRequest* req) {
  absl::StatusOr<JsonValue> doc = ParseJson(json);
  if (!doc.ok()) return doc.status();
  if (!doc->is(Type::kObject)) return absl::InvalidArgumentError("the trace file is not a JSON object");
  const std::string model = StringField(*doc, "model");
  if (!model.empty() && model != req->model->name) {
    return absl::InvalidArgumentError(
        absl::StrCat("the trace file is for model '", model, "', not '", req->model->name, "'"));
  }
  std::vector<Found> found;
  if (const JsonValue* rows = doc->Find("variants"); rows != nullptr && rows->is(Type::kArray)) {
    for (const JsonValue& row : rows->array()) {
      if (absl::Status s = Collect(row, &found); !s.ok()) return s;
    }
  } else if (absl::Status s = Collect(*doc, &found); !s.ok()) {
    return s;
  }
  for (const Found& f : found) {
    const std::string property = StringField(*f.violation, "property");
    const JsonValue* token = f.violation->Find("token");
    if (token == nullptr || !token->is(Type::kString)) {
      return absl::InvalidArgumentError("a counterexample in the trace file has no \"token\" string");
    }
    if (!req->variant.empty() && !f.variant.empty() && f.variant != req->variant) continue;
    if (!req->property.empty() && property != req->property) continue;
    if (req->variant.empty()) req->variant = f.variant;
    if (req->property.empty()) req->property = property;
    absl::StatusOr<std::vector<std::string>> settings = DifferingSettings(*req->model, req->variant, f.settings);
    if (!settings.ok()) return settings.status();
    // The file's settings first, so that --set on the command line wins.
    req->overrides.insert(req->overrides.begin(), settings->begin(), settings->end());
    req->token = token->string();
    return absl::OkStatus();
  }
  return absl::NotFoundError(absl::StrCat("the trace file has no counterexample",
                                          req->variant.empty() ? "" : " for variant '" + req->variant + "'",
                                          req->property.empty() ? "" : " of property '" + req->property + "'"));
}

absl::StatusOr<ReplayResult> Replay(const ReplayRequest& req) {
  const ModelSpec& model = *req.model;
  if (absl::Status s = CheckNames(model, req.variant, req.overrides, req.property); !s.ok()) return s;
  absl::StatusOr<std::vector<ScheduleStep>> schedule = DecodeSchedule(req.token, req.max_steps);
  if (!schedule.ok()) return schedule.status();
  absl::StatusOr<Settings> settings = model.Resolve(req.variant, req.overrides);
  if (!settings.ok()) return settings.status();

  ReplayResult out;
  out.steps = schedule->size();
  CheckReport& r = out.report;
  r.model = model.name;
  r.variant = req.variant.empty() ? model.Variants().front().name : req.variant;
  r.property = req.property;
  r.overrides = req.overrides;
  for (const SwitchSpec& s : model.switches) r.settings.emplace_back(s.name, model.ValueText(s.name, (*settings)[s.name]));

  const auto start = std::chrono::steady_clock::now();
  bool ended = false;
  absl::StatusOr<Trace> trace = [&] {
    ModelCodeScope in_model_code;
    return ReplayTrace(model, *settings, req.property, *schedule, &ended);
  }();
  r.stats.executions = 1;
  r.stats.events = schedule->size();
  r.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (absl::IsNotFound(trace.status())) {  // ran, but nothing was violated
    r.verdict = ended ? Verdict::kHolds : Verdict::kInconclusive;
    r.stats.complete = ended ? 1 : 0;
    r.stats.stopped = ended ? 0 : 1;
    out.outcome = std::string(trace.status().message());
    r.limit = ended ? "" : out.outcome;
    return out;
  }
  if (!trace.ok()) return trace.status();
  Counterexample c{trace->violation, std::move(*schedule), static_cast<uint32_t>(trace->preemptions)};
  r.verdict = Verdict::kViolated;
  r.violations.push_back(ViolationReport{std::move(c), req.token, std::move(*trace), "", false});
  return out;
}

}  // namespace lockstep
