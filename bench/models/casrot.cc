// casrot(N): from RCMC (POPL 2018); C version in Nidhugg's
// benchmarks/from_RCMC/casrot.c.
//
//   x = 0
//   thread i, 1..N:  CAS(x, i-1 -> i)
//
// Thread i succeeds only right after thread i-1 did, so most CASes fail. With
// a failed CAS as a read, an execution is fixed by the m threads 1..m that
// succeed (in order) and by the value each failing thread saw:
//   1 + sum_{m=1}^{N-1} m·(m+1)^(N-m-1) executions
// (thread m+1 saw one of 0..m-1; threads m+2..N any of 0..m). With every CAS
// a write, the N! orders of the CASes are all different traces.
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> thread_n(Atomic<int>& x, int i) { co_await x.compare_exchange(i - 1, i); }

}  // namespace

Benchmark CasrotBenchmark() {
  ModelSpec m;
  m.name = "casrot";
  m.summary = "N threads, thread i does CAS(x, i-1 -> i): failing CASes (RCMC, POPL 2018)";
  m.switches = {SizeSwitch(2, 16, 6, "N: threads")};
  m.variants = {{"default", "as published", {}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    for (int i = 1; i <= s["size"]; ++i) spawn({"thread", i}, thread_n(x, i));
  };
  return {m, 8};
}

LOCKSTEP_REGISTER_BENCHMARK(CasrotBenchmark);

}  // namespace lockstep::bench
