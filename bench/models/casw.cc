// casw(N): from RCMC (POPL 2018); C version in Nidhugg's
// benchmarks/from_RCMC/casw.c.
//
//   x = 0
//   thread i, 0..N-1:  CAS(x, 0 -> 1); x = i + 3
//
// Only a CAS that runs while x is still 0 succeeds: one of the first CASes
// succeeds, every later one fails and only reads x.
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

Task<void> thread_n(Atomic<int>& x, int val) {
  co_await x.compare_exchange(0, 1);
  co_await x.store(val + 3);
}

}  // namespace

Benchmark CaswBenchmark() {
  ModelSpec m;
  m.name = "casw";
  m.summary = "N threads each do CAS(x, 0 -> 1) and then write x: failing CASes (RCMC, POPL 2018)";
  m.switches = {SizeSwitch(2, 16, 4, "N: threads")};
  m.variants = {{"default", "as published", {}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    for (int i = 0; i < s["size"]; ++i) spawn({"thread", i}, thread_n(x, i));
  };
  return {m, 4};
}

LOCKSTEP_REGISTER_BENCHMARK(CaswBenchmark);

}  // namespace lockstep::bench
