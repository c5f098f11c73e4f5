// Bad models get a clear error, never a crash or a hang: a model that throws,
// one that is nondeterministic, one that loops (with steps) forever.
#include <gtest/gtest.h>

#include "checker/lockstep.h"
#include "checker/report/check.h"

namespace lockstep {
namespace {

ModelSpec Model(std::function<void(Runtime&)> setup) {
  ModelSpec m;
  m.name = "bad";
  m.variants = {{"only", "", {}}};
  m.setup = [setup](Runtime& rt, const Settings&) { setup(rt); };
  return m;
}

absl::StatusOr<CheckReport> Check(const ModelSpec& m) {
  CheckRequest req;
  req.model = &m;
  return RunCheck(req);
}

Task<void> Throws(Atomic<int>& x) {
  co_await x.load();
  throw std::logic_error("model bug");
}

TEST(ModelErrors, AThrowingThreadIsAnErrorNamingIt) {
  const ModelSpec m = Model([](Runtime& rt) { spawn("thrower", Throws(rt.Make<Atomic<int>>("x"))); });
  auto r = Check(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("thread 'thrower' threw: model bug"), std::string::npos) << r.status();
}

int executions_seen = 0;  // deliberately nondeterministic: survives executions
Task<void> Flaky(Atomic<int>& x, Atomic<int>& y) {
  if (executions_seen++ % 2 == 0) {
    co_await x.store(1);
  } else {
    co_await y.store(1);
  }
  co_await x.store(5);  // races with b: DPOR replays the first step above
}

TEST(ModelErrors, NondeterminismIsReportedAsSuch) {
  const ModelSpec m = Model([](Runtime& rt) {
    auto& x = rt.Make<Atomic<int>>("x");
    auto& y = rt.Make<Atomic<int>>("y");
    spawn("a", Flaky(x, y));
    spawn("b", [](Atomic<int>& v) -> Task<void> { co_await v.store(2); }(x));
  });
  auto r = Check(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nondeterministic"), std::string::npos) << r.status();
  // Found while replaying the prefix: the step named is the replayed one.
  EXPECT_NE(r.status().message().find("at step 1 thread a was expected to store"), std::string::npos)
      << r.status();
}

Task<void> Spin(Atomic<int>& x) {
  while (true) co_await x.load();
}

TEST(ModelErrors, AnEndlessLoopHitsTheStepBoundAndIsInconclusive) {
  const ModelSpec m = Model([](Runtime& rt) { spawn("spinner", Spin(rt.Make<Atomic<int>>("x"))); });
  CheckRequest req;
  req.model = &m;
  req.explore.max_steps = 500;
  auto r = RunCheck(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, Verdict::kInconclusive);
  EXPECT_NE(r->limit.find("exceeded 500 steps"), std::string::npos) << r->limit;
  EXPECT_EQ(ExitCode(r->verdict), 3);
}

Task<void> NotAPrimitive() { co_await std::suspend_always{}; }

TEST(ModelErrors, AwaitingSomethingElseIsAnError) {
  const ModelSpec m = Model([](Runtime&) { spawn("odd", NotAPrimitive()); });
  auto r = Check(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("suspended without a visible operation"), std::string::npos) << r.status();
}

}  // namespace
}  // namespace lockstep
