// `check --jobs` on the classic suite: every benchmark, explored on three
// threads, gives the sequential count (and so the published one), holds, and
// has no sleep-set-blocked execution. Sizes are a little larger than the
// smallest so that work is handed out.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "bench/suite.h"
#include "tests/bench/suite_counts.h"

namespace lockstep::bench {
namespace {

TEST(ClassicSuiteOnThreeThreads, SameCountsAsOnOne) {
  const struct {
    const char* name;
    const char* variant;
    int64_t size;
    uint64_t expected;
  } cases[] = {
      {"lastzero", "", 8, 11 * 64},        // (N+3)·2^(N-2)
      {"readers", "", 9, 512},             // 2^N
      {"CO-2+2W", "", 4, 2520},            // (2N)!/2^N
      {"indexer", "", 13, 64},             // 8^(N-11)
      {"indexer", "mutex", 13, 64},
      {"filesystem", "", 16, 8},           // 2^(N-13)
      {"lockinc", "", 5, 120},             // N!
      {"fib_bench", "", 2, 140},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.name) + ":" + c.variant + "(" + std::to_string(c.size) + ")");
    EXPECT_EQ(Executions(c.name, c.size, c.variant, 1), c.expected);
    EXPECT_EQ(Executions(c.name, c.size, c.variant, 3), c.expected);
  }
}

TEST(ClassicSuiteOnThreeThreads, FailingCasBenchmarksToo) {
  for (const char* name : {"casrot", "casw", "cas_counter"}) {
    const Benchmark* b = FindBenchmark(name);
    ASSERT_NE(b, nullptr) << name;
    const int64_t size = b->reference_size;
    EXPECT_EQ(Executions(name, size, "", 3), Executions(name, size, "", 1)) << name << "(" << size << ")";
  }
}

}  // namespace
}  // namespace lockstep::bench
