// A run in which no execution ran to its end checked nothing: it is never
// "holds" (issue 8 item 4), for check and for every compare cell, whichever
// strategy explored it.
#include <gtest/gtest.h>

#include "checker/lockstep.h"
#include "checker/report/check.h"
#include "checker/report/compare.h"
#include "checker/report/render.h"

namespace lockstep {
namespace {

Task<void> StoreThenPrune(Atomic<int>& x, int v, bool violate) {
  check(!violate, "x-small", "x is not small");
  co_await x.store(v);
  assume(false);  // every execution is pruned here
}

// Two threads racing on x; every execution is pruned by assume(), and with
// `violate` thread a first violates "x-small".
ModelSpec Pruned() {
  ModelSpec m;
  m.name = "pruned";
  SwitchSpec violate;
  violate.name = "violate";
  violate.meaning = "thread a violates x-small before it stores";
  m.switches = {violate};
  m.variants = {VariantSpec{"plain", "", {}}, VariantSpec{"violating", "", {{"violate", "1"}}}};
  m.properties = {PropertySpec{"x-small", "x stays below 1"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    spawn("a", StoreThenPrune(x, 1, s.on("violate")));
    spawn("b", StoreThenPrune(x, 2, false));
  };
  return m;
}

TEST(VacuousVerdict, AllPrunedIsInconclusive) {
  const ModelSpec m = Pruned();
  for (Strategy strategy : {Strategy::kDpor, Strategy::kBruteForce}) {
    CheckRequest req;
    req.model = &m;
    req.strategy = strategy;
    absl::StatusOr<CheckReport> r = RunCheck(req);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->verdict, Verdict::kInconclusive);
    EXPECT_EQ(r->stats.complete, 0u);
    EXPECT_GT(r->stats.assume_blocked, 0u);
    EXPECT_NE(r->limit.find("no execution ran to its end"), std::string::npos) << r->limit;
  }
}

TEST(VacuousVerdict, CompareCellsAreInconclusive) {
  const ModelSpec m = Pruned();
  CompareRequest req;
  req.model = &m;
  req.jobs = 1;
  absl::StatusOr<CompareReport> r = RunCompare(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rows.size(), 2u);
  for (Cell c : r->rows[0].cells) EXPECT_EQ(c, Cell::kInconclusive);
  // A violation is still a violation; the cells it did not decide are not "holds".
  EXPECT_EQ(r->rows[1].cells[0], Cell::kViolated);
  for (size_t i = 1; i < r->rows[1].cells.size(); ++i) EXPECT_EQ(r->rows[1].cells[i], Cell::kInconclusive);
  EXPECT_EQ(r->ExitCode(), 1);
}

// Waiting the old way, with assume(): the executions in which the waiter
// reads the flag before it is set are pruned. The verdict holds (others ran
// to their end), and text and JSON say that the pruned ones were not checked
// and point to the blocking waits (issue 11 item 6).
Task<void> SetFlag(Atomic<int>& flag) { co_await flag.store(1); }
Task<void> WaitWithAssume(Atomic<int>& flag) {
  const int v = co_await flag.load();
  assume(v == 1);
}

TEST(VacuousVerdict, AssumePrunedExecutionsAreWarnedAbout) {
  ModelSpec m;
  m.name = "assume-wait";
  m.setup = [](Runtime& rt, const Settings&) {
    Atomic<int>& flag = rt.Make<Atomic<int>>("flag");
    spawn("waker", SetFlag(flag));
    spawn("waiter", WaitWithAssume(flag));
  };
  CheckRequest req;
  req.model = &m;
  absl::StatusOr<CheckReport> r = RunCheck(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, Verdict::kHolds);
  EXPECT_EQ(r->stats.assume_blocked, 1u);
  const std::string warning =
      "1 execution(s) were pruned by assume() and not checked: a thread that waits for something should use a "
      "blocking wait (wait_until, wait_event, wait_for_completion, down, lock), which reports a wait never "
      "satisfied as a hang";
  const std::string text = RenderText(*r);
  EXPECT_NE(text.find("assume-blocked 1"), std::string::npos) << text;
  EXPECT_NE(text.find("warning: " + warning + "\n"), std::string::npos) << text;
  const std::string json = RenderJson(*r);
  EXPECT_NE(json.find("\"warnings\":[\"" + warning + "\"]"), std::string::npos) << json;
}

TEST(VacuousVerdict, NoWarningWithoutPruning) {
  ModelSpec m;
  m.name = "no-assume";
  m.setup = [](Runtime& rt, const Settings&) { spawn("waker", SetFlag(rt.Make<Atomic<int>>("flag"))); };
  CheckRequest req;
  req.model = &m;
  absl::StatusOr<CheckReport> r = RunCheck(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(RenderText(*r).find("warning"), std::string::npos);
  EXPECT_NE(RenderJson(*r).find("\"warnings\":[]"), std::string::npos);
}

}  // namespace
}  // namespace lockstep
