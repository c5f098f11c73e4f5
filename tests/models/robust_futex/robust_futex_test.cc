// The model's verdict table (docs/models/robust-futex.md, "Expected
// verdicts"), one test per row (and per scenario the row's condition names),
// checked with optimal DPOR. Each run explores everything
// (stop_at_first_violation = false), so the number of executions is the size
// of the whole search and is pinned. The rows were re-derived with
// `lockstep compare robust-futex --variants V --set ... --format json`.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/models/robust_futex/check_support.h"

namespace lockstep::robust_futex_test {
namespace {

struct Scenario {
  std::vector<std::string> set;
  uint64_t executions;
  std::set<std::string> violated;
};

void ExpectRows(const std::string& variant, const std::vector<Scenario>& rows) {
  for (const Scenario& row : rows) {
    SCOPED_TRACE(variant + " " + ::testing::PrintToString(row.set));
    const Outcome o = Check(variant, row.set);
    EXPECT_EQ(o.violated, row.violated);
    EXPECT_EQ(o.stats.executions, row.executions);
  }
}

// 5.17 and earlier: P7 V in every scenario (with swapped pages too: the
// reaper zaps the TLS page, and the fault on a zapped PTE fails); P8, P9, P4/P5 S.
TEST(RobustFutexTable, V517ReapAtOnce) {
  ExpectRows("v5.17", {
                 {{"threads=1", "chain=head-m1", "writer=0"}, 30, {kP7}},
                 {{"threads=1", "chain=head-m1", "writer=1"}, 112, {kP7}},
                 {{"threads=1", "chain=head-m2-m1", "writer=1"}, 256, {kP7}},
                 {{"threads=2", "chain=head-m1", "writer=0"}, 276, {kP7}},
                 {{"threads=2", "chain=head-m2-m1", "writer=0"}, 980, {kP7}},
                 {{"threads=1", "chain=head-m1", "pages=swapped"}, 120, {kP7}},
             });
}

// Skip if robust list set: P7 V with 2 threads, S with one; P4 V (never reaps).
TEST(RobustFutexTable, SkipRobustList) {
  ExpectRows("skip-robust-list", {
                 {{"threads=1", "chain=head-m1"}, 40, {kP4}},
                 {{"threads=1", "chain=head-m2-m1", "writer=1"}, 128, {kP4}},
                 {{"threads=2", "chain=head-m1"}, 92, {kP4, kP7}},
             });
}

// Clean list from reaper (v5, with its task_has_robust_list() guard): P7 V
// with 2 threads, S for one; P8 V with a queued writer and a faulting
// get_user; P9 V without the timing assumption, S under it (the guard skips a
// task that has cleaned up); P4 V in every scenario: a failed trylock of
// futex_exit_mutex is `goto out_finish`, success with nothing reaped.
TEST(RobustFutexTable, ReaperCleansList) {
  ExpectRows("reaper-cleans-list", {
                 {{"threads=1"}, 72, {kP4, kP9}},
                 {{"threads=1", "chain=head-m2-m1", "writer=1"}, 212, {kP4, kP9}},
                 {{"threads=2"}, 180, {kP4, kP7, kP9}},
                 {{"threads=1", "pages=swapped", "writer=1"}, 1361, {kP4, kP8, kP9}},
                 {{"threads=1", "pages=swapped", "writer=0"}, 256, {kP4, kP9}},
                 {{"threads=1", "pages=resident", "writer=1"}, 212, {kP4, kP9}},
                 {{"oom-delay=1", "timing=any"}, 80, {kP4, kP9}},
                 {{"oom-delay=1", "timing=assumed"}, 48, {}},
                 {{"oom-delay=1", "timing=assumed", "threads=2", "chain=head-m2-m1"}, 128, {}},
             });
}

// Skip head VMA (v6 .. v8): P7 V for head -> m2 -> m1 or with 2 threads; S for
// one thread with head -> m1, also with its pages swapped out (a swapped page
// of the kept VMA comes back: do_swap_page() has no MMF_UNSTABLE check).
TEST(RobustFutexTable, SkipHeadVma) {
  ExpectRows("skip-head-vma", {
                 {{"threads=1", "chain=head-m1"}, 40, {}},
                 {{"threads=1", "chain=head-m1", "writer=1"}, 128, {}},
                 {{"threads=1", "chain=head-m1", "pages=swapped"}, 168, {}},
                 {{"threads=1", "chain=head-m2-m1"}, 62, {kP7}},
                 {{"threads=2", "chain=head-m1"}, 104, {kP7}},
             });
}

// Skip all head VMAs: P7 V for head -> m2 -> m1, S for head -> m1 (swapped
// pages or not).
TEST(RobustFutexTable, SkipAllHeadVmas) {
  ExpectRows("skip-all-head-vmas", {
                 {{"threads=1", "chain=head-m1"}, 40, {}},
                 {{"threads=1", "chain=head-m1", "pages=swapped"}, 168, {}},
                 {{"threads=2", "chain=head-m1"}, 144, {}},
                 {{"threads=2", "chain=head-m1", "pages=swapped"}, 7200, {}},
                 {{"threads=1", "chain=head-m2-m1"}, 62, {kP7}},
                 {{"threads=2", "chain=head-m2-m1"}, 232, {kP7}},
             });
}

// 5.18 delay: V with the timer at any time; S under the timing assumption for
// a victim that is not stuck; V (accepted) for a stuck one.
TEST(RobustFutexTable, V518Delay) {
  ExpectRows("v5.18-delay",
             {
                 {{"timing=any", "stuck=no"}, 38, {kP7}},
                 {{"timing=any", "stuck=no", "threads=2", "chain=head-m2-m1", "writer=1"}, 7648, {kP7}},
                 {{"timing=assumed", "stuck=no"}, 48, {}},
                 {{"timing=assumed", "stuck=no", "threads=2", "chain=head-m2-m1", "writer=1"}, 240, {}},
                 {{"timing=assumed", "stuck=yes", "chain=head-m2-m1", "writer=1"}, 268, {kP7}},
                 {{"timing=assumed", "stuck=any", "chain=head-m2-m1", "writer=1"}, 372, {kP7}},
             });
}

// Last resort: S for a victim that is not stuck, with no timing assumption;
// V (accepted) for one stuck until after the reaping.
TEST(RobustFutexTable, LastResort) {
  ExpectRows("last-resort", {
                 {{"timing=any", "stuck=no", "chain=head-m2-m1", "writer=1"}, 16, {}},
                 {{"timing=any", "stuck=no", "threads=2", "chain=head-m2-m1", "writer=1"}, 32, {}},
                 {{"timing=any", "stuck=yes", "chain=head-m2-m1", "writer=1"}, 268, {kP7}},
             });
}

// Gleixner 1: TLS -> mutex2 -> mutex1 defeats skip-head-vma. The reaper keeps
// tls0 but zaps the heap VMA holding mutex2, so the walk faults on mutex2 and
// never reaches mutex1.
TEST(GleixnerFindings, ChainThroughPrivateMutexDefeatsSkipHeadVma) {
  const Outcome o = Check("skip-head-vma", {"chain=head-m2-m1"});
  ASSERT_TRUE(o.Violated(kP7));
  const std::vector<std::string> steps = Steps(o, kP7);
  const int zap_heap = IndexOf(steps, "oom_reaper pte(heap).store(2)");
  const int walk_heap = IndexOf(steps, "victim pte(heap).load");
  EXPECT_GE(zap_heap, 0);
  EXPECT_GT(walk_heap, zap_heap);
  EXPECT_EQ(IndexOf(steps, "oom_reaper pte(tls0).store"), -1);  // the head VMA was kept
  EXPECT_NE(Message(o, kP7).find("sleeps forever"), std::string::npos);
}

// Gleixner 2: the reaper's get_user() faults under mmap_read_lock; with a
// writer queued the fault's mmap_read_lock() waits behind it: a cycle.
TEST(GleixnerFindings, PageFaultDeadlockNeedsAQueuedWriter) {
  const Outcome with_writer = Check("reaper-cleans-list", {"pages=swapped", "writer=1"});
  ASSERT_TRUE(with_writer.Violated(kP8));
  const std::string m = Message(with_writer, kP8);
  EXPECT_NE(m.find("wait-for cycle"), std::string::npos) << m;
  EXPECT_NE(m.find("oom_reaper -> mmap_writer"), std::string::npos) << m;
  EXPECT_NE(m.find("mmap_writer -> oom_reaper"), std::string::npos) << m;
  EXPECT_EQ(with_writer.stats.deadlocked, 1u);
  const Outcome without_writer = Check("reaper-cleans-list", {"pages=swapped", "writer=0"});
  EXPECT_FALSE(without_writer.Violated(kP8));
  EXPECT_EQ(without_writer.stats.deadlocked, 0u);
}

// Gleixner 3: a task that already cleaned up is rolled back DEAD -> EXITING.
TEST(GleixnerFindings, FutexStateRollback) {
  const Outcome o = Check("reaper-cleans-list", {});
  ASSERT_TRUE(o.Violated(kP9));
  EXPECT_NE(Message(o, kP9).find("FUTEX_STATE_DEAD -> FUTEX_STATE_EXITING"), std::string::npos) << Message(o, kP9);
  // Without the reaper's cleanup nothing rolls back.
  EXPECT_FALSE(Check("v5.17", {}).Violated(kP9));
}

// v5.17: the reaper zaps the TLS page with the list head before the walk reads it.
TEST(GleixnerFindings, V517ReaperZapsTheListBeforeTheWalk) {
  const Outcome o = Check("v5.17", {});
  ASSERT_TRUE(o.Violated(kP7));
  const std::vector<std::string> steps = Steps(o, kP7);
  const int zap = IndexOf(steps, "oom_reaper pte(tls0).store(2)");
  const int walk = IndexOf(steps, "victim pte(tls0).load");
  EXPECT_GE(zap, 0);
  EXPECT_GT(walk, zap);
}

// The timing assumption is what makes v5.18 safe.
TEST(GleixnerFindings, V518VerdictFollowsTheTimingAssumption) {
  EXPECT_TRUE(Check("v5.18-delay", {"timing=any"}).Violated(kP7));
  EXPECT_FALSE(Check("v5.18-delay", {"timing=assumed"}).Violated(kP7));
  EXPECT_TRUE(Check("v5.18-delay", {"timing=assumed", "stuck=yes"}).Violated(kP7));
}

}  // namespace
}  // namespace lockstep::robust_futex_test
