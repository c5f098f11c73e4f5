// The DPOR loop. Read Run() first: execute until no thread can move, then
// backtrack to the deepest node with a planned (wakeup tree) branch, replay
// the prefix from scratch, and continue. Races are found as each event runs
// (ObserveEvent) and reversed into the wakeup tree of the node before the
// first event of the race (ReverseRace).
#include "checker/explore/dpor.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "checker/core/clock_table.h"
#include "checker/explore/location_table.h"
#include "checker/explore/recorder.h"
#include "checker/explore/recycling_stack.h"
#include "checker/explore/wakeup_tree.h"

namespace lockstep {
namespace {

class Dpor {
 public:
  Dpor(System& system, const ExploreOptions& options) : rec_(system, options), options_(options) {}

  ExploreResult Run() {
    stack_.clear();
    stack_.emplace_back();
    StartExecution();
    do {
      RunToEnd();
      if (rec_.ShouldStop()) break;
    } while (Backtrack());
    return rec_.Finish();
  }

 private:
  // stack_[i] is the state before event i of the current execution.
  struct Node {
    SleepSet sleep;        // explored (or known redundant) first events
    WakeupForest pending;  // planned branches not yet explored
    uint64_t choices_expanded = 0;  // threads whose choice alternatives are planned
    void Clear() {
      sleep.Clear();
      pending = WakeupForest();
      choices_expanded = 0;
    }
  };

  void StartExecution() {
    rec_.Restart();
    clocks_.Clear();
    locations_.Clear();
  }

  // Extends the current execution until no thread can move.
  void RunToEnd() {
    while (true) {
      const size_t d = events().size();
      if (d >= options_.max_steps) {
        return rec_.ExceededMaxSteps();
      }
      WuEvent next;
      WakeupForest subtree;
      if (!stack_[d].pending.empty()) {
        next = stack_[d].pending.PopLeftmost(&subtree);
        if (rec_.ExceedsPreemptionBound(next.thread)) return rec_.CountBounded();
      } else if (!PickFree(d, &next)) {
        return;  // ended, sleep-set blocked or bounded: counted by PickFree
      }
      const Event& e = rec_.Step(next.thread, next.op.arg2, next.seq == kFree ? nullptr : &next.op);
      ObserveEvent(d, /*detect_races=*/true);
      ExpandChoice(d, e);
      Node& child = stack_.emplace_back();
      if (!stack_[d].sleep.empty()) stack_[d].sleep.After(ToWu(d), &child.sleep);
      child.pending = std::move(subtree);
      if (rec_.ShouldStop()) return;
    }
  }

  // Free choice at a node without a plan: the thread that ran last if it can
  // (fewer preemptions), else the lowest-numbered one not asleep.
  bool PickFree(size_t d, WuEvent* out) {
    System& sys = rec_.system();
    const ThreadId prev = d > 0 ? events()[d - 1].thread : kNoThread;
    bool any_enabled = false, bounded = false;
    for (int i = -1; i < sys.NumThreads(); ++i) {
      const ThreadId t = i < 0 ? prev : static_cast<ThreadId>(i);
      if (t == kNoThread || (i >= 0 && t == prev)) continue;
      const Operation* op = sys.NextOp(t);
      if (op == nullptr) continue;
      any_enabled = true;
      int64_t value = 0;
      if (op->kind == OpKind::kChoose) {
        while (value < op->arg && stack_[d].sleep.Contains(t, *op, value)) ++value;
        if (value == op->arg) continue;
      } else if (stack_[d].sleep.Contains(t, *op, 0)) {
        continue;
      }
      if (rec_.ExceedsPreemptionBound(t)) {
        bounded = true;
        continue;
      }
      out->thread = t;
      out->seq = kFree;
      out->op = *op;
      out->op.arg2 = value;
      return true;
    }
    if (!any_enabled) {
      ReverseBlockedRaces();
      rec_.End();
    } else if (bounded) {
      rec_.CountBounded();
    } else {
      rec_.CountSleepSetBlocked();
    }
    return false;
  }

  // Every value of a choice is explored at the node where the choice is made.
  void ExpandChoice(size_t d, const Event& e) {
    if (e.op.kind != OpKind::kChoose) return;
    Node& n = stack_[d];
    const uint64_t bit = uint64_t{1} << e.thread;
    if (n.choices_expanded & bit) return;
    n.choices_expanded |= bit;
    for (int64_t v = 0; v < e.op.arg; ++v) {
      if (v == e.op.arg2) continue;
      WuEvent alt = ToWu(d);
      alt.op.arg2 = v;
      plan_.assign(1, std::move(alt));
      if (!n.sleep.Blocks(plan_)) n.pending.Insert(pool_, plan_);
    }
  }

  // Computes the vector clock of event j from its dependent predecessors and
  // wakers; with detect_races, reverses each race (i, j): i dependent with j,
  // of another thread, and happening before j with nothing in between.
  void ObserveEvent(EventIndex j, bool detect_races) {
    const Event& e = events()[j];
    clocks_.Begin(e.thread);
    for (EventIndex w : e.wakers) clocks_.Join(w);
    races_.clear();
    const Access access = e.op.access();
    if (access != Access::kLocal) {
      LocationAccesses& loc = locations_[e.op.location];
      if (access == Access::kWrite) {
        for (auto it = loc.reads.rbegin(); it != loc.reads.rend(); ++it) Visit(*it, e, detect_races);
        loc.reads.clear();
      }
      if (!loc.writes.empty()) {
        if (detect_races && MayWait(e.op.kind)) FindWaitingRace(loc.writes, e.thread, e.op);
        Visit(loc.writes.back(), e, detect_races && !MayWait(e.op.kind));
      }
      (access == Access::kWrite ? loc.writes : loc.reads).push_back(j);
    }
    clocks_.Commit(e.thread);
    for (EventIndex i : races_) ReverseRace(i, j);
  }

