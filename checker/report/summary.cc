#include "checker/report/summary.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "checker/core/property_names.h"
#include "checker/report/happens_before.h"

namespace lockstep {
namespace {

const TraceStep* StepAt(const Trace& t, int index) {
  return index >= 1 && index <= static_cast<int>(t.steps.size()) ? &t.steps[index - 1] : nullptr;
}

std::string What(const TraceStep& s) { return s.object.empty() ? s.operation : absl::StrCat(s.object, ".", s.operation); }

std::string Where(const TraceStep& s) { return absl::StrCat(What(s), " in ", s.function, " (step ", s.index, ")"); }

// The steps of `thread` just before and just after step `at`, if any, up to `limit`.
std::pair<const TraceStep*, const TraceStep*> Window(const Trace& t, int thread, int at, int limit) {
  const TraceStep* before = nullptr;
  const TraceStep* after = nullptr;
  for (const TraceStep& s : t.steps) {
    if (s.thread_id != thread || s.index > limit) continue;
    if (s.index < at) before = &s;
    if (s.index > at && after == nullptr) after = &s;
  }
  return {before, after};
}

std::string Generic(const Trace& t, const TraceStep* mine, const TraceStep* other) {
  const Violation& v = t.violation;
  const std::string& broke = v.message;
  if (v.property == kNoHang) return absl::StrCat("after ", t.steps.size(), " steps: ", v.message);
  if (mine == nullptr) return broke;
  std::string out = absl::StrCat(mine->thread, " ", Where(*mine));
  if (other != nullptr) {
    absl::StrAppend(&out, " after ", other->thread, " did ", Where(*other));
    auto [before, after] = Window(t, mine->thread_id, other->index, mine->index);
    if (before != nullptr && after != nullptr) {
      absl::StrAppend(&out, " while ", mine->thread, " was between ", What(*before),
                      " (step ", before->index, ") and ",
                      after == mine ? std::string("this step") : absl::StrCat(What(*after), " (step ", after->index, ")"));
    }
  }
  return absl::StrCat(out, ": ", broke);
}

std::string FromTemplate(const Trace& t, const TraceStep* mine, const TraceStep* other, const std::string& story) {
  const TraceStep none;
  const TraceStep& m = mine ? *mine : none;
  const TraceStep& o = other ? *other : none;
  return absl::StrReplaceAll(story, {{"{thread}", m.thread},
                                     {"{op}", m.operation},
                                     {"{object}", m.object},
                                     {"{function}", m.function},
                                     {"{step}", absl::StrCat(m.index)},
                                     {"{other}", o.thread},
                                     {"{other_op}", o.operation},
                                     {"{other_object}", o.object},
                                     {"{other_function}", o.function},
                                     {"{other_step}", absl::StrCat(o.index)},
                                     {"{property}", t.violation.property},
                                     {"{message}", t.violation.message}});
}

}  // namespace

std::string Summarize(const Trace& trace, const std::string& story) {
  const TraceStep* mine = StepAt(trace, trace.violating_step);
  const TraceStep* other = StepAt(trace, LatestOtherDependency(trace, trace.violating_step));
  return story.empty() ? Generic(trace, mine, other) : FromTemplate(trace, mine, other, story);
}

}  // namespace lockstep
