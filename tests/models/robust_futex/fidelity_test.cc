// The robust-futex model against the kernel code it stands for, one test per
// finding of the independent cross-check (issue 8): the swap-in path, the v5
// guard, v5's failed trylock, and the switch combinations that mean nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/registry.h"
#include "tests/models/robust_futex/check_support.h"
#include "tests/support/explore_all.h"

namespace lockstep::robust_futex_test {
namespace {

// "thread object.operation -> result" for every step of the counterexample of `property`.
std::vector<std::string> StepsWithResults(const Outcome& o, const std::string& property) {
  std::vector<std::string> out;
  for (const ViolationReport& v : o.report.violations) {
    if (v.counterexample.violation.property != property) continue;
    for (const TraceStep& s : v.trace.steps) {
      out.push_back(s.thread + " " + s.object + "." + s.operation + " -> " + s.result);
    }
  }
  return out;
}

// 1. check_stable_address_space() guards do_anonymous_page()/finish_fault()
// (a PTE that is none), not do_swap_page(): a swapped-out page of a VMA the
// reaper kept comes back even after MMF_UNSTABLE is set. skip-head-vma keeps
// tls0 and, with head -> m1, nothing else the walk needs is private.
TEST(SwapIn, PageOfAKeptVmaComesBackAfterMmfUnstable) {
  EXPECT_FALSE(Check("skip-head-vma", {"threads=1", "chain=head-m1", "pages=swapped"}).Violated(kP7));
  EXPECT_FALSE(
      Check("skip-head-vma", {"threads=1", "chain=head-m1", "pages=swapped", "writer=1"}).Violated(kP7));
  EXPECT_FALSE(Check("skip-all-head-vmas", {"threads=1", "chain=head-m1", "pages=swapped"}).Violated(kP7));
  EXPECT_FALSE(Check("skip-all-head-vmas", {"threads=2", "chain=head-m1", "pages=swapped"}).Violated(kP7));
}

// ... while a zapped page (PTE none after the reaper) still fails with
// -EFAULT: v5.17 with swapped pages is violated through a zapped VMA.
TEST(SwapIn, ZappedPageStillFaultsWithEfault) {
  const Outcome o = Check("v5.17", {"pages=swapped"});
  ASSERT_TRUE(o.Violated(kP7));
  const std::vector<std::string> steps = Steps(o, kP7);
  const int zap = IndexOf(steps, "pte(tls0).store(2)");
  EXPECT_GE(zap, 0);
  EXPECT_GT(IndexOf(steps, "victim mm->flags.test_bit(MMF_UNSTABLE)", zap), zap);
}

// 2. v5 cleans the list only `if (task_has_robust_list(tsk) &&
// !try_futex_exit_release(tsk))`: a task that has cleaned up (robust_list = 0)
// is left alone, so under the timing assumption nothing rolls back.
TEST(V5Guard, NoRollbackUnderTheTimingAssumption) {
  EXPECT_FALSE(Check("reaper-cleans-list", {"oom-delay=1", "timing=assumed"}).Violated(kP9));
  EXPECT_FALSE(Check("reaper-cleans-list", {"oom-delay=1", "timing=assumed", "threads=2", "chain=head-m2-m1"})
                   .Violated(kP9));
  // Without it the unlocked guard can pass before the task's own cleanup and
  // the trylock succeed after it.
  EXPECT_TRUE(Check("reaper-cleans-list", {"oom-delay=1", "timing=any"}).Violated(kP9));
  EXPECT_TRUE(Check("reaper-cleans-list", {}).Violated(kP9));
}

// The reaper reads tsk->robust_list before it touches futex_exit_mutex.
TEST(V5Guard, RollbackPassesTheGuardBeforeTheTasksCleanup) {
  const Outcome o = Check("reaper-cleans-list", {});
  const std::vector<std::string> steps = StepsWithResults(o, kP9);
  const int guard = IndexOf(steps, "oom_reaper victim->robust_list.load");
  const int trylock = IndexOf(steps, "oom_reaper victim->futex_exit_mutex.trylock");
  ASSERT_GE(guard, 0);
  EXPECT_GT(trylock, guard);
  EXPECT_EQ(steps[guard].find("-> 0"), std::string::npos) << steps[guard];  // it saw the list still set
}

// No counterexample but P9's own shows a DEAD -> EXITING step (the 2-thread
// robust-owner-died trace did, through the missing guard).
TEST(V5Guard, OtherCounterexamplesShowNoRollback) {
  for (const char* threads : {"threads=1", "threads=2"}) {
    const Outcome o = Check("reaper-cleans-list", {threads});
    for (const ViolationReport& v : o.report.violations) {
      if (v.counterexample.violation.property == kP9) continue;
      bool dead = false;
      for (const TraceStep& s : v.trace.steps) {
        if (s.object != "victim->futex_state") continue;
        if (s.operation == "store(2)") dead = true;
        EXPECT_FALSE(dead && s.operation == "store(1)")
            << threads << " " << v.counterexample.violation.property << " step " << s.index;
      }
    }
  }
}

// 3. A failed mutex_trylock(&tsk->futex_exit_mutex) is `goto out_finish`:
// oom_reap_task_mm() returns true and oom_reap_task() sets MMF_OOM_SKIP with
// nothing reaped while the victim's private memory is still mapped.
TEST(V5FailedTrylock, SetsMmfOomSkipWithNothingReaped) {
  const Outcome o = Check("reaper-cleans-list", {"threads=1"});
  ASSERT_TRUE(o.Violated(kP4)) << "the failed trylock must not be retried or pruned";
  const std::vector<std::string> steps = StepsWithResults(o, kP4);
  const int trylock = IndexOf(steps, "oom_reaper victim->futex_exit_mutex.trylock -> 0");
  const int skip = IndexOf(steps, "oom_reaper mm->flags.test_and_set_bit(MMF_OOM_SKIP) -> 0");
  ASSERT_GE(trylock, 0) << ::testing::PrintToString(steps);
  EXPECT_GT(skip, trylock);
  for (const std::string& s : steps) {
    EXPECT_FALSE(s.find(" pte(") != std::string::npos && s.find(".store(2)") != std::string::npos)
        << s;  // no zap
  }
  EXPECT_NE(Message(o, kP4).find("without reaping"), std::string::npos) << Message(o, kP4);
}

// 4. Combinations that make the scenario meaningless are refused, each with
// its one-line reason naming the switches.
TEST(RefusedCombinations, RefusedWithAReason) {
  const ModelSpec* m = models::Find("robust-futex");
  ASSERT_NE(m, nullptr);
  struct Case {
    std::string variant;
    std::vector<std::string> set;
    std::vector<std::string> named;
  };
  for (const Case& c : std::vector<Case>{
           {"v5.17", {"stuck=yes"}, {"stuck=yes", "oom-delay=0"}},
           {"skip-head-vma", {"stuck=yes"}, {"stuck=yes", "oom-delay=0"}},
           {"reaper-cleans-list", {"stuck=yes"}, {"stuck=yes", "oom-delay=0"}},
           {"last-resort", {"oom-delay=0", "stuck=yes"}, {"stuck=yes", "oom-delay=0"}},
           {"v5.17", {"stuck=any"}, {"stuck=any", "oom-delay=0"}},
           {"v5.17", {"timing=assumed"}, {"timing=assumed", "oom-delay=0"}},
           {"last-resort", {"oom-delay=0"}, {"last-resort=1", "oom-delay=0"}},
           {"skip-robust-list", {"reaper-cleans-list=1"}, {"reaper-cleans-list=1", "skip-robust-list=1"}},
       }) {
    SCOPED_TRACE(c.variant + " " + ::testing::PrintToString(c.set));
    const absl::Status st = m->Resolve(c.variant, c.set).status();
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
    for (const std::string& w : c.named) EXPECT_NE(st.message().find(w), std::string::npos) << st.message();
    EXPECT_EQ(st.message().find('\n'), std::string::npos);
  }
  // The meaningful neighbours are accepted.
  EXPECT_TRUE(m->Resolve("v5.18-delay", {"stuck=yes"}).ok());
  EXPECT_TRUE(m->Resolve("last-resort", {"stuck=any", "timing=assumed"}).ok());
}

// Settings with every switch at its default, then `set` (no validation: for
// running a refused combination on purpose).
Settings Raw(const ModelSpec& m, const std::vector<std::pair<std::string, int64_t>>& set) {
  Settings s;
  for (const SwitchSpec& sw : m.switches) s.Set(sw.name, sw.default_value);
  for (const auto& [k, v] : set) s.Set(k, v);
  return s;
}

// Why stuck=yes without the timer is refused: run anyway, no execution
// completes (all are pruned), so a verdict would rest on nothing.
TEST(RefusedCombinations, StuckWithoutTheTimerChecksNothing) {
  const ModelSpec* m = models::Find("robust-futex");
  ASSERT_NE(m, nullptr);
  for (int64_t variant_switch : {0, 1}) {
    const Settings s = Raw(*m, {{"stuck", 1}, {"oom-delay", 0}, {"reaper-cleans-list", variant_switch}});
    const ExploreResult r = testing::ExploreAll([&](Runtime& rt) { m->setup(rt, s); });
    EXPECT_GT(r.stats.assume_blocked, 0u);
    EXPECT_EQ(r.stats.complete, 0u);
  }
}

// And the converse: every combination of the variant switches and the
// timing switches that the model accepts completes executions (smallest
// scenario: one thread, head -> m1, no writer, resident pages).
TEST(RefusedCombinations, EveryAcceptedCombinationCompletesExecutions) {
  const ModelSpec* m = models::Find("robust-futex");
  ASSERT_NE(m, nullptr);
  int accepted = 0, refused = 0;
  for (const char* stuck : {"no", "yes", "any"}) {
    for (const char* timing : {"any", "assumed"}) {
      for (const char* delay : {"0", "1"}) {
        for (const char* skip_list : {"0", "1"}) {
          for (const char* cleans : {"0", "1"}) {
            for (const char* head : {"no", "queued-task", "all-threads"}) {
              for (const char* last : {"0", "1"}) {
                const std::vector<std::string> set = {std::string("stuck=") + stuck,
                                                      std::string("timing=") + timing,
                                                      std::string("oom-delay=") + delay,
                                                      std::string("skip-robust-list=") + skip_list,
                                                      std::string("reaper-cleans-list=") + cleans,
                                                      std::string("skip-head-vma=") + head,
                                                      std::string("last-resort=") + last};
                absl::StatusOr<Settings> s = m->Resolve("v5.17", set);
                if (!s.ok()) {
                  ++refused;
                  continue;
                }
                ++accepted;
                const ExploreResult r = testing::ExploreAll([&](Runtime& rt) { m->setup(rt, *s); });
                EXPECT_GT(r.stats.complete, 0u) << ::testing::PrintToString(set);
              }
            }
          }
        }
      }
    }
  }
  EXPECT_GT(accepted, 0);
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace lockstep::robust_futex_test
