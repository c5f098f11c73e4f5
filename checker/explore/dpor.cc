// The DPOR loop. Read Run() first: execute until no thread can move, then
// backtrack to the deepest node with a planned (wakeup tree) branch, replay
// the prefix from scratch, and continue. Races are found as each event runs
// (ObserveEvent) and reversed into the wakeup tree of the node before the
// first event of the race (ReverseRace).
//
// With jobs > 1 the same loop runs on several threads: an explorer hands a
// planned branch it will reach later to an idle thread (Speculate) and, on
// reaching it, uses that result if the branch is still exactly what it handed
// out (UseSpeculated). A job explores one branch below a node it does not own;
// what it plans at that node or above goes back as edits (Offer).
#include "checker/explore/dpor.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "checker/core/clock_table.h"
#include "checker/core/recycling_stack.h"
#include "checker/explore/job.h"
#include "checker/explore/job_pool.h"
#include "checker/explore/location_table.h"
#include "checker/explore/recorder.h"
#include "checker/explore/wakeup_tree.h"

namespace lockstep {
namespace {

class Dpor {
 public:
  Dpor(System& system, const ExploreOptions& options, JobPool* pool = nullptr,
       std::shared_ptr<JobSlot> self = nullptr)
      : rec_(system, options), options_(options), pool_of_jobs_(pool), self_(std::move(self)) {}

  ExploreResult Run() {
    stack_.clear();
    stack_.emplace_back();
    StartExecution();
    Explore();
    return rec_.Finish();
  }

  // Explores one job: its branch's node and those above belong to whoever
  // published it.
  JobResult RunJob(const Job& job) {
    const size_t root = job.prefix.size();
    foreign_ = root + 1;
    stack_.clear();
    for (size_t i = 0; i <= root; ++i) stack_.emplace_back();
    StartExecution();
    for (size_t i = 0; i < root; ++i) {
      rec_.Step(job.prefix[i].thread, job.prefix[i].choice);
      ObserveEvent(static_cast<EventIndex>(i), /*detect_races=*/false);
    }
    stack_[root].sleep = job.sleep;
    stack_[root].pending.AddBranch(pool_, job.branch);
    Explore();
    JobResult out;
    if (events().size() > root) out.first = ToWu(root);
    out.edits = std::move(edits_);
    out.result = rec_.Finish(Recorder::Scope::kSubtree);
    return out;
  }

 private:
  void Explore() {
    do {
      RunToEnd();
      if (rec_.ShouldStop()) break;
      Speculate();
    } while (Backtrack());
  }

  // A planned branch handed to another thread; withdrawn unless used.
  struct Speculation {
    std::shared_ptr<JobSlot> slot;
    JobPool* pool = nullptr;
    WuEvent first;
    std::string sleep;  // Encode() of the node's sleep set as predicted
    Speculation(std::shared_ptr<JobSlot> s, JobPool* p, WuEvent f, std::string sl)
        : slot(std::move(s)), pool(p), first(std::move(f)), sleep(std::move(sl)) {}
    Speculation(Speculation&&) noexcept = default;
    Speculation& operator=(Speculation&&) noexcept = default;
    ~Speculation() {
      if (slot) pool->Withdraw(*slot);
    }
  };

  // stack_[i] is the state before event i of the current execution.
  struct Node {
    SleepSet sleep;        // explored (or known redundant) first events
    WakeupForest pending;  // planned branches not yet explored
    uint64_t choices_expanded = 0;  // threads whose choice alternatives are planned
    std::vector<Speculation> speculated;  // branches handed out (jobs > 1)
    void Clear() {
      sleep.Clear();
      pending = WakeupForest();
      choices_expanded = 0;
      speculated.clear();
    }
  };

  void StartExecution() {
    ForgetInterned(0);
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
      if (UseSpeculated(d)) {
        if (stack_[d].pending.empty() || rec_.ShouldStop()) return rec_.Abandon();
        continue;  // on to the node's next branch
      }
      WakeupForest subtree;
      if (!stack_[d].pending.empty()) {
        WakeupForest& pending = stack_[d].pending;
        const WuEvent& planned = pending.LeftmostEvent();
        if (rec_.ExceedsPreemptionBound(planned.thread)) {
          pending.PopLeftmost(&subtree);
          return rec_.CountBounded();
        }
        rec_.Step(planned.thread, planned.op.arg2, &planned.op);
        pending.PopLeftmost(&subtree);  // only now: `planned` lives in the pool
      } else if (PickFree(d, &free_)) {
        rec_.Step(free_.thread, free_.op.arg2);
      } else {
        return;  // ended, sleep-set blocked or bounded: counted by PickFree
      }
      const Event& e = events()[d];
      ObserveEvent(d, /*detect_races=*/true);
      ExpandChoice(d, e);
      Node& child = stack_.emplace_back();
      if (!stack_[d].sleep.empty()) stack_[d].sleep.After(e.thread, e.op, &child.sleep);
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
    if (e.op.kind == OpKind::kChoose) ExpandChoiceAt(d, ToWu(d));
  }

