// The verdict table of docs/models/oom-reaper.md, row by row: every (variant,
// scenario, property) that must be violated is found violated with a
// counterexample that replays, and every one that must hold is explored
// exhaustively, with the number of executions pinned so that a change in the
// model or the explorer is noticed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "checker/report/check.h"
#include "lockstep/gtest.h"
#include "models/registry.h"
#include "tests/support/run_model.h"

namespace lockstep {
namespace {

enum Expect { kHolds, kViolated };

struct Row {
  std::string variant;
  std::vector<std::string> sets;  // scenario (and hypothetical) switches on top of the variant
  std::string property;
  Expect expect;
  uint64_t executions;  // pinned for kHolds rows (exhaustive); 0 for kViolated rows
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.variant << " [" << absl::StrJoin(r.sets, " ") << "] " << r.property;
}

CheckReport Check(const std::string& variant, const std::vector<std::string>& sets, const std::string& property) {
  return testing::RunModel("oom-reaper", variant, sets, property);
}

// Columns P1..P4 of docs/models/oom-reaper.md, its "zap without ptl" paragraph, P5,
// the engine's no-hang, and the MMF_UNSTABLE paragraph (P6). Scenario
// switches not listed keep their defaults: two VMAs of one page, nothing
// mlocked or shared, no allocator, no blocking exit_aio, no refault.
const std::vector<Row>& Rows() {
  static const std::vector<Row> kRows = {
    // P1 no-uaf: V in v4.14 and the seed proposal, only when the final mmput is a non-victim's.
    {"v4.13-pin", {"final-mmput=other"}, "no-uaf", kHolds, 60},
    {"v4.13-pin", {"final-mmput=victim"}, "no-uaf", kHolds, 15},
    {"v4.14", {"final-mmput=other"}, "no-uaf", kViolated, 0},
    {"v4.14", {"final-mmput=victim"}, "no-uaf", kHolds, 29},
    {"seed-proposal", {"final-mmput=other"}, "no-uaf", kViolated, 0},
    {"seed-proposal", {"final-mmput=victim"}, "no-uaf", kHolds, 32},
    {"v4.15", {"final-mmput=other"}, "no-uaf", kHolds, 58},
    {"v4.15", {"final-mmput=victim"}, "no-uaf", kHolds, 29},
    {"v4.17", {"final-mmput=other"}, "no-uaf", kHolds, 130},
    {"v4.17", {"final-mmput=victim"}, "no-uaf", kHolds, 65},
    {"v4.19", {"final-mmput=other"}, "no-uaf", kHolds, 374},
    {"v4.19", {"final-mmput=victim"}, "no-uaf", kHolds, 187},
    {"v5.17", {"final-mmput=other"}, "no-uaf", kHolds, 362},
    {"v5.17", {"final-mmput=victim"}, "no-uaf", kHolds, 181},
    {"v6.0", {"final-mmput=other"}, "no-uaf", kHolds, 174},
    {"v6.0", {"final-mmput=victim"}, "no-uaf", kHolds, 87},

    // P2 no-double-unmap. Under ptl: S everywhere (the seed's guess is unreachable). Without ptl
    // (zap-under-ptl=0): V wherever two zappers overlap; S for v4.13, v4.17 and the seed proposal
    // with the victim's final mmput.
    {"v4.13-pin", {"final-mmput=other"}, "no-double-unmap", kHolds, 60},
    {"v4.13-pin", {"final-mmput=victim"}, "no-double-unmap", kHolds, 15},
    {"v4.14", {"final-mmput=other"}, "no-double-unmap", kHolds, 57},
    {"v4.14", {"final-mmput=victim"}, "no-double-unmap", kHolds, 29},
    {"seed-proposal", {"final-mmput=other"}, "no-double-unmap", kHolds, 64},
    {"seed-proposal", {"final-mmput=victim"}, "no-double-unmap", kHolds, 32},
    {"v4.15", {"final-mmput=other"}, "no-double-unmap", kHolds, 58},
    {"v4.15", {"final-mmput=victim"}, "no-double-unmap", kHolds, 29},
    {"v4.17", {"final-mmput=other"}, "no-double-unmap", kHolds, 130},
    {"v4.17", {"final-mmput=victim"}, "no-double-unmap", kHolds, 65},
    {"v4.19", {"final-mmput=other"}, "no-double-unmap", kHolds, 374},
    {"v4.19", {"final-mmput=victim"}, "no-double-unmap", kHolds, 187},
    {"v5.17", {"final-mmput=other"}, "no-double-unmap", kHolds, 362},
    {"v5.17", {"final-mmput=victim"}, "no-double-unmap", kHolds, 181},
    {"v6.0", {"final-mmput=other"}, "no-double-unmap", kHolds, 174},
    {"v6.0", {"final-mmput=victim"}, "no-double-unmap", kHolds, 87},
    {"v4.14", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v4.14", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v4.15", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v4.15", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v4.19", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v4.19", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v5.17", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v5.17", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v6.0", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"v6.0", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"seed-proposal", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kViolated, 0},
    {"seed-proposal", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kHolds, 26},
    {"v4.13-pin", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kHolds, 30},
    {"v4.13-pin", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kHolds, 9},
    {"v4.17", {"final-mmput=other", "zap-under-ptl=0"}, "no-double-unmap", kHolds, 20},
    {"v4.17", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap", kHolds, 10},

    // P3 munlock-safe: V with a VM_LOCKED VMA in v4.14, the seed proposal and v4.15.
    {"v4.14", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"v4.14", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"v4.14", {"final-mmput=other"}, "munlock-safe", kHolds, 57},
    {"seed-proposal", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"seed-proposal", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"seed-proposal", {"final-mmput=other"}, "munlock-safe", kHolds, 64},
    {"v4.15", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"v4.15", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kViolated, 0},
    {"v4.15", {"final-mmput=other"}, "munlock-safe", kHolds, 58},
    {"v4.13-pin", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kHolds, 36},
    {"v4.13-pin", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kHolds, 9},
    {"v4.17", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kHolds, 48},
    {"v4.17", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kHolds, 24},
    {"v4.19", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kHolds, 86},
    {"v4.19", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kHolds, 43},
    {"v5.17", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kHolds, 82},
    {"v5.17", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kHolds, 41},
    {"v6.0", {"final-mmput=other", "mlocked-vma=1"}, "munlock-safe", kHolds, 86},
    {"v6.0", {"final-mmput=victim", "mlocked-vma=1"}, "munlock-safe", kHolds, 43},

    // P4 no-premature-skip. v4.13: V with reapable memory (exit_aio blocking is one instance), S
    // when all memory is mlocked or shared. Seed proposal: V with reapable memory. v4.17, v4.19,
    // v5.17: V with an mlocked or shared VMA, S with private memory only. v4.14, v4.15, v6.0: S.
    {"v4.13-pin", {"final-mmput=victim"}, "no-premature-skip", kViolated, 0},
    {"v4.13-pin", {"final-mmput=other"}, "no-premature-skip", kViolated, 0},
    {"v4.13-pin", {"final-mmput=victim", "exit-aio-blocks=1"}, "no-premature-skip", kViolated, 0},
    {"v4.13-pin", {"final-mmput=victim", "mlocked-vma=1", "shared-vma=1"}, "no-premature-skip", kHolds, 6},
    {"v4.13-pin", {"final-mmput=other", "mlocked-vma=1", "shared-vma=1"}, "no-premature-skip", kHolds, 24},
    {"seed-proposal", {"final-mmput=victim"}, "no-premature-skip", kViolated, 0},
    {"seed-proposal", {"final-mmput=other"}, "no-premature-skip", kViolated, 0},
    {"v4.17", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.17", {"final-mmput=victim", "shared-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.17", {"final-mmput=other", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.17", {"final-mmput=victim"}, "no-premature-skip", kHolds, 65},
    {"v4.17", {"final-mmput=other"}, "no-premature-skip", kHolds, 130},
    {"v4.19", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.19", {"final-mmput=victim", "shared-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.19", {"final-mmput=other", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v4.19", {"final-mmput=victim"}, "no-premature-skip", kHolds, 187},
    {"v4.19", {"final-mmput=other"}, "no-premature-skip", kHolds, 374},
    {"v5.17", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v5.17", {"final-mmput=victim", "shared-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v5.17", {"final-mmput=other", "mlocked-vma=1"}, "no-premature-skip", kViolated, 0},
    {"v5.17", {"final-mmput=victim"}, "no-premature-skip", kHolds, 181},
    {"v5.17", {"final-mmput=other"}, "no-premature-skip", kHolds, 362},
    {"v4.14", {"final-mmput=victim"}, "no-premature-skip", kHolds, 29},
    {"v4.14", {"final-mmput=other"}, "no-premature-skip", kHolds, 57},
    {"v4.14", {"final-mmput=other", "mlocked-vma=1", "shared-vma=1"}, "no-premature-skip", kHolds, 56},
    {"v4.14", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kHolds, 67},
    {"v4.15", {"final-mmput=victim"}, "no-premature-skip", kHolds, 29},
    {"v4.15", {"final-mmput=other"}, "no-premature-skip", kHolds, 58},
    {"v4.15", {"final-mmput=other", "mlocked-vma=1", "shared-vma=1"}, "no-premature-skip", kHolds, 54},
    {"v4.15", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kHolds, 67},
    {"v6.0", {"final-mmput=victim"}, "no-premature-skip", kHolds, 87},
    {"v6.0", {"final-mmput=other"}, "no-premature-skip", kHolds, 174},
    {"v6.0", {"final-mmput=other", "mlocked-vma=1", "shared-vma=1"}, "no-premature-skip", kHolds, 48},
    {"v6.0", {"final-mmput=victim", "mlocked-vma=1"}, "no-premature-skip", kHolds, 43},

    // P5 reaper-progress and the engine's no-hang: S everywhere, also with a concurrent
    // allocator (oom_lock contention) and a blocking exit_aio.
    {"v4.13-pin", {"final-mmput=other"}, "reaper-progress", kHolds, 60},
    {"v4.13-pin", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 350},
    {"v4.14", {"final-mmput=other"}, "reaper-progress", kHolds, 57},
    {"v4.14", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 270},
    {"seed-proposal", {"final-mmput=other"}, "reaper-progress", kHolds, 64},
    {"seed-proposal", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 330},
    {"v4.15", {"final-mmput=other"}, "reaper-progress", kHolds, 58},
    {"v4.15", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 282},
    {"v4.17", {"final-mmput=other"}, "reaper-progress", kHolds, 130},
    {"v4.17", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 890},
    {"v4.19", {"final-mmput=other"}, "reaper-progress", kHolds, 374},
    {"v4.19", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 1126},
    {"v5.17", {"final-mmput=other"}, "reaper-progress", kHolds, 362},
    {"v5.17", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 1090},
    {"v6.0", {"final-mmput=other"}, "reaper-progress", kHolds, 174},
    {"v6.0", {"final-mmput=other", "allocator=1", "exit-aio-blocks=1"}, "no-hang", kHolds, 526},

    // P6 no-stale-refault (MMF_UNSTABLE): no check, or the v4.9 check for a user thread: V;
    // the flag set after zapping defeats either check.
    {"no-unstable-check", {"refault=kthread"}, "no-stale-refault", kViolated, 0},
    {"no-unstable-check", {"refault=thread"}, "no-stale-refault", kViolated, 0},
    {"v4.9-kthread-check", {"refault=kthread"}, "no-stale-refault", kHolds, 196},
    {"v4.9-kthread-check", {"refault=thread"}, "no-stale-refault", kViolated, 0},
    {"v4.13-stable-check", {"refault=kthread"}, "no-stale-refault", kHolds, 180},
    {"v4.13-stable-check", {"refault=thread"}, "no-stale-refault", kHolds, 180},
    {"v4.9-kthread-check", {"refault=kthread", "unstable-before-zap=0"}, "no-stale-refault", kViolated, 0},
    {"v4.13-stable-check", {"refault=kthread", "unstable-before-zap=0"}, "no-stale-refault", kViolated, 0},
    {"v4.13-stable-check", {"refault=thread", "unstable-before-zap=0"}, "no-stale-refault", kViolated, 0},
  };
  return kRows;
}

class VerdictTable : public ::testing::TestWithParam<Row> {};

TEST_P(VerdictTable, MatchesTheDocumentedVerdict) {
  const Row& row = GetParam();
  const CheckReport r = Check(row.variant, row.sets, row.property);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
  if (row.expect == kHolds) {
    EXPECT_EQ(r.verdict, Verdict::kHolds) << (r.violations.empty() ? "" : r.violations[0].trace.summary);
    EXPECT_TRUE(r.limit.empty()) << r.limit;
    EXPECT_EQ(r.stats.executions, row.executions);
  } else {
    ASSERT_EQ(r.verdict, Verdict::kViolated);
    ASSERT_EQ(r.violations.size(), 1u);
    const ViolationReport& v = r.violations[0];
    EXPECT_EQ(v.counterexample.violation.property, row.property);
    EXPECT_FALSE(v.counterexample.schedule.empty());
    EXPECT_FALSE(v.trace.steps.empty());  // the counterexample replays
  }
}

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  const Row& r = info.param;
  std::string name = absl::StrCat(r.variant, "_", r.property, "_", absl::StrJoin(r.sets, "_"));
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return absl::StrCat(info.index, "_", name);
}

INSTANTIATE_TEST_SUITE_P(OomReaperDoc, VerdictTable, ::testing::ValuesIn(Rows()), RowName);

// ---- the report's own claim ----------------------------------------------------
// Rientjes guessed a double page_remove_rmap(); Hocko showed the ptl makes two
// zaps of one PTE harmless, and the real bug is the use-after-free when the
// last mmput is not the marked victim's.
TEST(SeedClaim, UnderPtlNoDoubleUnmapButUseAfterFreeFromANonVictim) {
  EXPECT_VIOLATES("oom-reaper", "v4.14", "no-uaf", {"final-mmput=other"});
  EXPECT_HOLDS("oom-reaper", "v4.14", {"final-mmput=victim"});
  const CheckReport uaf = Check("v4.14", {"final-mmput=other"}, "no-uaf");
  ASSERT_EQ(uaf.verdict, Verdict::kViolated);
  // The last mmput in the counterexample is clone_vm's, not the victim's: the
  // barrier keyed on tsk_is_oom_victim(current) was skipped.
  const Trace& t = uaf.violations[0].trace;
  bool clone_vm_freed = false;
  for (const TraceStep& s : t.steps) clone_vm_freed |= s.thread == "clone_vm" && s.function == "free_pgtables";
  EXPECT_TRUE(clone_vm_freed);
  EXPECT_EQ(Check("v4.14", {"final-mmput=victim"}, "no-uaf").verdict, Verdict::kHolds);
}

TEST(SeedClaim, WithoutPtlTheDoubleUnmapAppears) {
  EXPECT_VIOLATES("oom-reaper", "v4.14", "no-double-unmap", {"final-mmput=victim", "zap-under-ptl=0"});
  const CheckReport r = Check("v4.14", {"final-mmput=victim", "zap-under-ptl=0"}, "no-double-unmap");
  ASSERT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_NE(r.violations[0].counterexample.violation.message.find("page_remove_rmap"), std::string::npos);
}

// ---- the command line's default scenario ---------------------------------------
TEST(DefaultScenario, V414ShowsTheSeedBug) {
  EXPECT_VIOLATES("oom-reaper", "v4.14", "no-uaf");
  const CheckReport r = Check("v4.14", {}, "");
  ASSERT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_EQ(ExitCode(r.verdict), 1);
  EXPECT_EQ(r.violations[0].counterexample.violation.property, "no-uaf");
}

TEST(DefaultScenario, V60Holds) {
  EXPECT_HOLDS("oom-reaper", "v6.0");
  const CheckReport r = Check("v6.0", {}, "");
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_EQ(ExitCode(r.verdict), 0);
  EXPECT_EQ(r.stats.executions, 174u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

// ---- larger scenarios: three VMAs, two pages, every scenario thread -------------
TEST(LargerScenario, V60HoldsEverythingWithEveryScenarioThread) {
  EXPECT_HOLDS("oom-reaper", "v6.0",
               {"vmas=3", "pages=2", "mlocked-vma=1", "shared-vma=1", "allocator=1", "exit-aio-blocks=1"});
  const CheckReport r = Check("v6.0",
                              {"vmas=3", "pages=2", "mlocked-vma=1", "shared-vma=1", "allocator=1",
                               "exit-aio-blocks=1"},
                              "");
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_EQ(r.stats.executions, 370u);
  EXPECT_EQ(r.stats.assume_blocked, 4u);  // exit_aio() waiting for an I/O that has not completed
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

TEST(LargerScenario, V414NoPrematureSkipWithAnAllocatorAndTwoPages) {
  const CheckReport r = Check("v4.14", {"allocator=1", "mlocked-vma=1", "pages=2"}, "no-premature-skip");
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_EQ(r.stats.executions, 1378u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

// The README's first table, row by row: every variant with the default
// scenario, all properties, as `lockstep compare oom-reaper` runs them.
TEST(DefaultScenario, TheReadmeTable) {
  for (const char* v : {"v4.13-pin", "seed-proposal", "no-unstable-check", "v4.9-kthread-check",
                        "v4.13-stable-check"}) {
    EXPECT_VIOLATES("oom-reaper", v, "no-premature-skip") << v;
  }
  EXPECT_VIOLATES("oom-reaper", "seed-proposal", "no-uaf");
  EXPECT_VIOLATES("oom-reaper", "no-unstable-check", "no-stale-refault");
  for (const char* v : {"v4.15", "v4.17", "v4.19", "v5.17", "v6.0"}) EXPECT_HOLDS("oom-reaper", v) << v;
}

// ---- the model's self-description ----------------------------------------------
TEST(ModelSpec, EverySwitchIsExplainedAndEveryVariantResolves) {
  const ModelSpec* m = models::Find("oom-reaper");
  ASSERT_NE(m, nullptr);
  for (const SwitchSpec& s : m->switches) EXPECT_GT(s.meaning.size(), 20u) << s.name;
  for (const VariantSpec& v : m->variants) {
    EXPECT_TRUE(m->Resolve(v.name, {}).ok()) << v.name;
    EXPECT_FALSE(v.summary.empty()) << v.name;
  }
  for (const char* p : {"no-uaf", "no-double-unmap", "munlock-safe", "no-premature-skip", "reaper-progress",
                        "no-stale-refault", "no-hang"}) {
    EXPECT_TRUE(m->HasProperty(p)) << p;
  }
}

}  // namespace
}  // namespace lockstep
