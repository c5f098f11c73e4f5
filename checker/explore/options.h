// What a caller asks of an exploration, and what it gets back.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checker/core/violation.h"
#include "checker/explore/event.h"

namespace lockstep {

struct Progress {
  uint64_t executions = 0;
  uint64_t events = 0;
  double seconds = 0;
};

struct ExploreResult;
class CoreBudget;

// Makes a fresh System of the same model (one per worker thread).
using SystemFactory = std::function<std::unique_ptr<System>()>;

struct ExploreOptions {
  uint64_t max_executions = 0;      // 0: no limit
  int preemption_bound = -1;        // -1: no bound
  uint32_t max_steps = 20000;       // events in one execution before we call it a livelock
  bool stop_at_first_violation = true;
  // Polled between steps: once it holds a signal number, the exploration
  // stops and its limit says it was interrupted (the CLI's SIGINT/SIGTERM).
  const std::atomic<int>* interrupt = nullptr;
  // When the exploration ends by an exception (std::bad_alloc), what it had
  // found so far is moved here before the exception leaves it.
  ExploreResult* partial = nullptr;
  std::function<void(const Progress&)> progress;  // called about once a second
  ExecutionObserver observer;                     // called after every maximal execution
  // Threads exploring at once (1: sequential). More need make_system and no
  // observer; the result is the sequential one (DPOR only).
  int jobs = 1;
  SystemFactory make_system;
  // Shared with explorations running beside this one: its job threads run
  // only while the budget has a core free. Null: they always may.
  CoreBudget* cores = nullptr;
};

struct Counterexample {
  Violation violation;
  std::vector<ScheduleStep> schedule;  // replays the execution up to the violation
  uint32_t preemptions = 0;
};

struct ExploreStats {
  uint64_t executions = 0;         // maximal executions explored (all kinds below)
  uint64_t complete = 0;           // every thread finished
  uint64_t deadlocked = 0;
  uint64_t assume_blocked = 0;     // pruned by assume()
  uint64_t sleep_set_blocked = 0;  // redundant executions: 0 for optimal DPOR
  uint64_t bounded = 0;            // cut by the preemption bound
  uint64_t stopped = 0;            // under way when the exploration stopped early
  uint64_t events = 0;             // events executed, replay included
  double seconds = 0;
};

struct ExploreResult {
  ExploreStats stats;
  std::vector<Counterexample> violations;  // the first one found for each property
  // Empty when the exploration was exhaustive; otherwise why it was not.
  std::string limit;
  bool interrupted = false;  // ExploreOptions::interrupt stopped it
  // With jobs > 1: subtrees handed to other threads, those whose result was
  // used, and those explored again because their branch had changed.
  struct Parallel {
    int threads = 1;
    uint64_t published = 0, used = 0, withdrawn = 0;
  } parallel;
};

}  // namespace lockstep
