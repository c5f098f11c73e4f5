// A run in which no execution ran to its end checked nothing: it is never
// "holds" (issue 8 item 4), for check and for every compare cell, whichever
// strategy explored it.
#include <gtest/gtest.h>

#include "checker/lockstep.h"
#include "checker/report/check.h"
#include "checker/report/compare.h"

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

}  // namespace
}  // namespace lockstep
