// The reusable P2/P4/P5/P6 helpers of properties/oom.h on tiny hand-written
// models, so that each can be seen to fail and to hold independently of the
// oom-reaper model.
#include <gtest/gtest.h>

#include "checker/explore/dpor.h"
#include "lockstep/lockstep.h"
#include "properties/oom.h"
#include "tests/support/explore_all.h"

namespace lockstep {
namespace {

ExploreResult Dpor(ModelSetup setup) { return testing::ExploreAll(std::move(setup)); }

struct OnePage {
  Bits flags{"mm.flags"};
  Atomic<int> pte{"pte", 1};
  Atomic<int> locked_pte{"locked_pte", 1};
  Atomic<int> mapcount{"mapcount", 1};
};
constexpr int kSkip = 21;

props::MappedPages Pages(OnePage& s) { return {{&s.pte, true}, {&s.locked_pte, false}}; }

Task<void> Zap(OnePage& s) {
  const int old = co_await s.pte.exchange(0);
  if (old == 1) co_await props::page_remove_rmap(s.mapcount);
}
Task<void> SkipAsReaper(OnePage& s) {
  co_await props::set_mmf_oom_skip(s.flags, kSkip, Pages(s), props::SkipSetter::kReaper);
}
Task<void> ZapThenSkipAsReaper(OnePage& s) {
  co_await Zap(s);
  co_await SkipAsReaper(s);
}
Task<void> ZapThenSkipAsExit(OnePage& s) {
  co_await Zap(s);
  co_await props::set_mmf_oom_skip(s.flags, kSkip, Pages(s), props::SkipSetter::kExitPath);
}
Task<void> RemoveRmapTwice(OnePage& s) {
  co_await props::page_remove_rmap(s.mapcount);
  co_await props::page_remove_rmap(s.mapcount);
}

bool Violates(const ExploreResult& r, const std::string& property) {
  for (const Counterexample& c : r.violations) {
    if (c.violation.property == property) return true;
  }
  return false;
}

TEST(NoPrematureSkip, AReaperThatZappedWhatItCouldHolds) {
  // The mlocked page is still mapped; the reaper is not expected to free it.
  auto r = Dpor([](Runtime& rt) { spawn("oom_reaper", ZapThenSkipAsReaper(rt.Make<OnePage>())); });
  EXPECT_TRUE(r.violations.empty());
}

TEST(NoPrematureSkip, TheExitPathMustHaveUnmappedEverything) {
  auto r = Dpor([](Runtime& rt) { spawn("exit", ZapThenSkipAsExit(rt.Make<OnePage>())); });
  EXPECT_TRUE(Violates(r, props::kNoPrematureSkip));
}

TEST(NoPrematureSkip, ASkipRacingWithTheZapIsFoundInOneOrder) {
  auto r = Dpor([](Runtime& rt) {
    OnePage& s = rt.Make<OnePage>();
    spawn("zapper", Zap(s));
    spawn("oom_reaper", SkipAsReaper(s));
  });
  EXPECT_TRUE(Violates(r, props::kNoPrematureSkip));
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

TEST(NoDoubleUnmap, TwoRemovalsOfOneMappingAreReported) {
  auto r = Dpor([](Runtime& rt) { spawn("t", RemoveRmapTwice(rt.Make<OnePage>())); });
  EXPECT_TRUE(Violates(r, props::kNoDoubleUnmap));
  auto ok = Dpor([](Runtime& rt) {
    OnePage& s = rt.Make<OnePage>();
    spawn("a", Zap(s));
    spawn("b", Zap(s));  // read-and-clear in one step: the second zap sees none
  });
  EXPECT_TRUE(ok.violations.empty());
}

TEST(ReaperProgress, AnMmThatNeverGetsTheFlagIsReported) {
  auto r = Dpor([](Runtime& rt) {
    OnePage& s = rt.Make<OnePage>();
    props::expect_reaper_progress(rt, s.flags, kSkip, "mm");
    spawn("zapper", Zap(s));
  });
  EXPECT_TRUE(Violates(r, props::kReaperProgress));
  auto ok = Dpor([](Runtime& rt) {
    OnePage& s = rt.Make<OnePage>();
    props::expect_reaper_progress(rt, s.flags, kSkip, "mm");
    spawn("oom_reaper", ZapThenSkipAsReaper(s));
  });
  EXPECT_TRUE(ok.violations.empty());
}

}  // namespace
}  // namespace lockstep
