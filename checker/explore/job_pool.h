// JobPool: worker threads that explore speculative jobs (job.h).
//
// An explorer publishes a planned branch it will reach later; an idle worker
// explores it meanwhile. When the explorer reaches the branch, it uses the
// worker's result only if the branch and its node's sleep set are still
// exactly what was published (dpor.cc checks); otherwise it withdraws the job
// and explores the branch itself. Either way the outcome is the sequential
// one.
//
// Waiting for a job that is still running, a thread runs queued jobs that
// descend from it (published while exploring it) instead of idling: never
// any other job, so no two threads can wait for each other (leapfrogging,
// Wagner and Calder 1993).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "checker/core/system.h"
#include "checker/explore/core_budget.h"
#include "checker/explore/options.h"

namespace lockstep {

struct JobSlot {
  std::string job;                  // Encode(Job)
  std::shared_ptr<JobSlot> parent;  // the job whose exploration published it (null: the main one)
  std::atomic<int> cancel{0};       // the job's interrupt: set, it stops and its result is unused
  // Guarded by the pool's mutex.
  enum class State { kQueued, kRunning, kDone, kWithdrawn } state = State::kQueued;
  std::string result;  // Encode(JobResult) when done
  bool ok = false;     // done without an exception
};

// Explores slot.job on `system`; returns the encoded JobResult.
using JobRunner = std::function<std::string(System& system, const std::shared_ptr<JobSlot>& slot)>;

class JobPool {
 public:
  // `cores`, when given, is shared with other pools: a thread runs a job only
  // while it holds one of its cores.
  JobPool(int threads, SystemFactory make_system, JobRunner run, CoreBudget* cores = nullptr);
  ~JobPool();
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  // Would a published job start at once? (Cheap: explorers ask often.)
  bool Hungry() const {
    return idle_.load(std::memory_order_relaxed) > queued_.load(std::memory_order_relaxed) &&
           (cores_ == nullptr || cores_->Available());
  }
  std::shared_ptr<JobSlot> Publish(std::string job, std::shared_ptr<JobSlot> parent);
  // The explorer will not use the slot: a queued one never runs, a running one stops.
  void Withdraw(JobSlot& slot);
  // Waits for a published slot's result. False when there is none to use:
  // the slot had not started (it is withdrawn: exploring it here costs the
  // same), it failed, or `interrupt` fired.
  bool Await(const std::shared_ptr<JobSlot>& slot, const std::atomic<int>* interrupt);
  ExploreResult::Parallel stats() const;

 private:
  void Work();
  bool CanStart();  // mu_ held: a job is queued and a core is free (then taken)
  void Run(const std::shared_ptr<JobSlot>& slot, System& system);
  std::shared_ptr<JobSlot> TakeDescendantOf(const JobSlot* ancestor);  // mu_ held
  // Removes a queued slot to run it (mu_ held).
  std::shared_ptr<JobSlot> Take(std::deque<std::shared_ptr<JobSlot>>::iterator it);
  void Dequeue(JobSlot& slot);                                        // mu_ held

  SystemFactory make_system_;
  JobRunner run_;
  CoreBudget* cores_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<JobSlot>> queue_;
  bool stopping_ = false;
  ExploreResult::Parallel stats_;
  std::atomic<int> idle_{0};
  std::atomic<int> queued_{0};
  std::vector<std::thread> threads_;
};

}  // namespace lockstep
