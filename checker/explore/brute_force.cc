#include "checker/explore/brute_force.h"

#include <vector>

#include "checker/explore/recorder.h"

namespace lockstep {
namespace {

// Every step that can run now: each thread that can move, each choice value;
// with a preemption bound, only those that keep within it (`cut` counts the
// threads left out).
std::vector<ScheduleStep> Options(const System& sys, const Recorder& rec, int* cut) {
  std::vector<ScheduleStep> out;
  for (int t = 0; t < sys.NumThreads(); ++t) {
    const Operation* op = sys.NextOp(static_cast<ThreadId>(t));
    if (op == nullptr) continue;
    if (rec.ExceedsPreemptionBound(static_cast<ThreadId>(t))) {
      ++*cut;
      continue;
    }
    const int64_t values = op->kind == OpKind::kChoose ? op->arg : 1;
    for (int64_t v = 0; v < values; ++v) out.push_back({static_cast<ThreadId>(t), v});
  }
  return out;
}

}  // namespace

ExploreResult ExploreBruteForce(System& system, const ExploreOptions& options) {
  Recorder rec(system, options);
  struct Frame {
    std::vector<ScheduleStep> options;
    size_t next = 1;  // options[next - 1] is on the current path
  };
  std::vector<Frame> frames;  // frames[k] chose step k of the current execution
  while (true) {
    rec.Restart();
    for (const Frame& f : frames) rec.Step(f.options[f.next - 1].thread, f.options[f.next - 1].choice);
    bool cut = false;
    while (true) {
      int bounded = 0;
      std::vector<ScheduleStep> now = Options(system, rec, &bounded);
      // Each thread left out by the bound is a branch (at least one
      // execution) not explored, whether or not another thread can go on.
      for (int i = now.empty() ? 1 : 0; i < bounded; ++i) rec.CountBoundedBranch();
      if (now.empty()) {
        if (bounded > 0) {
          rec.CountBounded();
          cut = true;
        }
        break;
      }
      if (frames.size() >= options.max_steps) {
        rec.ExceededMaxSteps();
        cut = true;
        break;
      }
      frames.push_back(Frame{std::move(now), 1});
      rec.Step(frames.back().options[0].thread, frames.back().options[0].choice);
    }
    if (!cut) rec.End();
    if (rec.ShouldStop()) break;
    while (!frames.empty() && frames.back().next >= frames.back().options.size()) frames.pop_back();
    if (frames.empty()) break;
    ++frames.back().next;
  }
  return rec.Finish();
}

}  // namespace lockstep
