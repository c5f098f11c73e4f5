// lastzero(N): the example of "Source Sets: A Foundation for Optimal Dynamic
// Partial Order Reduction" (Abdulla, Aronis, Jonsson, Sagonas, JACM 2017);
// C version in Nidhugg's benchmarks/from_CONCUERROR/lastzero.c.
//
//   array[0..N] = 0
//   reader:          for (i = N; array[i] != 0; i--) ;      (finds the last zero)
//   writer j, 1..N:  array[j] = array[j-1] + 1
//
// N+1 threads; (N+3)·2^(N-2) executions under optimal DPOR. No assertion.
#include <deque>

#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

using Array = std::deque<Atomic<int>>;

Task<void> thread_reader(Array& array, int n) {
  for (int i = n;; --i) {
    const int v = co_await array[i].load();
    if (v == 0) break;
  }
}

Task<void> thread_writer(Array& array, int j) {
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
    Array& array = rt.Make<Array>();
    for (int i = 0; i <= n; ++i) array.emplace_back("array[" + std::to_string(i) + "]");
    spawn("reader", thread_reader(array, n));
    for (int j = 1; j <= n; ++j) spawn("writer" + std::to_string(j), thread_writer(array, j));
  };
  return {m, 15};
}

LOCKSTEP_REGISTER_BENCHMARK(LastzeroBenchmark);

}  // namespace lockstep::bench
