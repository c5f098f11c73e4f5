// Recorder: the bookkeeping every strategy shares. It executes steps on the
// System, numbers events per thread, counts preemptions, keeps the first
// counterexample of each property and the statistics, and calls the observer.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "checker/core/system.h"
#include "checker/explore/event.h"
#include "checker/explore/options.h"

namespace lockstep {

class Recorder {
 public:
  Recorder(System& system, const ExploreOptions& options);
  // If the exploration is left by an exception, hands what it found so far to
  // ExploreOptions::partial.
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Starts a new execution.
  void Restart();
  // Starts a new execution that repeats the first n events of the current
  // one: runs them again on the system, checking that the model does the
  // same, and keeps their records (they are the same in every replay).
  void Rewind(size_t n);
  // Executes the thread's next operation; `expected`, when given, is what a
  // replayed or planned step must be (a mismatch means the model is
  // nondeterministic). Returns the new event.
  const Event& Step(ThreadId t, int64_t choice, const Operation* expected = nullptr);
  // Ends a maximal execution (no thread can move).
  void End();
  // End the current execution without running it to its end.
  void CountSleepSetBlocked() { ++result_.stats.sleep_set_blocked, EndWithoutRunning(); }
  void CountBounded() { ++result_.stats.bounded, EndWithoutRunning(); }
  // A branch not taken from the current state because it exceeds the bound;
  // the current execution goes on.
  void CountBoundedBranch() { ++result_.stats.executions, ++result_.stats.bounded; }
  // An execution that reached ExploreOptions::max_steps: the exploration stops.
  void ExceededMaxSteps();
  // The current execution was only a prefix to stand on (its end was explored
  // elsewhere): it is not counted.
  void Abandon() { in_execution_ = false; }
  // Counts what a subtree explored elsewhere found (a parallel job), as if it
  // had been explored here.
  void Absorb(const ExploreResult& subtree);
  void UncountEvents(uint64_t n) { result_.stats.events -= n; }
  uint64_t executions() const { return result_.stats.executions; }

  // The events of the current execution so far.
  const std::vector<Event>& events() const { return events_; }
  System& system() { return system_; }
  // Whether exploring should stop: a violation with stop_at_first_violation,
  // an interrupt, or a limit (the reason is in the result).
  bool ShouldStop();
  bool WouldPreempt(ThreadId t) const;
  // Would running t next exceed ExploreOptions::preemption_bound?
  bool ExceedsPreemptionBound(ThreadId t) const {
    return options_.preemption_bound >= 0 && WouldPreempt(t) &&
           Preemptions() + 1 > static_cast<uint32_t>(options_.preemption_bound);
  }
  uint32_t Preemptions() const { return events_.empty() ? 0 : events_.back().preemptions; }
  void SetLimit(std::string why) {
    if (result_.limit.empty()) result_.limit = std::move(why);
  }
  // The result; an execution still under way counts as `stopped`. The limit
  // says how many executions the preemption bound cut, unless this was only
  // a subtree (a parallel job) of the exploration.
  enum class Scope { kWhole, kSubtree };
  ExploreResult Finish(Scope scope = Scope::kWhole);

 private:
  // Runs recorded event k again (Rewind).
  void Redo(size_t k);
  [[noreturn]] void ThrowNondeterministic(size_t step, ThreadId t, const Operation* expected,
                                          const Operation* next) const;
  void EndWithoutRunning() { ++result_.stats.executions, in_execution_ = false; }
  void CollectViolations();
  // Whether a counterexample of this property is kept already (only the first is).
  bool Found(const std::string& property) const;
  void ReportProgress();
  void Settle(Scope scope = Scope::kWhole);

  System& system_;
  const ExploreOptions& options_;
  ExploreResult result_;
  std::vector<Event> events_;
  std::vector<uint32_t> thread_seq_;
  StepInfo step_;  // what the system says of a step, reused
  size_t violations_seen_ = 0;
  bool found_ = false;
  bool in_execution_ = false;
  bool finished_ = false;
  uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_progress_;
};

}  // namespace lockstep
