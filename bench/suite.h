// The classic DPOR benchmark suite: the programs the DPOR literature and its
// tools (Nidhugg, GenMC) measure themselves on, written as Lockstep models.
// Each is a ModelSpec with one integer switch, `size` (threads, or loop
// iterations for fib_bench), and registers itself from its own file:
//
//   LOCKSTEP_REGISTER_BENCHMARK(LastzeroBenchmark);   // Benchmark LastzeroBenchmark();
//
// The suite is kept apart from models::All(): these are programs to measure
// the engine on, not kernel protocols.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "checker/model/model.h"
#include "checker/report/check.h"

namespace lockstep::bench {

struct Benchmark {
  ModelSpec model;             // its `size` switch bounds the sizes that make sense
  int64_t reference_size = 0;  // the size the peers' figures in bench/RESULTS.md are for
  int64_t smallest() const { return model.FindSwitch("size")->min_value; }
};

// Every benchmark, sorted by name.
const std::vector<Benchmark>& Suite();
const Benchmark* FindBenchmark(const std::string& name);

using BenchmarkFactory = Benchmark (*)();
bool RegisterBenchmark(BenchmarkFactory factory);

// Checks the benchmark at `size` (one of its variants; empty: the default)
// the way `lockstep check` does: every property, DPOR, stop at the first
// violation, on `threads` threads (check --jobs).
absl::StatusOr<CheckReport> CheckBenchmark(const Benchmark& benchmark, int64_t size,
                                           const std::string& variant = "", int threads = 1);

// The `size` switch: sizes min..max, `meaning` says what the size counts.
SwitchSpec SizeSwitch(int64_t min, int64_t max, int64_t default_value, std::string meaning);

}  // namespace lockstep::bench

#define LOCKSTEP_REGISTER_BENCHMARK(factory)                        \
  [[maybe_unused]] static const bool lockstep_benchmark_##factory = \
      ::lockstep::bench::RegisterBenchmark(factory)
