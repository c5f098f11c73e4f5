// lockinc(N): N threads each take one mutex, increment a counter and release
// it. Not from a paper: the smallest program where lock contention is all
// there is. With only lock acquisitions as events the critical sections
// are ordered in N! ways: N! executions.
#include "absl/strings/str_cat.h"
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

struct Counter {
  Mutex lock{"lock"};
  Atomic<int> count{"count"};
};

Task<void> lock_increment_unlock(Counter& c) {
  co_await c.lock.lock();
  const int v = co_await c.count.load();
  co_await c.count.store(v + 1);
  co_await c.lock.unlock();
}

}  // namespace

Benchmark LockincBenchmark() {
  ModelSpec m;
  m.name = "lockinc";
  m.summary = "N threads: lock, increment a counter, unlock";
  m.switches = {SizeSwitch(2, 16, 6, "N: threads")};
  m.variants = {{"default", "one mutex, load and store under it", {}}};
  m.properties = {{"no-lost-update", "at the end, count == N"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Counter& c = rt.Make<Counter>();
    const int n = static_cast<int>(s["size"]);
    for (int t = 0; t < n; ++t) spawn({"thread", t}, lock_increment_unlock(c));
    rt.AtEnd("no-lost-update", [&c, n]() -> std::optional<std::string> {
      if (c.count.peek() == n) return std::nullopt;
      return absl::StrCat("count is ", c.count.peek(), " after ", n, " increments");
    });
  };
  return {m, 6};
}

LOCKSTEP_REGISTER_BENCHMARK(LockincBenchmark);

}  // namespace lockstep::bench
