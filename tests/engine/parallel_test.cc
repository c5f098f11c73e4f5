// Exploring on several threads gives the sequential result exactly: the same
// statistics (executions of every kind, events), the same first
// counterexample of every property, the same limit. Checked on random
// programs with every option that shapes an exploration, and the job
// messages' encoding on its own.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "checker/explore/dpor.h"
#include "checker/explore/job.h"
#include "checker/runtime/runtime.h"
#include "tests/engine/random_program.h"

namespace lockstep::testing {
namespace {

ExploreResult Explore(const Program& p, ExploreOptions options, int jobs) {
  const ModelSetup setup = [&p](Runtime& r) { SetUp(r, p); };
  Runtime rt(setup);
  options.jobs = jobs;
  options.make_system = [&] { return std::make_unique<Runtime>(setup); };
  return ExploreDpor(rt, options);
}

std::string Describe(const ExploreResult& r) {
  const ExploreStats& s = r.stats;
  std::string out = "executions " + std::to_string(s.executions) + " complete " + std::to_string(s.complete) +
                    " deadlocked " + std::to_string(s.deadlocked) + " assume_blocked " +
                    std::to_string(s.assume_blocked) + " sleep_set_blocked " + std::to_string(s.sleep_set_blocked) +
                    " bounded " + std::to_string(s.bounded) + " stopped " + std::to_string(s.stopped) + " events " +
                    std::to_string(s.events) + " limit '" + r.limit + "'\n";
  for (const Counterexample& c : r.violations) {
    out += c.violation.property + " at " + std::to_string(c.violation.at) + " by " +
           std::to_string(c.violation.thread) + " (" + c.violation.message + ") preemptions " +
           std::to_string(c.preemptions) + ":";
    for (const ScheduleStep& s : c.schedule) out += " " + std::to_string(s.thread) + "/" + std::to_string(s.choice);
    out += "\n";
  }
  return out;
}

struct Shape {
  const char* name;
  bool stop_at_first_violation;
  int preemption_bound;
  bool half_the_executions;  // --max-executions at half the sequential count
};

constexpr Shape kShapes[] = {
    {"exhaustive", false, -1, false},
    {"first-violation", true, -1, false},
    {"preemption-bound-1", false, 1, false},
    {"max-executions", false, -1, true},
};

class ParallelExploration : public ::testing::TestWithParam<Shape> {};

TEST_P(ParallelExploration, SameResultAsSequential) {
  const Shape shape = GetParam();
  uint64_t used = 0, executions = 0;
  for (int i = 0; i < 1000; ++i) {
    const Program p = RandomProgram(5000 + i, 20000);
    ExploreOptions o;
    o.stop_at_first_violation = shape.stop_at_first_violation;
    o.preemption_bound = shape.preemption_bound;
    const ExploreResult sequential = Explore(p, o, 1);
    if (shape.half_the_executions) {
      o.max_executions = sequential.stats.executions / 2 + 1;
    }
    const ExploreResult expected = shape.half_the_executions ? Explore(p, o, 1) : sequential;
    for (int jobs : {2, 3}) {
      const ExploreResult parallel = Explore(p, o, jobs);
      ASSERT_EQ(Describe(parallel), Describe(expected)) << "seed " << 5000 + i << ", " << jobs << " jobs\n"
                                                        << p.ToString();
      used += parallel.parallel.used;
    }
    executions += expected.stats.executions;
  }
  std::printf("%s: %llu executions; %llu subtrees explored by another thread and used\n", shape.name,
              static_cast<unsigned long long>(executions), static_cast<unsigned long long>(used));
  EXPECT_GT(used, 0u) << "no job's result was used: the parallel path went untested";
}

INSTANTIATE_TEST_SUITE_P(Shapes, ParallelExploration, ::testing::ValuesIn(kShapes),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

WuEvent Event(ThreadId t, uint32_t seq, OpKind kind, Location loc) {
  WuEvent e;
  e.thread = t;
  e.seq = seq;
  e.op.kind = kind;
  e.op.object = static_cast<ObjectId>(loc);
  e.op.location = loc;
  e.op.arg = -7;
  e.op.arg2 = 1LL << 40;
  return e;
}

TEST(JobMessage, RoundTrips) {
  Job job;
  job.prefix = {{0, 0}, {1, 2}, {0, 0}};
  WuEvent asleep = Event(2, 1, OpKind::kStore, 3);
  asleep.wakers.emplace_back(0, 1);
  job.sleep.Add(asleep);
  job.branch.event = Event(1, 1, OpKind::kCompareExchange, 3);
  job.branch.event.op.read_only = true;
  job.branch.children.push_back(WuNode{Event(0, 2, OpKind::kLoad, 4), {WuNode{Event(2, 1, OpKind::kStore, 3), {}}}});
  const std::string bytes = Encode(job);
  EXPECT_EQ(Encode(DecodeJob(bytes)), bytes);

  JobResult r;
  r.result.stats.executions = 12;
  r.result.stats.events = 99;
  r.result.limit = "stopped";
  r.result.violations.push_back(Counterexample{Violation{"no-hang", "a waits", 4, 1}, {{1, 0}, {0, 1}}, 1});
  r.edits.push_back(NodeEdit{NodeEdit::Kind::kExpandChoice, 2, {Event(0, 0, OpKind::kChoose, 0)}});
  r.first = Event(1, 1, OpKind::kStore, 3);
  const std::string result = Encode(r);
  EXPECT_EQ(Encode(DecodeJobResult(result)), result);
}

TEST(JobMessage, TruncatedOrCorruptIsRefused) {
  Job job;
  job.prefix = {{0, 0}};
  job.branch.event = Event(1, 0, OpKind::kStore, 3);
  const std::string bytes = Encode(job);
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(DecodeJob(bytes.substr(0, n)), BadMessage) << n << " of " << bytes.size() << " bytes";
  }
  EXPECT_THROW(DecodeJob(bytes + "x"), BadMessage);
  std::string huge_list = bytes;
  huge_list[0] = '\xff';  // the prefix's length
  EXPECT_THROW(DecodeJob(huge_list), BadMessage);
}

}  // namespace
}  // namespace lockstep::testing
