// Shared by the classic-suite tests: run a benchmark and return its executions.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "bench/suite.h"

namespace lockstep::bench {

inline uint64_t Factorial(int n) { return n <= 1 ? 1 : n * Factorial(n - 1); }
inline uint64_t Power(uint64_t base, int exponent) { return exponent <= 0 ? 1 : base * Power(base, exponent - 1); }

// Checks `name` at `size` on `threads` threads and returns its executions,
// after asserting that it holds, exhaustively, without sleep-set-blocked
// executions.
inline uint64_t Executions(const std::string& name, int64_t size, const std::string& variant = "", int threads = 1) {
  const Benchmark* b = FindBenchmark(name);
  EXPECT_NE(b, nullptr) << name;
  if (b == nullptr) return 0;
  auto report = CheckBenchmark(*b, size, variant, threads);
  EXPECT_TRUE(report.ok()) << name << "(" << size << "): " << report.status();
  if (!report.ok()) return 0;
  EXPECT_EQ(report->verdict, Verdict::kHolds) << name << "(" << size << ")";
  EXPECT_TRUE(report->limit.empty()) << name << "(" << size << "): " << report->limit;
  EXPECT_EQ(report->stats.sleep_set_blocked, 0u) << name << "(" << size << ")";
  EXPECT_EQ(report->stats.executions, report->stats.complete) << name << "(" << size << ")";
  return report->stats.executions;
}

}  // namespace lockstep::bench
