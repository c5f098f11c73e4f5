#include "checker/explore/minimize.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"

namespace lockstep {
namespace {

// Bounded enumeration of schedules with at most `bound` preemptions, looking
// for the shortest one that violates `property`.
class BoundedSearch {
 public:
  BoundedSearch(System& system, const std::string& property, uint32_t bound, uint64_t budget, uint32_t max_steps)
      : sys_(system), property_(property), bound_(bound), budget_(budget), max_steps_(max_steps) {}

  // Depth-first over all schedules within the bound, replaying from scratch
  // for each branch. Returns false if the budget ran out first.
  bool Run() {
    struct Frame {
      std::vector<std::pair<ScheduleStep, uint32_t>> options;  // step, preemptions after it
      size_t next = 1;  // options[next - 1] is on the current path
    };
    std::vector<Frame> frames;
    std::vector<ScheduleStep>& path = path_;
    path.clear();
    while (true) {
      if (executions_++ >= budget_) return false;
      sys_.Restart();
      bool violated = false;
      for (size_t i = 0; i < path.size() && !violated; ++i) violated = Execute(path[i], i + 1);
      uint32_t preemptions = frames.empty() ? 0 : frames.back().options[frames.back().next - 1].second;
      // Extend, taking the first option at each step, until a violation, the
      // end, or a length no better than the best found.
      while (!violated && (best_.empty() || path.size() + 1 < best_.size()) && path.size() < max_steps_) {
        auto options = Options(path, preemptions);
        if (options.empty()) {
          EndKind kind;
          sys_.End(&kind);
          if (Violates()) Record(path, path.size());
          break;
        }
        frames.push_back(Frame{std::move(options), 1});
        const auto& [step, cost] = frames.back().options.front();
        path.push_back(step);
        preemptions = cost;
        violated = Execute(step, path.size());
      }
      // Backtrack to the deepest frame with an untried option.
      while (!frames.empty() && frames.back().next >= frames.back().options.size()) {
        frames.pop_back();
        path.pop_back();
      }
      if (frames.empty()) return true;
      path.back() = frames.back().options[frames.back().next++].first;
    }
  }
  bool found() const { return !best_.empty(); }
  const std::vector<ScheduleStep>& best() const { return best_; }
  uint64_t executions() const { return executions_; }

 private:
  // Runs one step; records and returns true if it violates the property.
  bool Execute(const ScheduleStep& step, size_t length) {
    StepInfo info;
    sys_.Execute(step.thread, step.choice, &info);
    if (!info.violated || !Violates()) return false;
    Record(path_, length);
    return true;
  }

  bool Violates() const {
    const auto& v = sys_.Violations();
    return std::any_of(v.begin(), v.end(), [&](const Violation& x) { return x.property == property_; });
  }

  // Steps that keep within the bound, continuing the current thread first.
  std::vector<std::pair<ScheduleStep, uint32_t>> Options(const std::vector<ScheduleStep>& prefix,
                                                         uint32_t preemptions) const {
    std::vector<std::pair<ScheduleStep, uint32_t>> out;
    const ThreadId current = prefix.empty() ? kNoThread : prefix.back().thread;
    const bool current_can_move = current != kNoThread && sys_.NextOp(current) != nullptr;
    auto add = [&](ThreadId t, uint32_t cost) {
      const Operation* op = sys_.NextOp(t);
      if (op == nullptr || cost > bound_) return;
      const int64_t values = op->kind == OpKind::kChoose ? op->arg : 1;
      for (int64_t v = 0; v < values; ++v) out.push_back({{t, v}, cost});
    };
    if (current_can_move) add(current, preemptions);
    for (int t = 0; t < sys_.NumThreads(); ++t) {
      if (static_cast<ThreadId>(t) == current) continue;
      add(static_cast<ThreadId>(t), preemptions + (current_can_move ? 1 : 0));
    }
    return out;
  }

  void Record(const std::vector<ScheduleStep>& prefix, size_t length) {
    if (best_.empty() || length < best_.size()) best_.assign(prefix.begin(), prefix.begin() + length);
  }

