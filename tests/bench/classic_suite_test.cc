// The classic suite gives the published execution counts, with no
// sleep-set-blocked execution: the models are faithful to the programs the
// peers count. Sizes stay small (each check well under a second); the
// reference sizes are measured by `lockstep_bench --suite` (bench/RESULTS.md).
//
// Only counts that do not depend on how lock waits and failed CASes are
// counted are here; classic_suite_lock_and_cas_test.cc has the others.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "bench/suite.h"
#include "tests/bench/suite_counts.h"

namespace lockstep::bench {
namespace {


TEST(ClassicSuite, LastzeroGivesNPlus3TimesTwoToTheNMinus2) {
  EXPECT_EQ(Executions("lastzero", 1), 2u);  // (1+3)·2^-1
  for (int n = 2; n <= 8; ++n) {
    EXPECT_EQ(Executions("lastzero", n), (n + 3) * Power(2, n - 2)) << "lastzero(" << n << ")";
  }
}

TEST(ClassicSuite, ReadersGiveTwoToTheN) {
  for (int n = 1; n <= 10; ++n) EXPECT_EQ(Executions("readers", n), Power(2, n)) << "readers(" << n << ")";
}

TEST(ClassicSuite, Co22wGivesEveryOrderOfTheWrites) {
  for (int n = 1; n <= 4; ++n) {
    EXPECT_EQ(Executions("CO-2+2W", n), Factorial(2 * n) / Power(2, n)) << "CO-2+2W(" << n << ")";
  }
}

TEST(ClassicSuite, IndexerGivesEightToTheNMinus11) {
  for (int n = 1; n <= 11; ++n) EXPECT_EQ(Executions("indexer", n), 1u) << "indexer(" << n << ")";
  for (int n = 12; n <= 13; ++n) {
    EXPECT_EQ(Executions("indexer", n), Power(8, n - 11)) << "indexer(" << n << ")";
  }
}

// The counts of Nidhugg's smoke tests fib_bench_true_1 and _2
// (tests/smoke/reference.results.txt); fib_bench(5) = 218,243 takes seconds
// and is measured in bench/RESULTS.md instead.
TEST(ClassicSuite, FibBenchGivesNidhuggsCounts) {
  EXPECT_EQ(Executions("fib_bench", 1), 11u);
  EXPECT_EQ(Executions("fib_bench", 2), 140u);
}

TEST(ClassicSuite, SizesOutsideTheSwitchRangeAreRefused) {
  const Benchmark* b = FindBenchmark("filesystem");
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(CheckBenchmark(*b, b->smallest() - 1).ok());
}

TEST(ClassicSuite, EveryBenchmarkHoldsAtItsSmallestSize) {
  for (const Benchmark& b : Suite()) {
    EXPECT_GE(Executions(b.model.name, b.smallest()), 1u) << b.model.name;
    for (const VariantSpec& v : b.model.variants) {
      EXPECT_GE(Executions(b.model.name, b.smallest(), v.name), 1u) << b.model.name << ":" << v.name;
    }
  }
}

}  // namespace
}  // namespace lockstep::bench
