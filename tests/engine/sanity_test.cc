// Small end-to-end checks of the runtime and the explorers on hand-written
// models whose answers are known.
#include <gtest/gtest.h>

#include <set>

#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "checker/lockstep.h"
#include "tests/support/explore_all.h"

namespace lockstep {
namespace {

ExploreResult Dpor(ModelSetup setup) { return testing::ExploreAll(std::move(setup)); }

struct Pair {
  RwSem sem{"mmap_sem"};
  Mutex m{"m"};
};

Task<void> ReaderThenWriter(RwSem& s) {
  co_await s.down_read();
  co_await s.down_write();  // self-deadlock
}

TEST(Sanity, SelfDeadlockOnRwsemIsReported) {
  auto r = Dpor([](Runtime& rt) {
    auto& p = rt.Make<Pair>();
    spawn("t", ReaderThenWriter(p.sem));
  });
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].violation.property, "no-hang");
  EXPECT_EQ(r.stats.executions, 1u);
}

Task<void> LockUnlock(Mutex& m) {
  co_await m.lock();
  co_await m.unlock();
}

TEST(Sanity, TwoLockersGiveTwoTraces) {
  auto setup = [](Runtime& rt) {
    auto& p = rt.Make<Pair>();
    spawn("a", LockUnlock(p.m));
    spawn("b", LockUnlock(p.m));
  };
  auto r = Dpor(setup);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
  // a's critical section first, or b's: a blocked lock() is not a step, so
  // "b asked before or after a unlocked" is one trace.
  EXPECT_EQ(r.stats.executions, 2u);
}

Task<void> LockBoth(Mutex& first, Mutex& second) {
  co_await first.lock();
  co_await second.lock();
  co_await second.unlock();
  co_await first.unlock();
}

// ABBA: the deadlock needs each thread to take its first lock before the
// other's second; neither blocked lock() is ever a step.
TEST(Sanity, AbbaDeadlockIsFoundAmongThreeTraces) {
  auto r = Dpor([](Runtime& rt) {
    auto& a = rt.Make<Mutex>("a");
    auto& b = rt.Make<Mutex>("b");
    spawn("t", LockBoth(a, b));
    spawn("u", LockBoth(b, a));
  });
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].violation.property, "no-hang");
  EXPECT_NE(r.violations[0].violation.message.find("wait-for cycle"), std::string::npos);
  EXPECT_EQ(r.stats.executions, 3u);  // t first, u first, deadlock
  EXPECT_EQ(r.stats.deadlocked, 1u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

Task<void> Forget(Mutex& m) { co_await m.lock(); }

// The lock() of u never runs when t took the mutex and ended holding it; the
// trace in which u takes it first must be explored all the same.
TEST(Sanity, ALockThatNeverRunsStillRaces) {
  auto r = Dpor([](Runtime& rt) {
    auto& m = rt.Make<Mutex>("m");
    spawn("t", Forget(m));
    spawn("u", Forget(m));
  });
  EXPECT_EQ(r.stats.executions, 2u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

TEST(Sanity, EndingWhileHoldingALockIsMisuse) {
  auto r = Dpor([](Runtime& rt) { spawn("t", Forget(rt.Make<Pair>().m)); });
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].violation.property, "no-lock-misuse");
}

Task<void> Child(Atomic<int>& x) { co_await x.store(1); }
Task<void> Parent(Atomic<int>& x) {
  auto t = spawn("child", Child(x));
  co_await join(t);
  check(co_await x.load() == 1, "joined", "join did not wait for the child");
}

TEST(Sanity, JoinOrdersTheChildBeforeTheParent) {
  auto r = Dpor([](Runtime& rt) {
    auto& x = rt.Make<Atomic<int>>("x");
    spawn("parent", Parent(x));
  });
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.stats.executions, 1u);
}

// Awaiting a task in a condition is fine as long as the statement has no
// co_return (GCC 12, see checker/runtime/task.h and tests/lint/).
Task<bool> IsSet(Bits& b) { co_return co_await b.test_bit(1); }
Task<int> Branch(Bits& b) {
  int result = 2;
  if (co_await IsSet(b)) result = 1;
  co_return result;
}
Task<void> Tester(Bits& b, Atomic<int>& out) { co_await out.store(co_await Branch(b)); }

TEST(Sanity, AwaitingATaskInAConditionWorks) {
  std::set<int64_t> stored;
  Runtime rt([](Runtime& r) {
    auto& b = r.Make<Bits>("b");
    auto& out = r.Make<Atomic<int>>("out");
    spawn("tester", Tester(b, out));
    spawn("setter", [](Bits& x) -> Task<void> { co_await x.set_bit(1); }(b));
  });
  ExploreOptions o;
  o.observer = [&](const ExecutionView& v) {
    for (const Event& e : v.events) {
      if (e.op.kind == OpKind::kStore) stored.insert(e.op.arg);
    }
  };
  EXPECT_EQ(ExploreDpor(rt, o).stats.executions, 2u);
  EXPECT_EQ(stored, (std::set<int64_t>{1, 2}));
}

}  // namespace
}  // namespace lockstep
