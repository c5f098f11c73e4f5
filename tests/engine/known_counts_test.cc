// Exact execution counts on programs whose number of Mazurkiewicz traces is
// known, and determinism of the counts across runs.
#include <gtest/gtest.h>

#include "checker/explore/dpor.h"
#include "checker/lockstep.h"
#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep {
namespace {

struct Vars {
  explicit Vars(int n) {
    for (int i = 0; i < n; ++i) x.push_back(std::make_unique<Atomic<int>>("x" + std::to_string(i)));
  }
  std::vector<std::unique_ptr<Atomic<int>>> x;
};

Task<void> Write(Atomic<int>& x, int v) { co_await x.store(v); }
Task<void> ReadTwice(Atomic<int>& x, Atomic<int>& y) {
  co_await x.load();
  co_await y.load();
}

ExploreStats Count(int threads, std::function<Task<void>(Vars&, int)> body, int vars) {
  Runtime rt([&](Runtime& r) {
    Vars& v = r.Make<Vars>(vars);
    for (int t = 0; t < threads; ++t) spawn("t" + std::to_string(t), body(v, t));
  });
  ExploreResult res = ExploreDpor(rt, ExploreOptions{});
  EXPECT_TRUE(res.limit.empty());
  EXPECT_EQ(res.stats.sleep_set_blocked, 0u);
  return res.stats;
}

uint64_t Factorial(int n) { return n <= 1 ? 1 : n * Factorial(n - 1); }

TEST(KnownCounts, WritersOfOneVariableGiveNFactorial) {
  for (int n = 1; n <= 6; ++n) {
    auto s = Count(n, [](Vars& v, int t) { return Write(*v.x[0], t); }, 1);
    EXPECT_EQ(s.executions, Factorial(n)) << n << " writers";
  }
}

// lockinc(N): N threads each lock, increment, unlock. A blocked lock() is not
// a step, so the traces are the N! orders of the critical sections.
TEST(KnownCounts, LockedIncrementsGiveNFactorial) {
  for (int n = 1; n <= 6; ++n) {
    Runtime rt([n](Runtime& r) {
      auto& m = r.Make<Mutex>("m");
      auto& x = r.Make<Atomic<int>>("x");
      for (int t = 0; t < n; ++t) {
        spawn("t" + std::to_string(t), [](Mutex& l, Atomic<int>& v) -> Task<void> {
          co_await l.lock();
          const int old = co_await v.load();
          co_await v.store(old + 1);
          co_await l.unlock();
        }(m, x));
      }
    });
    const ExploreResult r = ExploreDpor(rt, ExploreOptions{});
    EXPECT_EQ(r.stats.executions, Factorial(n)) << n << " lockers";
    EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
  }
}

TEST(KnownCounts, DisjointVariablesGiveOne) {
  for (int n = 1; n <= 8; ++n) {
    auto s = Count(n, [](Vars& v, int t) { return Write(*v.x[t], t); }, n);
    EXPECT_EQ(s.executions, 1u) << n << " threads";
  }
}

// Up to kMaxThreads threads: 64 writers of their own variables are one trace;
// a main thread spawning 63 lockers of one mutex is the 63! orders' first few
// (bounded), with the vector clocks spilling past their inline size.
TEST(KnownCounts, SixtyFourThreads) {
  auto s = Count(64, [](Vars& v, int t) { return Write(*v.x[t], t); }, 64);
  EXPECT_EQ(s.executions, 1u);
  Runtime rt([](Runtime& r) {
    auto& m = r.Make<Mutex>("m");
    spawn("main", [](Mutex& l) -> Task<void> {
      for (int i = 0; i < 63; ++i) {
        spawn("w" + std::to_string(i), [](Mutex& x) -> Task<void> {
          co_await x.lock();
          co_await x.unlock();
        }(l));
      }
      co_return;
    }(m));
  });
  ExploreOptions o;
  o.max_executions = 50;
  const ExploreResult r = ExploreDpor(rt, o);
  EXPECT_EQ(r.stats.executions, 50u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
  EXPECT_EQ(rt.NumThreads(), 64);
  Runtime too_many([](Runtime& r) {
    auto& x = r.Make<Atomic<int>>("x");
    for (int i = 0; i < kMaxThreads + 1; ++i) spawn("t" + std::to_string(i), Write(x, 0));
  });
  EXPECT_THROW(ExploreDpor(too_many, ExploreOptions{}), ModelError);
}

TEST(KnownCounts, ReadersOnlyGiveOne) {
  for (int n = 1; n <= 8; ++n) {
    auto s = Count(n, [](Vars& v, int) { return ReadTwice(*v.x[0], *v.x[1]); }, 2);
    EXPECT_EQ(s.executions, 1u) << n << " readers";
  }
}

TEST(KnownCounts, DifferentBitsOfOneWordCommute) {
  Runtime rt([](Runtime& r) {
    Bits& b = r.Make<Bits>("flags");
    for (int t = 0; t < 4; ++t) {
      spawn("t" + std::to_string(t), [](Bits& w, int bit) -> Task<void> { co_await w.set_bit(bit); }(b, t));
    }
  });
  EXPECT_EQ(ExploreDpor(rt, ExploreOptions{}).stats.executions, 1u);
}

TEST(KnownCounts, EveryValueOfAChoiceIsExplored) {
  Runtime rt([](Runtime& r) {
    auto& x = r.Make<Atomic<int>>("x");
    spawn("t", [](Atomic<int>& v) -> Task<void> { co_await v.store(co_await choose(3)); }(x));
    spawn("u", [](Atomic<int>& v) -> Task<void> { co_await v.store(9); }(x));
  });
  // 3 values x 2 orders of the stores.
  EXPECT_EQ(ExploreDpor(rt, ExploreOptions{}).stats.executions, 6u);
}

TEST(Determinism, SameCountsOnEveryRun) {
  for (const ModelSpec& m : models::All()) {
    for (const VariantSpec& v : m.variants) {
      CheckRequest req;
      req.model = &m;
      req.variant = v.name;
      req.explore.stop_at_first_violation = false;
      auto first = RunCheck(req);
      auto second = RunCheck(req);
      ASSERT_TRUE(first.ok() && second.ok()) << m.name << "/" << v.name << ": " << (first.ok() ? second.status() : first.status());
      EXPECT_EQ(first->stats.executions, second->stats.executions) << m.name << "/" << v.name;
      EXPECT_EQ(first->stats.events, second->stats.events) << m.name << "/" << v.name;
      ASSERT_EQ(first->violations.size(), second->violations.size());
      for (size_t i = 0; i < first->violations.size(); ++i) {
        EXPECT_EQ(first->violations[i].token, second->violations[i].token);
      }
    }
  }
}

}  // namespace
}  // namespace lockstep
