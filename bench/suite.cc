#include "bench/suite.h"

#include <algorithm>
#include <utility>

namespace lockstep::bench {
namespace {

std::vector<BenchmarkFactory>& Factories() {
  static std::vector<BenchmarkFactory> factories;
  return factories;
}

}  // namespace

bool RegisterBenchmark(BenchmarkFactory factory) {
  Factories().push_back(factory);
  return true;
}

const std::vector<Benchmark>& Suite() {
  static const std::vector<Benchmark> suite = [] {
    std::vector<Benchmark> all;
    for (BenchmarkFactory f : Factories()) all.push_back(f());
    std::sort(all.begin(), all.end(),
              [](const Benchmark& a, const Benchmark& b) { return a.model.name < b.model.name; });
    return all;
  }();
  return suite;
}

const Benchmark* FindBenchmark(const std::string& name) {
  for (const Benchmark& b : Suite()) {
    if (b.model.name == name) return &b;
  }
  return nullptr;
}

absl::StatusOr<CheckReport> CheckBenchmark(const Benchmark& benchmark, int64_t size,
                                           const std::string& variant, int threads) {
  CheckRequest request;
  request.model = &benchmark.model;
  request.variant = variant;
  request.overrides = {"size=" + std::to_string(size)};
  request.explore.jobs = threads;
  return RunCheck(request);
}

SwitchSpec SizeSwitch(int64_t min, int64_t max, int64_t default_value, std::string meaning) {
  return SwitchSpec{"size", default_value, std::move(meaning), {}, max, min};
}

}  // namespace lockstep::bench
