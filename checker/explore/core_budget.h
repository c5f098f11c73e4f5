// CoreBudget: how many threads may explore at once across explorations that
// run side by side (compare's variants). A variant's exploration hands work
// to its job pool only while a core is free, so the cores the finished
// variants leave go to those still running.
#pragma once

#include <atomic>

namespace lockstep {

class CoreBudget {
 public:
  explicit CoreBudget(int cores) : free_(cores) {}
  bool TryTake() {
    int f = free_.load(std::memory_order_relaxed);
    while (f > 0) {
      if (free_.compare_exchange_weak(f, f - 1, std::memory_order_acquire)) return true;
    }
    return false;
  }
  void Give() { free_.fetch_add(1, std::memory_order_release); }
  bool Available() const { return free_.load(std::memory_order_relaxed) > 0; }

 private:
  std::atomic<int> free_;
};

}  // namespace lockstep
