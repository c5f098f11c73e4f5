#include "checker/report/trace.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "checker/report/summary.h"
#include "checker/runtime/runtime.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"
#include "checker/sync/task_state.h"

namespace lockstep {
namespace {

// "lockstep::Task<bool> ns::oom_reap_task_mm(Mm&)" -> "oom_reap_task_mm"
std::string ShortFunction(std::string_view f) {
  const size_t paren = f.find('(');
  if (paren != std::string_view::npos) f = f.substr(0, paren);
  const size_t sep = f.find_last_of(": ");
  if (sep != std::string_view::npos) f = f.substr(sep + 1);
  return std::string(f);
}

std::string ShortFile(std::string_view f) {
  const size_t models = f.rfind("models/");
  if (models != std::string_view::npos) return std::string(f.substr(models));
  const size_t slash = f.find_last_of('/');
  return std::string(slash == std::string_view::npos ? f : f.substr(slash + 1));
}

// A value of an atomic, by its symbolic name if the model gave it one.
std::string ValueText(const ObjectBase* object, int64_t v) {
  const auto* atomic = dynamic_cast<const AtomicBase*>(object);
  return atomic ? atomic->ValueName(v) : std::to_string(v);
}

// The operation as the trace prints it; `result` tells a failed cmpxchg.
std::string OperationText(const Operation& op, const ObjectBase* object, int64_t result) {
  const std::string name(NameOf(op.kind));
  switch (op.kind) {
    case OpKind::kStore:
    case OpKind::kExchange:
      return absl::StrCat(name, "(", ValueText(object, op.arg), ")");
    case OpKind::kFetchAdd:
      return absl::StrCat(name, "(", op.arg, ")");
    case OpKind::kCompareExchange:
      return absl::StrCat(name, "(", ValueText(object, op.arg), ", ", ValueText(object, op.arg2), ")",
                          result == op.arg ? "" : " failed");
    case OpKind::kWaitUntil: {
      const Until until = AtomicBase::UntilOf(op);
      const bool bits = until.cmp == Until::kAllSet || until.cmp == Until::kAllClear;
      return absl::StrCat(name, "(", until.Text().substr(0, until.Text().rfind(' ')), " ",
                          bits ? std::to_string(until.value) : ValueText(object, until.value), ")");
    }
    case OpKind::kTestBit:
    case OpKind::kSetBit:
    case OpKind::kClearBit:
    case OpKind::kTestAndSetBit:
    case OpKind::kTestAndClearBit: {
      const auto* bits = dynamic_cast<const Bits*>(object);
      return absl::StrCat(name, "(", bits ? bits->BitName(static_cast<int>(op.arg)) : std::to_string(op.arg), ")");
    }
    case OpKind::kSetTaskState:
      return absl::StrCat(name, "(", TaskState::ValueName(op.arg), ")");
    case OpKind::kChoose:
      return absl::StrCat(name, "(", op.arg, ") = ", op.arg2);
    default:
      return name;
  }
}

bool Returns(OpKind k) {
  switch (k) {
    case OpKind::kStore:
    case OpKind::kSetBit:
    case OpKind::kClearBit:
    case OpKind::kMutexLock:
    case OpKind::kMutexUnlock:
    case OpKind::kDownRead:
    case OpKind::kUpRead:
    case OpKind::kDownWrite:
    case OpKind::kUpWrite:
    case OpKind::kRefGet:
    case OpKind::kSpinLock:
    case OpKind::kSpinUnlock:
    case OpKind::kSemDown:
    case OpKind::kSemUp:
    case OpKind::kCompletionWait:
    case OpKind::kComplete:
    case OpKind::kCompleteAll:
    case OpKind::kSetTaskState:
    case OpKind::kSchedule:
    case OpKind::kMightSleep:
    case OpKind::kFree:
    case OpKind::kUse:
    case OpKind::kChoose:
      return false;
    default:
      return true;
  }
}

// The step after which the violation was detected: the violating thread's last
// step, or the last step for end-of-execution checks (deadlock, end predicates).
int ViolatingStep(const Trace& t) {
  for (auto it = t.steps.rbegin(); it != t.steps.rend(); ++it) {
    if (t.violation.thread == kNoThread || it->thread_id == t.violation.thread) return it->index;
  }
  return t.steps.empty() ? 0 : t.steps.back().index;
}

std::string StoryOf(const ModelSpec& model, const std::string& property) {
  auto it = model.stories.find(property);
  return it == model.stories.end() ? "" : it->second;
}

}  // namespace

absl::StatusOr<Trace> ReplayTrace(const ModelSpec& model, const Settings& settings,
                                  const std::string& property,
                                  const std::vector<ScheduleStep>& schedule, bool* ended) {
  Runtime rt([&](Runtime& r) { model.setup(r, settings); }, model.Filter(property));
  Trace trace;
  std::vector<std::string> movable;  // threads that could go on after the schedule
  try {
    rt.Restart();
    ThreadId previous = kNoThread;
    for (size_t i = 0; i < schedule.size(); ++i) {
      const ScheduleStep& s = schedule[i];
      if (s.thread >= rt.NumThreads() || rt.NextOp(s.thread) == nullptr) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the schedule does not fit the model: at step ", i + 1, " thread ", int{s.thread},
            s.thread >= rt.NumThreads() ? absl::StrCat(" does not exist (the model has ", rt.NumThreads(), ")")
                                        : absl::StrCat(" (", rt.ThreadName(s.thread), ") cannot move"),
            " (was the model or its settings changed?)"));
      }
      if (previous != kNoThread && previous != s.thread && rt.NextOp(previous) != nullptr) ++trace.preemptions;
      previous = s.thread;
      const Operation& op = *rt.NextOp(s.thread);
      const ObjectBase* object = op.kind == OpKind::kChoose ? nullptr : rt.Objects()[op.object];
      TraceStep step;
      step.index = static_cast<int>(i + 1);
      step.thread = rt.ThreadName(s.thread);
      step.thread_id = s.thread;
      step.object = object ? object->name() : "";
      step.before = object ? object->Describe() : "";
      step.function = ShortFunction(op.where.function_name());
      step.location = absl::StrCat(ShortFile(op.where.file_name()), ":", op.where.line());
      StepInfo info;
      rt.Execute(s.thread, s.choice, &info);
      step.operation = OperationText(info.op, object, info.result);
      step.op = info.op;
      for (EventIndex w : info.wakers) step.woken_by.push_back(static_cast<int>(w) + 1);
      step.after = object ? object->Describe() : "";
      if (Returns(info.op.kind)) {
        const bool value = AccessOf(info.op.kind) != Access::kLocal && dynamic_cast<const AtomicBase*>(object) &&
                           info.op.kind != OpKind::kFetchAdd;
        step.result = value ? ValueText(object, info.result) : std::to_string(info.result);
      }
      trace.steps.push_back(std::move(step));
    }
    if (!rt.AnyCanMove()) {
      EndKind kind;
      rt.End(&kind);
    } else {
      for (int t = 0; t < rt.NumThreads(); ++t) {
        if (rt.NextOp(static_cast<ThreadId>(t)) != nullptr) movable.push_back(rt.ThreadName(static_cast<ThreadId>(t)));
      }
    }
  } catch (const ModelError& e) {
    return absl::FailedPreconditionError(e.what());
  }
  for (int t = 0; t < rt.NumThreads(); ++t) trace.threads.push_back(rt.ThreadName(static_cast<ThreadId>(t)));
  for (const Violation& v : rt.Violations()) {
    if (property.empty() || v.property == property) {
      trace.violation = v;
      trace.violating_step = ViolatingStep(trace);
      trace.summary = Summarize(trace, StoryOf(model, v.property));
      return trace;
    }
  }
  if (ended != nullptr) *ended = movable.empty();
  const std::string what = property.empty() ? "any property" : property;
  if (movable.empty()) {
    return absl::NotFoundError(absl::StrCat("the schedule ran all ", schedule.size(),
                                            " steps to the end of its execution without violating ", what));
  }
  return absl::NotFoundError(absl::StrCat("the schedule ended after ", schedule.size(),
                                          " steps, before its execution did (", absl::StrJoin(movable, ", "),
                                          movable.size() == 1 ? " could" : " could all", " still move): ",
                                          property.empty() ? "no property was" : property + " was not",
                                          " violated in those steps"));
}

