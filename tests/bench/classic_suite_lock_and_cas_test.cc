// The counts of the classic suite that depend on how lock waits and failed
// operations are counted, as optimal DPOR gives them when only lock
// acquisitions are events and a failed compare-and-swap is a read (issue 12,
// items 1 and 2): lockinc(N) = N!, filesystem(N) = 2^(N-13), indexer with the
// published mutex cas() = 8^(N-11), and the failing-CAS benchmarks' counts.
//
// The failing-CAS counts come from a reference computed here from every
// interleaving (brute force), independently of the explorer's dependence: an
// execution's trace is its per-location order of writes plus, for each read,
// how many writes to its location precede it, where a CAS that failed reads.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/suite.h"
#include "tests/bench/suite_counts.h"
#include "checker/explore/brute_force.h"

namespace lockstep::bench {
namespace {


// Whether the event wrote: everything on an Atomic but a load and a CAS that
// found another value than it expected.
bool Writes(const Event& e) {
  switch (e.op.kind) {
    case OpKind::kLoad:
      return false;
    case OpKind::kCompareExchange:
      return e.result == e.op.arg;
    case OpKind::kStore:
    case OpKind::kExchange:
    case OpKind::kFetchAdd:
      return true;
    default:
      ADD_FAILURE() << "the reference knows Atomic operations only, not " << NameOf(e.op.kind);
      return true;
  }
}

std::string TraceOf(std::span<const Event> events) {
  std::map<Location, std::vector<std::pair<ThreadId, uint32_t>>> writes;  // per location, in order
  std::map<std::pair<ThreadId, uint32_t>, size_t> reads;  // read -> writes to its location before it
  for (const Event& e : events) {
    auto& before = writes[e.op.location];
    if (Writes(e)) {
      before.emplace_back(e.thread, e.seq);
    } else {
      reads[{e.thread, e.seq}] = before.size();
    }
  }
  std::string trace;
  for (const auto& [location, order] : writes) {
    absl::StrAppend(&trace, location, ":");
    for (const auto& [thread, seq] : order) absl::StrAppend(&trace, thread, ".", seq, ",");
    absl::StrAppend(&trace, ";");
  }
  for (const auto& [read, position] : reads)
    absl::StrAppend(&trace, read.first, ".", read.second, "@", position, ",");
  return trace;
}

// The number of traces of `name` at `size` when a failed CAS is a read.
uint64_t ReferenceTraces(const std::string& name, int64_t size) {
  const Benchmark* b = FindBenchmark(name);
  EXPECT_NE(b, nullptr) << name;
  if (b == nullptr) return 0;
  auto settings = b->model.Resolve("", {absl::StrCat("size=", size)});
  EXPECT_TRUE(settings.ok()) << settings.status();
  if (!settings.ok()) return 0;
  Runtime runtime([&](Runtime& rt) { b->model.setup(rt, *settings); });
  std::set<std::string> traces;
  ExploreOptions options;
  options.stop_at_first_violation = false;
  options.observer = [&](const ExecutionView& v) { traces.insert(TraceOf(v.events)); };
  const ExploreResult result = ExploreBruteForce(runtime, options);
  EXPECT_TRUE(result.limit.empty()) << result.limit;
  EXPECT_TRUE(result.violations.empty());
  return traces.size();
}

TEST(ClassicSuiteLocks, LockincGivesNFactorial) {
  for (int n = 2; n <= 6; ++n) EXPECT_EQ(Executions("lockinc", n), Factorial(n)) << "lockinc(" << n << ")";
}

TEST(ClassicSuiteLocks, FilesystemGivesTwoToTheNMinus13) {
  for (int n = 13; n <= 16; ++n) {
    EXPECT_EQ(Executions("filesystem", n), Power(2, n - 13)) << "filesystem(" << n << ")";
  }
}

// 17 and 18 threads also need models of more than 16 threads (issue 12, item 3).
TEST(ClassicSuiteLocks, FilesystemWithMoreThan16Threads) {
  for (int n = 17; n <= 18; ++n) {
    EXPECT_EQ(Executions("filesystem", n), Power(2, n - 13)) << "filesystem(" << n << ")";
  }
}

TEST(ClassicSuiteLocks, IndexerWithThePublishedMutexCasGivesEightToTheNMinus11) {
  for (int n = 11; n <= 13; ++n) {
    EXPECT_EQ(Executions("indexer", n, "mutex"), Power(8, n - 11)) << "indexer:mutex(" << n << ")";
  }
}

// casrot: the m threads 1..m succeed in order, thread m+1 saw one of 0..m-1,
// threads m+2..N any of 0..m: 1 + sum_{m=1}^{N-1} m·(m+1)^(N-m-1).
uint64_t CasrotTraces(int n) {
  uint64_t sum = 1;
  for (int m = 1; m < n; ++m) sum += m * Power(m + 1, n - m - 1);
  return sum;
}

TEST(ClassicSuiteFailedCas, ReferenceAgreesWithTheCasrotFormula) {
  for (int n = 2; n <= 6; ++n)
    EXPECT_EQ(ReferenceTraces("casrot", n), CasrotTraces(n)) << "casrot(" << n << ")";
}

TEST(ClassicSuiteFailedCas, CasrotGivesOneExecutionPerTrace) {
  for (int n = 2; n <= 7; ++n) EXPECT_EQ(Executions("casrot", n), CasrotTraces(n)) << "casrot(" << n << ")";
}

TEST(ClassicSuiteFailedCas, CaswGivesOneExecutionPerTrace) {
  for (int n = 2; n <= 4; ++n)
    EXPECT_EQ(Executions("casw", n), ReferenceTraces("casw", n)) << "casw(" << n << ")";
}

TEST(ClassicSuiteFailedCas, CasCounterGivesOneExecutionPerTrace) {
  for (int n = 2; n <= 3; ++n) {
    EXPECT_EQ(Executions("cas_counter", n), ReferenceTraces("cas_counter", n)) << "cas_counter(" << n << ")";
  }
}

}  // namespace
}  // namespace lockstep::bench