  // i is a dependent predecessor of e: e happens after it, and they race
  // unless i already happens before e.
  void Visit(EventIndex i, const Event& e, bool detect_races) {
    const Event& p = events()[i];
    if (detect_races && p.thread != e.thread && !clocks_.WorkCovers(p.thread, p.seq)) races_.push_back(i);
    clocks_.Join(i);
  }

  // An operation that waits (a lock()) races with the latest write to its
  // location before which it could have run: not with the unlock() it waited
  // for, but with the lock() that unlock ended. The working clock holds what
  // happens before j other than these writes; a write it already covers ends
  // the search.
  void FindWaitingRace(const std::vector<EventIndex>& writes, ThreadId t, const Operation& op) {
    for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
      const Event& w = events()[*it];
      if (w.thread == t || clocks_.WorkCovers(w.thread, w.seq)) return;
      if (rec_.system().CouldRunBefore(*it, t, op)) {
        races_.push_back(*it);
        return;
      }
    }
  }

  // At the end of an execution, a thread blocked for good (on a lock whose
  // holder never unlocks) has a next operation that never became an event, so
  // no race with it was seen. It races like an executed one would: with the
  // latest write to its location before which it could have run.
  void ReverseBlockedRaces() {
    System& sys = rec_.system();
    for (int i = 0; i < sys.NumThreads(); ++i) {
      const ThreadId t = static_cast<ThreadId>(i);
      const Operation* op = sys.BlockedOp(t);
      if (op == nullptr) continue;
      const LocationAccesses* loc = locations_.Find(op->location);
      if (loc == nullptr || loc->writes.empty()) continue;
      WuEvent blocked(t, NextSeq(t), *op);
      clocks_.Begin(t);
      for (EventIndex w : sys.NextWakers(t)) {
        clocks_.Join(w);
        blocked.wakers.emplace_back(events()[w].thread, events()[w].seq);
      }
      races_.clear();
      FindWaitingRace(loc->writes, t, *op);
      for (EventIndex r : races_) Plan(r, blocked);
    }
  }

  // Plans v = notdep(i).j at the node before i: the events after i that do
  // not happen after it, then j, so that j runs before i.
  // j moves before i, where it may behave differently: a cmpxchg that failed
  // after i may succeed before it, so its access is what it would be there.
  void ReverseRace(EventIndex i, EventIndex j) {
    WuEvent moved = ToWu(j);
    if (AccessOf(moved.op.kind) == Access::kWrite) {
      moved.op.read_only = rec_.system().ChangesNothingBefore(i, moved.thread, moved.op);
    }
    Plan(i, std::move(moved), j);
  }

  // Plans notdep(i) (the events from i up to `end` that do not happen after
  // i), then `last`, at the node before i.
  void Plan(EventIndex i, WuEvent last, size_t end = ~size_t{0}) {
    const Event& first = events()[i];
    end = std::min(end, events().size());
    plan_.clear();
    for (EventIndex k = i + 1; k < end; ++k) {
      if (!clocks_.Covers(k, first.thread, first.seq)) plan_.push_back(ToWu(k));
    }
    plan_.push_back(std::move(last));
    Node& n = stack_[i];
    if (!n.sleep.Blocks(plan_)) n.pending.Insert(pool_, plan_);
  }

  uint32_t NextSeq(ThreadId t) const { return clocks_.EventsOf(t); }

  WuEvent ToWu(EventIndex k) const {
    const Event& e = events()[k];
    WuEvent w(e.thread, e.seq, e.op);
    for (EventIndex i : e.wakers) w.wakers.emplace_back(events()[i].thread, events()[i].seq);
    return w;
  }

  // Pops finished nodes; at the deepest node with a planned branch, replays
  // the prefix before it. Returns false when everything has been explored.
  bool Backtrack() {
    while (stack_.size() > 1) {
      stack_.pop_back();
      const size_t d = stack_.size() - 1;
      stack_[d].sleep.Add(ToWu(d));
      if (!stack_[d].pending.empty()) {
        Replay(d);
        return true;
      }
    }
    return false;
  }

  void Replay(size_t d) {
    prefix_.clear();
    for (size_t i = 0; i < d; ++i) prefix_.emplace_back(events()[i].thread, events()[i].op);
    StartExecution();
    for (size_t i = 0; i < d; ++i) {
      rec_.Step(prefix_[i].first, prefix_[i].second.arg2, &prefix_[i].second);
      ObserveEvent(static_cast<EventIndex>(i), /*detect_races=*/false);
    }
  }

  const std::vector<Event>& events() const { return rec_.events(); }

  static constexpr uint32_t kFree = ~uint32_t{0};  // seq of a freely chosen event

  Recorder rec_;
  const ExploreOptions& options_;
  WuPool pool_;  // every wakeup tree's nodes; outlives stack_
  RecyclingStack<Node> stack_;
  ClockTable clocks_;  // of every event and every thread
  LocationTable locations_;
  std::vector<EventIndex> races_;
  // Reused buffers, so that the loop allocates nothing once they have grown.
  Sequence plan_;  // the sequence Plan() inserts
  std::vector<std::pair<ThreadId, Operation>> prefix_;  // what Replay() replays
};

}  // namespace

ExploreResult ExploreDpor(System& system, const ExploreOptions& options) {
  return Dpor(system, options).Run();
}

}  // namespace lockstep