  System& sys_;
  const std::string& property_;
  uint32_t bound_;
  uint64_t budget_;
  uint32_t max_steps_;
  uint64_t executions_ = 0;
  bool out_of_budget_ = false;
  std::vector<ScheduleStep> best_;
  std::vector<ScheduleStep> path_;  // the schedule being explored
};

// Replays a schedule, returning its events' threads and operations plus wakers
// (for happens-before), and whether the property is violated at its end.
struct Replayed {
  std::vector<ThreadId> threads;
  std::vector<Operation> ops;
  std::vector<Wakers> wakers;
  uint32_t preemptions = 0;
  bool violated = false;
  Violation violation;  // the first violation of the property
};

Replayed ReplayAll(System& sys, const std::vector<ScheduleStep>& schedule, const std::string& property) {
  Replayed r;
  sys.Restart();
  for (const ScheduleStep& s : schedule) {
    if (s.thread >= sys.NumThreads() || sys.NextOp(s.thread) == nullptr) return r;
    const ThreadId previous = r.threads.empty() ? kNoThread : r.threads.back();
    if (previous != kNoThread && previous != s.thread && sys.NextOp(previous) != nullptr) ++r.preemptions;
    StepInfo info;
    sys.Execute(s.thread, s.choice, &info);
    r.threads.push_back(s.thread);
    r.ops.push_back(info.op);
    r.wakers.push_back(info.wakers);
  }
  if (!sys.AnyCanMove()) {
    EndKind kind;
    sys.End(&kind);
  }
  for (const Violation& v : sys.Violations()) {
    if (v.property != property || r.violated) continue;
    r.violated = true;
    r.violation = v;
  }
  return r;
}

// Keeps only the steps that happen before the last one (its causal past).
std::vector<ScheduleStep> CausalPast(const Replayed& r, const std::vector<ScheduleStep>& schedule) {
  const size_t n = r.threads.size();
  std::vector<bool> keep(n, false);
  if (n == 0) return schedule;
  keep[n - 1] = true;
  for (size_t j = n; j-- > 0;) {
    if (!keep[j]) continue;
    for (size_t i = 0; i < j; ++i) {
      const bool wakes = std::find(r.wakers[j].begin(), r.wakers[j].end(), i) != r.wakers[j].end();
      if (r.threads[i] == r.threads[j] || Dependent(r.ops[i], r.ops[j]) || wakes) keep[i] = true;
    }
  }
  std::vector<ScheduleStep> out;
  for (size_t i = 0; i < n; ++i) {
    if (keep[i]) out.push_back(schedule[i]);
  }
  return out;
}

}  // namespace

MinimizeResult MinimizeCounterexample(System& system, const Counterexample& found, const MinimizeOptions& options) {
  MinimizeResult result;
  result.counterexample = found;
  const std::string& property = found.violation.property;
  uint64_t used = 0;
  for (uint32_t bound = 0; bound <= found.preemptions; ++bound) {
    BoundedSearch search(system, property, bound, options.budget - used, options.max_steps);
    const bool complete = search.Run();
    used += search.executions();
    result.executions = used;
    if (search.found()) {
      result.counterexample.schedule = search.best();
      result.counterexample.preemptions = ReplayAll(system, search.best(), property).preemptions;
      result.proven_lower_bound = bound;
      result.minimal = true;
      break;
    }
    if (!complete) break;  // out of budget: fewer than `bound` is what was proven
    result.proven_lower_bound = bound + 1;
  }
  // Slice to the causal past of the violating (last) step; keep the slice
  // only if it still violates the property (a deadlock or an end check needs
  // the whole execution) and needs no more preemptions.
  Counterexample& best = result.counterexample;
  Replayed replayed = ReplayAll(system, best.schedule, property);
  if (replayed.violated && replayed.threads.size() == best.schedule.size()) {
    std::vector<ScheduleStep> sliced = CausalPast(replayed, best.schedule);
    if (sliced.size() < best.schedule.size()) {
      Replayed again = ReplayAll(system, sliced, property);
      if (again.violated && again.preemptions <= best.preemptions) {
        best.schedule = std::move(sliced);
        best.preemptions = again.preemptions;
        replayed = std::move(again);
      }
    }
  }
  // The message describes the execution we report, not the one DPOR found.
  if (replayed.violated) best.violation = replayed.violation;
  result.minimal = result.proven_lower_bound >= best.preemptions;
  return result;
}

std::string DescribeMinimality(const MinimizeResult& r) {
  const uint32_t k = r.counterexample.preemptions;
  if (r.minimal) return "proven minimal: no counterexample has fewer preemptions";
  if (r.proven_lower_bound == 0) return "not proven minimal: the bounded search ran out of budget";
  return absl::StrCat("no counterexample has fewer than ", r.proven_lower_bound, " preemption",
                      r.proven_lower_bound == 1 ? "" : "s", "; whether one has fewer than ", k,
                      " is not proven (the bounded search ran out of budget)");
}

}  // namespace lockstep