  void ExpandChoiceAt(size_t d, const WuEvent& e) {
    if (d < foreign_) return edits_.push_back(NodeEdit{NodeEdit::Kind::kExpandChoice, uint32_t(d), {e}});
    Node& n = stack_[d];
    const uint64_t bit = uint64_t{1} << e.thread;
    if (n.choices_expanded & bit) return;
    n.choices_expanded |= bit;
    for (int64_t v = 0; v < e.op.arg; ++v) {
      if (v == e.op.arg2) continue;
      WuEvent alt = e;
      alt.op.arg2 = v;
      plan_.assign(1, std::move(alt));
      InsertUnlessAsleep(n, plan_);
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
      const LocationAccesses& loc = locations_[e.op.location];
      if (access == Access::kWrite) {
        const auto reads = loc.ReadsSinceWrite();
        for (auto it = reads.rbegin(); it != reads.rend(); ++it) Visit(*it, e, detect_races);
      }
      if (!loc.writes.empty()) {
        if (detect_races && MayWait(e.op.kind)) FindWaitingRace(loc.writes, e.thread, e.op);
        Visit(loc.writes.back(), e, detect_races && !MayWait(e.op.kind));
      }
      locations_.Add(loc, j, access == Access::kWrite);
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
  // i), then `last`, at the node before i, unless its sleep set blocks it; a
  // node this explorer does not own gets it as an edit. Most such sequences
  // are asleep: that is tested on the events in place (PlannedView), before
  // any is interned. `last` is event `end` moved, or a blocked operation
  // when `end` is past the execution.
  void Plan(EventIndex i, WuEvent last, size_t end = ~size_t{0}) {
    const Event& first = events()[i];
    const size_t moved = end;
    end = std::min(end, events().size());
    planned_.clear();
    for (EventIndex k = i + 1; k < end; ++k) {
      if (!clocks_.Covers(k, first.thread, first.seq)) planned_.push_back(k);
    }
    const bool mine = i >= foreign_;
    if (mine && stack_[i].sleep.Blocks(PlannedView{events(), planned_, last})) return;
    if (!mine) {
      plan_.clear();
      for (EventIndex k : planned_) plan_.push_back(ToWu(k));
      plan_.push_back(std::move(last));
      return edits_.push_back(NodeEdit{NodeEdit::Kind::kPlan, uint32_t(i), plan_});
    }
    interned_plan_.clear();
    for (EventIndex k : planned_) interned_plan_.push_back(Interned(k));
    const bool as_executed = moved < events().size() && last.op.read_only == events()[moved].op.read_only;
    interned_plan_.push_back(as_executed ? Interned(static_cast<EventIndex>(moved))
                                         : pool_.Intern(std::move(last)));
    InsertAwake(stack_[i], interned_plan_);
  }

  // The pool id of event k of this execution, with a reference for the
  // caller. The same event is planned in many sequences, and the prefix's
  // events are the same in every replay: each is interned once, and the id
  // kept until the event is replaced.
  WuPool::EventId Interned(EventIndex k) {
    if (k >= interned_.size()) interned_.resize(k + 1, WuPool::kNone);
    WuPool::EventId& id = interned_[k];
    if (id == WuPool::kNone) id = pool_.Intern(ToWu(k));
    pool_.Retain(id);
    return id;
  }

  // Events from `from` on are about to be replaced.
  void ForgetInterned(size_t from) {
    for (size_t k = from; k < interned_.size(); ++k) {
      if (interned_[k] != WuPool::kNone) pool_.Release(interned_[k]);
    }
    if (from < interned_.size()) interned_.resize(from);
  }

  // notdep(i) as indices into this execution's events, then the moved event.
  struct PlannedView {
    const std::vector<Event>& events;
    const std::vector<EventIndex>& indices;
    const WuEvent& last;
    size_t size() const { return indices.size() + 1; }
    ThreadId thread(size_t k) const { return k < indices.size() ? events[indices[k]].thread : last.thread; }
    const Operation& op(size_t k) const { return k < indices.size() ? events[indices[k]].op : last.op; }
    bool WokenBy(size_t k, size_t j) const {  // j < k
      if (k < indices.size()) {
        const Wakers& wakers = events[indices[k]].wakers;
        return std::find(wakers.begin(), wakers.end(), indices[j]) != wakers.end();
      }
      const Event& e = events[indices[j]];
      return std::find(last.wakers.begin(), last.wakers.end(), std::pair(e.thread, e.seq)) != last.wakers.end();
    }
  };

  // Plans v at node d unless its sleep set blocks it; a node this explorer
  // does not own gets it as an edit.
  void Offer(size_t d, Sequence& v) {
    if (d < foreign_) return edits_.push_back(NodeEdit{NodeEdit::Kind::kPlan, uint32_t(d), v});
    InsertUnlessAsleep(stack_[d], v);
  }

  void InsertUnlessAsleep(Node& n, Sequence& v) {
    if (n.sleep.Blocks(v)) return;
    interned_plan_.clear();
    for (WuEvent& e : v) interned_plan_.push_back(pool_.Intern(std::move(e)));
    InsertAwake(n, interned_plan_);
  }

  // Inserts v, known not to be asleep, into n's wakeup tree. A branch that
  // changes after it was handed out is withdrawn at once: its result could
  // not be used.
  void InsertAwake(Node& n, InternedSequence& v) {
    const WuEvent* changed = n.pending.Insert(pool_, v);
    if (changed == nullptr || n.speculated.empty()) return;
    const auto stale = Speculated(n, *changed);
    if (stale == n.speculated.end()) return;
    n.speculated.erase(stale);
    LearnFromSpeculation(/*used=*/false);
  }

  uint32_t NextSeq(ThreadId t) const { return clocks_.EventsOf(t); }

  WuEvent ToWu(EventIndex k) const {
    const Event& e = events()[k];
    WuEvent w(e.thread, e.seq, e.op);
    for (EventIndex i : e.wakers) w.wakers.emplace_back(events()[i].thread, events()[i].seq);
    return w;
  }

  // Pops finished nodes; at the deepest node with a planned branch, puts the
  // branch just explored to sleep and replays the prefix before it. Returns
  // false when everything has been explored.
  bool Backtrack() {
    while (stack_.size() > std::max<size_t>(foreign_, 1)) {
      stack_.pop_back();
      const size_t d = stack_.size() - 1;
      // A node with nothing planned is popped next: its sleep set is never
      // read again, and adding to it would cost a copy (and, at a node
      // reached for the first time, an allocation) per popped node.
      if (stack_[d].pending.empty()) continue;
      stack_[d].sleep.Add(ToWu(d));
      Replay(d);
      return true;
    }
    return false;
  }

  // When a thread is idle, hands it the leftmost planned branch of the
  // shallowest node that has one, as that node will see it once its current
  // branch is done: that branch's first event asleep. Only from the upper
  // half of the stack, and not after every execution: a job costs a message
  // and a replay, so it should stand for more work than that.
  void Speculate() {
    if (pool_of_jobs_ == nullptr || rec_.executions() < next_speculation_ || !pool_of_jobs_->Hungry()) return;
    next_speculation_ = rec_.executions() + speculation_gap_;
    for (size_t k = foreign_; k < (foreign_ + stack_.size()) / 2; ++k) {
      Node& n = stack_[k];
      if (n.pending.empty() || Speculated(n, n.pending.LeftmostEvent()) != n.speculated.end()) continue;
      SleepSet sleep = n.sleep;
      sleep.Add(ToWu(k));
      std::string sleep_key = Encode(sleep);
      WuNode branch = n.pending.Leftmost();
      WuEvent first = branch.event;
      std::string job = Encode(Job{ScheduleOf({events().data(), k}), std::move(sleep), std::move(branch)});
      n.speculated.emplace_back(pool_of_jobs_->Publish(std::move(job), self_), pool_of_jobs_, std::move(first),
                                std::move(sleep_key));
      return;
    }
  }

  // Where branches keep changing after they are handed out (most jobs
  // withdrawn), hand-outs cost a message and a replay each for nothing: the
  // gap between them doubles after each job that goes unused and halves
  // after each one used.
  void LearnFromSpeculation(bool used) {
    speculation_gap_ = used ? std::max(kMinSpeculationGap, speculation_gap_ / 2)
                            : std::min(kMaxSpeculationGap, speculation_gap_ * 2);
  }

  static std::vector<Speculation>::iterator Speculated(Node& n, const WuEvent& first) {
    return std::find_if(n.speculated.begin(), n.speculated.end(), [&](const Speculation& s) {
      return s.first.thread == first.thread && s.first.seq == first.seq && s.first.op.arg2 == first.op.arg2;
    });
  }

  // At node d, about to take its leftmost planned branch: if it was handed
  // out and is still exactly what was handed out, takes the job's result
  // instead of exploring it, as if explored here.
  bool UseSpeculated(size_t d) {
    if (pool_of_jobs_ == nullptr) return false;
    Node& n = stack_[d];
    if (n.speculated.empty() || n.pending.empty()) return false;
    const WuEvent& next = n.pending.LeftmostEvent();
    const auto it = Speculated(n, next);
    // A branch cut by the preemption bound ends its node's exploration here.
    if (it == n.speculated.end() || rec_.ExceedsPreemptionBound(next.thread)) return false;
    Speculation s = std::move(*it);
    n.speculated.erase(it);
    // The branch is what was handed out: any insertion into it withdrew the
    // job (InsertUnlessAsleep), and the prefix is this node's. The sleep set
    // was predicted: check it.
    if (Encode(n.sleep) != s.sleep) {
      LearnFromSpeculation(/*used=*/false);
      return false;
    }
    if (!pool_of_jobs_->Await(s.slot, options_.interrupt)) return false;
    JobResult r = DecodeJobResult(std::exchange(s.slot, nullptr)->result);
    if (options_.max_executions != 0 && rec_.executions() + r.result.stats.executions > options_.max_executions) {
      return false;  // the limit falls inside: explore it here to stop where the sequential run stops
    }
    LearnFromSpeculation(/*used=*/true);
    WakeupForest taken;
    n.pending.PopLeftmost(&taken);
    for (NodeEdit& e : r.edits) {
      if (e.kind == NodeEdit::Kind::kPlan) {
        Offer(e.depth, e.sequence);
      } else {
        ExpandChoiceAt(e.depth, e.sequence.front());
      }
    }
    stack_[d].sleep.Add(r.first);
    rec_.Absorb(r.result);
    // The job replayed the d events before its branch, as this explorer did
    // already; after the branch, a sequential run replays them again only to
    // take another branch of this node.
    if (stack_[d].pending.empty() || rec_.ShouldStop()) rec_.UncountEvents(d);
    return true;
  }

  // The prefix's events, clocks and accesses are the same in every replay:
  // they are kept, and only the model is run again up to node d.
  void Replay(size_t d) {
    ForgetInterned(d);
    locations_.Truncate(d);
    clocks_.Truncate(d);
    rec_.Rewind(d);
  }

  const std::vector<Event>& events() const { return rec_.events(); }

  // Executions between hand-outs (LearnFromSpeculation).
  static constexpr uint64_t kMinSpeculationGap = 8;
  static constexpr uint64_t kMaxSpeculationGap = 4096;

  Recorder rec_;
  const ExploreOptions& options_;
  WuPool pool_;  // every wakeup tree's nodes; outlives stack_
  RecyclingStack<Node> stack_;
  ClockTable clocks_;  // of every event and every thread
  LocationTable locations_;
  std::vector<EventIndex> races_;
  std::vector<WuPool::EventId> interned_;  // per event of this execution (Interned)
  // Reused buffers, so that the loop allocates nothing once they have grown.
  Sequence plan_;  // a sequence to plan, as events
  InternedSequence interned_plan_;  // and as it is inserted
  std::vector<EventIndex> planned_;  // Plan()'s events of this execution, before they are interned
  WuEvent free_;   // what PickFree() picks
  JobPool* pool_of_jobs_ = nullptr;  // with jobs > 1
  std::shared_ptr<JobSlot> self_;    // the job being explored (null: the whole exploration)
  size_t foreign_ = 0;               // nodes [0, foreign_) belong to the job's publisher
  std::vector<NodeEdit> edits_;      // what this job planned at those nodes, in order
  uint64_t next_speculation_ = 0;    // executions before the next hand-out
  uint64_t speculation_gap_ = kMinSpeculationGap;
};

}  // namespace

ExploreResult ExploreDpor(System& system, const ExploreOptions& options) {
  if (options.jobs <= 1) return Dpor(system, options).Run();
  ExploreOptions job_options = options;
  job_options.progress = nullptr;
  job_options.observer = nullptr;
  job_options.partial = nullptr;
  job_options.max_executions = 0;
  JobPool* pool_of_jobs = nullptr;  // set once built; jobs are published only after
  JobPool pool(
      options.jobs - 1, options.make_system,
      [&](System& worker, const std::shared_ptr<JobSlot>& slot) {
        ExploreOptions o = job_options;
        o.interrupt = &slot->cancel;
        return Encode(Dpor(worker, o, pool_of_jobs, slot).RunJob(DecodeJob(slot->job)));
      },
      options.cores);
  pool_of_jobs = &pool;
  ExploreResult r;
  {
    Dpor dpor(system, options, &pool);
    r = dpor.Run();
  }
  r.parallel = pool.stats();
  r.parallel.threads = options.jobs;
  return r;
}

}  // namespace lockstep
