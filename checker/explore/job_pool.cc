#include "checker/explore/job_pool.h"

#include <algorithm>
#include <chrono>

namespace lockstep {

JobPool::JobPool(int threads, SystemFactory make_system, JobRunner run, CoreBudget* cores)
    : make_system_(std::move(make_system)), run_(std::move(run)), cores_(cores) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

JobPool::~JobPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (const auto& slot : queue_) slot->state = JobSlot::State::kWithdrawn;
    queue_.clear();
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

std::shared_ptr<JobSlot> JobPool::Publish(std::string job, std::shared_ptr<JobSlot> parent) {
  auto slot = std::make_shared<JobSlot>();
  slot->job = std::move(job);
  slot->parent = std::move(parent);
  {
    std::lock_guard lock(mu_);
    queue_.push_back(slot);
    queued_.fetch_add(1, std::memory_order_relaxed);
    ++stats_.published;
  }
  cv_.notify_all();
  return slot;
}

void JobPool::Withdraw(JobSlot& slot) {
  {
    std::lock_guard lock(mu_);
    if (slot.state == JobSlot::State::kWithdrawn) return;
    ++stats_.withdrawn;
    if (slot.state == JobSlot::State::kQueued) {
      Dequeue(slot);
    } else if (slot.state == JobSlot::State::kRunning) {
      slot.cancel.store(1, std::memory_order_relaxed);
    }
  }
  cv_.notify_all();  // a thread awaiting the slot's own jobs passes the cancel on
}

bool JobPool::Await(const std::shared_ptr<JobSlot>& slot, const std::atomic<int>* interrupt) {
  std::unique_lock lock(mu_);
  if (slot->state == JobSlot::State::kQueued) {
    Dequeue(*slot);
    ++stats_.withdrawn;
    return false;
  }
  while (slot->state == JobSlot::State::kRunning) {
    if (interrupt != nullptr && interrupt->load(std::memory_order_relaxed) != 0) {
      slot->cancel.store(1, std::memory_order_relaxed);
    }
    if (std::shared_ptr<JobSlot> help = TakeDescendantOf(slot.get())) {
      lock.unlock();
      const std::unique_ptr<System> system = make_system_();
      Run(help, *system);
      lock.lock();
      continue;
    }
    // Idle meanwhile: the running job may publish a branch for us to take.
    idle_.fetch_add(1, std::memory_order_relaxed);
    cv_.wait_for(lock, std::chrono::milliseconds(50));
    idle_.fetch_sub(1, std::memory_order_relaxed);
  }
  const bool usable = slot->state == JobSlot::State::kDone && slot->ok && slot->cancel.load() == 0;
  if (usable) ++stats_.used;
  return usable;
}

ExploreResult::Parallel JobPool::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void JobPool::Work() {
  std::unique_ptr<System> system;
  std::unique_lock lock(mu_);
  while (true) {
    idle_.fetch_add(1, std::memory_order_relaxed);
    // Another pool freeing a core does not notify this one: look again now and then.
    while (!stopping_ && !CanStart()) cv_.wait_for(lock, std::chrono::milliseconds(cores_ ? 10 : 1000));
    idle_.fetch_sub(1, std::memory_order_relaxed);
    if (stopping_) return;
    std::shared_ptr<JobSlot> slot = Take(queue_.begin());
    lock.unlock();
    if (!system) system = make_system_();
    Run(slot, *system);
    if (cores_ != nullptr) cores_->Give();
    lock.lock();
  }
}

bool JobPool::CanStart() { return !queue_.empty() && (cores_ == nullptr || cores_->TryTake()); }

// Runs a slot taken from the queue (its state is kRunning).
void JobPool::Run(const std::shared_ptr<JobSlot>& slot, System& system) {
  std::string result;
  bool ok = true;
  try {
    result = run_(system, slot);
  } catch (...) {
    ok = false;  // the explorer that reaches the branch explores it and meets the error itself
  }
  {
    std::lock_guard lock(mu_);
    slot->result = std::move(result);
    slot->ok = ok;
    slot->state = JobSlot::State::kDone;
  }
  cv_.notify_all();
}

std::shared_ptr<JobSlot> JobPool::TakeDescendantOf(const JobSlot* ancestor) {
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    for (const JobSlot* p = (*it)->parent.get(); p != nullptr; p = p->parent.get()) {
      if (p == ancestor) return Take(it);
    }
  }
  return nullptr;
}

std::shared_ptr<JobSlot> JobPool::Take(std::deque<std::shared_ptr<JobSlot>>::iterator it) {
  std::shared_ptr<JobSlot> slot = std::move(*it);
  queue_.erase(it);
  queued_.fetch_sub(1, std::memory_order_relaxed);
  slot->state = JobSlot::State::kRunning;
  return slot;
}

void JobPool::Dequeue(JobSlot& slot) {
  const auto it = std::find_if(queue_.begin(), queue_.end(), [&](const auto& s) { return s.get() == &slot; });
  if (it != queue_.end()) {
    queue_.erase(it);
    queued_.fetch_sub(1, std::memory_order_relaxed);
  }
  slot.state = JobSlot::State::kWithdrawn;
}

}  // namespace lockstep