std::string EncodeSchedule(const std::vector<ScheduleStep>& schedule) {
  std::string out;
  for (size_t i = 0; i < schedule.size();) {
    const ScheduleStep& s = schedule[i];
    size_t run = 1;
    if (s.choice == 0) {
      while (i + run < schedule.size() && schedule[i + run].thread == s.thread && schedule[i + run].choice == 0) ++run;
    }
    if (!out.empty()) out += '.';
    absl::StrAppend(&out, int{s.thread});
    if (s.choice != 0) absl::StrAppend(&out, ":", s.choice);
    if (run > 1) absl::StrAppend(&out, "x", run);
    i += run;
  }
  return out;
}

absl::StatusOr<std::vector<ScheduleStep>> DecodeSchedule(const std::string& token, size_t max_steps) {
  std::vector<ScheduleStep> out;
  if (token.empty()) return out;
  // Parsed and counted first, so that no step is allocated for a token that
  // is too long.
  std::vector<std::pair<ScheduleStep, int>> runs;
  size_t total = 0;
  for (absl::string_view part : absl::StrSplit(token, '.')) {
    int thread = 0, run = 1;
    int64_t choice = 0;
    std::pair<absl::string_view, absl::string_view> tr = absl::StrSplit(part, absl::MaxSplits('x', 1));
    std::pair<absl::string_view, absl::string_view> tc = absl::StrSplit(tr.first, absl::MaxSplits(':', 1));
    const bool has_choice = absl::StrContains(tr.first, ':');
    const bool has_run = absl::StrContains(part, 'x');
    const bool ok = absl::SimpleAtoi(tc.first, &thread) && thread >= 0 && thread < kMaxThreads &&
                    (!has_choice || absl::SimpleAtoi(tc.second, &choice)) &&
                    (!has_run || (absl::SimpleAtoi(tr.second, &run) && run > 0));
    if (!ok) return absl::InvalidArgumentError(absl::StrCat("malformed schedule token near '", part, "'"));
    total += static_cast<size_t>(run);
    if (total > max_steps) {
      return absl::InvalidArgumentError(absl::StrCat("the schedule token has more than ", max_steps,
                                                     " steps (raise --max-steps if the counterexample is that long)"));
    }
    runs.push_back({{static_cast<ThreadId>(thread), choice}, run});
  }
  out.reserve(total);
  for (const auto& [step, run] : runs) out.insert(out.end(), static_cast<size_t>(run), step);
  return out;
}

std::string AssumePrunedWarning(const ExploreStats& stats) {
  return absl::StrCat(stats.assume_blocked, " execution(s) were pruned by assume() and not checked: a thread that "
                      "waits for something should use a blocking wait (wait_until, wait_event, "
                      "wait_for_completion, down, lock), which reports a wait never satisfied as a hang");
}

}  // namespace lockstep
