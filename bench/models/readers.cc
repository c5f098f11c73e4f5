// readers(N): from RCMC (Kokologiannakis, Lahav, Sagonas, Vafeiadis, POPL 2018);
// C version in Nidhugg's benchmarks/from_RCMC/readers.c.
//
//   writer:          x = 42
//   reader i, 1..N:  r = x
//
// N+1 threads; each reader reads before or after the write: 2^N executions.
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> thread_writer(Atomic<int>& x) { co_await x.store(42); }

Task<void> thread_reader(Atomic<int>& x) { co_await x.load(); }

}  // namespace

Benchmark ReadersBenchmark() {
  ModelSpec m;
  m.name = "readers";
  m.summary = "one writer and N readers of one variable (RCMC, POPL 2018)";
  m.switches = {SizeSwitch(1, 15, 8, "N: readers (threads = N + 1)")};
  m.variants = {{"default", "as published", {}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    const int n = static_cast<int>(s["size"]);
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    spawn("writer", thread_writer(x));
    for (int i = 1; i <= n; ++i) spawn({"reader", i}, thread_reader(x));
  };
  return {m, 15};
}

LOCKSTEP_REGISTER_BENCHMARK(ReadersBenchmark);

}  // namespace lockstep::bench
