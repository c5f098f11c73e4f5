// cas_counter(N): N threads each increment a counter once with the usual
// compare-and-swap loop (atomic_inc on architectures without one):
//
//   old = load(count)
//   while ((seen = CAS(count, old -> old+1)) != old) old = seen
//
// A CAS fails exactly when another thread's CAS succeeded since this thread
// last read the counter; a failed CAS is a retry that changed nothing.
#include "absl/strings/str_cat.h"
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> cas_increment(Atomic<int>& count) {
  int old = co_await count.load();
  for (;;) {
    const int seen = co_await count.compare_exchange(old, old + 1);
    if (seen == old) break;
    old = seen;
  }
}

}  // namespace

Benchmark CasCounterBenchmark() {
  ModelSpec m;
  m.name = "cas_counter";
  m.summary = "N threads increment a counter with a compare-and-swap retry loop";
  m.switches = {SizeSwitch(2, 16, 4, "N: threads")};
  m.variants = {{"default", "load, then CAS until it succeeds", {}}};
  m.properties = {{"no-lost-update", "at the end, count == N"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& count = rt.Make<Atomic<int>>("count");
    const int n = static_cast<int>(s["size"]);
    for (int t = 0; t < n; ++t) spawn({"thread", t}, cas_increment(count));
    rt.AtEnd("no-lost-update", [&count, n]() -> std::optional<std::string> {
      if (count.peek() == n) return std::nullopt;
      return absl::StrCat("count is ", count.peek(), " after ", n, " increments");
    });
  };
  return {m, 4};
}

LOCKSTEP_REGISTER_BENCHMARK(CasCounterBenchmark);

}  // namespace lockstep::bench
