// CO-2+2W(N): the coherence test of TRACER (Aronis, Jonsson, Lång, Sagonas,
// "Optimal dynamic partial order reduction with observers", TACAS 2018);
// C version in Nidhugg's benchmarks/from_TRACER/CO-2+2W.c.
//
//   thread t, 0..N-1:  x = t; x = t
//   main:              join all; assert(x != N)
//
// Every order of the 2N writes is its own trace: (2N)!/2^N executions.
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> t(Atomic<int>& x, int tid) {
  co_await x.store(tid);
  co_await x.store(tid);
}

Task<void> main_thread(Atomic<int>& x, int n) {
  std::vector<ThreadHandle> ts;
  for (int i = 0; i < n; ++i) ts.push_back(spawn({"t", i}, t(x, i)));
  for (ThreadHandle h : ts) co_await join(h);
  const int v1 = co_await x.load();
  check(v1 != n, "final-value", absl::StrCat("x is ", v1, ", a value no thread writes"));
}

}  // namespace

Benchmark Co22wBenchmark() {
  ModelSpec m;
  m.name = "CO-2+2W";
  m.summary = "N threads each write their id twice to one variable (TRACER, TACAS 2018)";
  m.switches = {SizeSwitch(1, 15, 5, "N: writing threads (threads = N + main)")};
  m.variants = {{"default", "as published", {}}};
  m.properties = {{"final-value", "after the joins, x holds a value some thread wrote (x != N)"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    spawn("main", main_thread(x, static_cast<int>(s["size"])));
  };
  return {m, 5};
}

LOCKSTEP_REGISTER_BENCHMARK(Co22wBenchmark);

}  // namespace lockstep::bench
