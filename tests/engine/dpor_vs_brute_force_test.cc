// The heart of the test suite: optimal DPOR against brute-force enumeration
// of every interleaving, on 3,000 random small programs. For each
// program both must reach the same final states and violate the same
// properties, and DPOR must explore each Mazurkiewicz trace that brute force
// finds exactly once (same set of canonical trace fingerprints, no
// duplicates), with no sleep-set-blocked execution.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "tests/engine/random_program.h"
#include "tests/engine/trace_fingerprint.h"

namespace lockstep::testing {
namespace {

struct Observed {
  std::multiset<uint64_t> traces;  // canonical fingerprints, with repeats
  std::set<uint64_t> final_states;
  std::set<std::string> violated;
  ExploreStats stats;
};

Observed Explore(const Program& p, bool dpor) {
  Observed o;
  Runtime rt([&p](Runtime& r) { SetUp(r, p); });
  ExploreOptions options;
  options.stop_at_first_violation = false;
  options.observer = [&o](const ExecutionView& v) {
    o.traces.insert(TraceFingerprint(v.events));
    // The shared state plus which properties the execution violated (as a
    // set: independent violations happen in either order).
    uint64_t state = v.system->StateDigest();
    std::set<std::string> violated;
    for (const Violation& x : v.system->Violations()) violated.insert(x.property);
    for (const std::string& x : violated) state = state * 31 + std::hash<std::string>()(x);
    o.final_states.insert(state);
  };
  ExploreResult r = dpor ? ExploreDpor(rt, options) : ExploreBruteForce(rt, options);
  for (const Counterexample& c : r.violations) o.violated.insert(c.violation.property);
  o.stats = r.stats;
  EXPECT_TRUE(r.limit.empty()) << r.limit;
  return o;
}

constexpr int kPrograms = 3000;
constexpr int kShards = 8;

class DporVsBruteForce : public ::testing::TestWithParam<int> {};

TEST_P(DporVsBruteForce, SameTracesStatesAndViolations) {
  uint64_t total_traces = 0, total_interleavings = 0;
  // LOCKSTEP_DIFF_PROGRAMS=N runs more (or fewer) programs, for a longer hunt by hand.
  const char* programs_env = std::getenv("LOCKSTEP_DIFF_PROGRAMS");
  const int programs = programs_env != nullptr ? std::atoi(programs_env) : kPrograms;
  for (int i = GetParam(); i < programs; i += kShards) {
    const Program p = RandomProgram(1000 + i, 20000);
    if (std::getenv("LOCKSTEP_DIFF_VERBOSE") != nullptr) std::fprintf(stderr, "seed %d\n", 1000 + i);
    const Observed brute = Explore(p, /*dpor=*/false);
    const Observed dpor = Explore(p, /*dpor=*/true);
    if (std::getenv("LOCKSTEP_DIFF_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s  brute force %llu executions, %llu events; dpor %llu executions, %llu events\n",
                   p.ToString().c_str(), static_cast<unsigned long long>(brute.stats.executions),
                   static_cast<unsigned long long>(brute.stats.events),
                   static_cast<unsigned long long>(dpor.stats.executions),
                   static_cast<unsigned long long>(dpor.stats.events));
    }
    const std::set<uint64_t> brute_traces(brute.traces.begin(), brute.traces.end());
    const std::set<uint64_t> dpor_traces(dpor.traces.begin(), dpor.traces.end());
    SCOPED_TRACE("seed " + std::to_string(1000 + i) + "\n" + p.ToString());
    ASSERT_EQ(dpor.stats.sleep_set_blocked, 0u);
    ASSERT_EQ(dpor_traces, brute_traces) << "DPOR explored other traces than brute force";
    ASSERT_EQ(dpor.traces.size(), dpor_traces.size()) << "DPOR explored a trace twice";
    ASSERT_EQ(dpor.stats.executions, brute_traces.size());
    ASSERT_EQ(dpor.final_states, brute.final_states);
    ASSERT_EQ(dpor.violated, brute.violated);
    total_traces += brute_traces.size();
    total_interleavings += brute.stats.executions;
  }
  // Shows the reduction and that the programs are not trivial.
  std::printf("shard %d: %llu traces, %llu interleavings\n", GetParam(), static_cast<unsigned long long>(total_traces), static_cast<unsigned long long>(total_interleavings));
  RecordProperty("traces", std::to_string(total_traces));
  RecordProperty("interleavings", std::to_string(total_interleavings));
  EXPECT_LT(total_traces * 2, total_interleavings);
}

INSTANTIATE_TEST_SUITE_P(Shards, DporVsBruteForce, ::testing::Range(0, kShards));

}  // namespace
}  // namespace lockstep::testing
