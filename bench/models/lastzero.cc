// lastzero(N): the example of "Source Sets: A Foundation for Optimal Dynamic
// Partial Order Reduction" (Abdulla, Aronis, Jonsson, Sagonas, JACM 2017);
// C version in Nidhugg's benchmarks/from_CONCUERROR/lastzero.c.
//
//   array[0..N] = 0
//   reader:          for (i = N; array[i] != 0; i--) ;      (finds the last zero)
//   writer j, 1..N:  array[j] = array[j-1] + 1
//
// N+1 threads; (N+3)·2^(N-2) executions under optimal DPOR. No assertion.
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> thread_reader(Array<Atomic<int>>& array, int n) {
  for (int i = n;; --i) {
    const int v = co_await array[i].load();
    if (v == 0) break;
  }
}

Task<void> thread_writer(Array<Atomic<int>>& array, int j) {
  const int previous = co_await array[j - 1].load();
  co_await array[j].store(previous + 1);
}

}  // namespace

Benchmark LastzeroBenchmark() {
  ModelSpec m;
  m.name = "lastzero";
  m.summary = "a reader looks for the last zero of an array that N writers fill (JACM 2017)";
  m.switches = {SizeSwitch(1, 15, 5, "N: writers (threads = N + 1)")};
  m.variants = {{"default", "as published", {}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    const int n = static_cast<int>(s["size"]);
    auto& array = rt.Make<Array<Atomic<int>>>("array", n + 1);
    spawn("reader", thread_reader(array, n));
    for (int j = 1; j <= n; ++j) spawn({"writer", j}, thread_writer(array, j));
  };
  return {m, 15};
}

LOCKSTEP_REGISTER_BENCHMARK(LastzeroBenchmark);

}  // namespace lockstep::bench
