// fib_bench(N): SV-COMP's pthread/fib_bench, as adapted in "Optimal dynamic
// partial order reduction with observers" (TACAS 2018); C version in Nidhugg's
// benchmarks/from_OBSERVERS/fib_bench.c.
//
//   i = j = 1
//   t1:   N times: i = i + j           (loads i, then j, then stores i)
//   t2:   N times: j = j + i           (loads j, then i, then stores j)
//   main: starts t1 and t2, and without joining them
//         asserts i <= fib(2 + 2N) && j <= fib(2 + 2N)
//
// The size is the number of iterations, not of threads (3 threads).
// fib_bench(5): 218,243 executions.
#include "absl/strings/str_cat.h"
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

struct Shared {
  Atomic<int> i{"i", 1};
  Atomic<int> j{"j", 1};
};

// x = x + y, N times.
Task<void> add_loop(Atomic<int>& x, Atomic<int>& y, int n) {
  for (int k = 0; k < n; ++k) {
    const int a = co_await x.load();
    const int b = co_await y.load();
    co_await x.store(a + b);
  }
}

int fib(int n) {
  int cur = 1, prev = 0;
  while (n-- > 0) {
    const int next = prev + cur;
    prev = cur;
    cur = next;
  }
  return prev;
}

Task<void> main_thread(Shared& s, int n) {
  spawn("t1", add_loop(s.i, s.j, n));
  spawn("t2", add_loop(s.j, s.i, n));
  const int correct = fib(2 + 2 * n);
  const int i = co_await s.i.load();
  const int j = co_await s.j.load();
  check(i <= correct && j <= correct, "fib-bound",
        absl::StrCat("i = ", i, ", j = ", j, ": more than fib(2 + 2N) = ", correct));
}

}  // namespace

Benchmark FibBenchBenchmark() {
  ModelSpec m;
  m.name = "fib_bench";
  m.summary = "two threads add two variables into each other N times (SV-COMP, TACAS 2018)";
  m.switches = {SizeSwitch(1, 6, 5, "N: iterations of each thread's loop (3 threads)")};
  m.variants = {{"default", "as published", {}}};
  m.properties = {{"fib-bound", "main sees i and j at most fib(2 + 2N)"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Shared& shared = rt.Make<Shared>();
    spawn("main", main_thread(shared, static_cast<int>(s["size"])));
  };
  return {m, 5};
}

LOCKSTEP_REGISTER_BENCHMARK(FibBenchBenchmark);

}  // namespace lockstep::bench
