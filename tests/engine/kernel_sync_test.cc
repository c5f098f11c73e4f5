// The state tables of the kernel vocabulary in checker/sync/ (spinlock,
// semaphore, completion, refcount_t, wait queue, seqcount, RCU), explored
// exhaustively on small programs: what must hold holds in every execution,
// and what must fail is reported under the right property.
#include <gtest/gtest.h>

#include <string>

#include "checker/lockstep.h"
#include "tests/support/explore_all.h"

namespace lockstep {
namespace {

using testing::ExploreAll;

bool Violated(const ExploreResult& r, const std::string& property, const std::string& text = "") {
  for (const Counterexample& c : r.violations) {
    if (c.violation.property == property && c.violation.message.find(text) != std::string::npos) return true;
  }
  return false;
}

void ExpectHoldsExhaustively(const ExploreResult& r) {
  for (const Counterexample& c : r.violations) ADD_FAILURE() << c.violation.property << ": " << c.violation.message;
  EXPECT_TRUE(r.limit.empty()) << r.limit;
  EXPECT_GT(r.stats.complete, 0u);
  EXPECT_EQ(r.stats.executions, r.stats.complete);
  EXPECT_EQ(r.stats.assume_blocked, 0u);
  EXPECT_EQ(r.stats.sleep_set_blocked, 0u);
}

// ---- Semaphore ----

struct Sema {
  Semaphore sem{"sem", 0};
  Atomic<int> got{"got", -1};
};
Task<void> Down(Semaphore& s) { co_await down(s); }
Task<void> Up(Semaphore& s) { co_await up(s); }
Task<void> TryDown(Semaphore& s, Atomic<int>& got) {
  const int r = co_await down_trylock(s);
  co_await got.store(r);
}

TEST(Semaphore, DownWaitsForAnUpByAnotherThread) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& s = rt.Make<Sema>();
    spawn("waiter", Down(s.sem));
    spawn("poster", Up(s.sem));
  });
  ExpectHoldsExhaustively(r);
  EXPECT_EQ(r.stats.executions, 1u);  // the down can only follow the up
}

TEST(Semaphore, DownWithoutUpIsAHang) {
  auto r = ExploreAll([](Runtime& rt) { spawn("waiter", Down(rt.Make<Sema>().sem)); });
  EXPECT_TRUE(Violated(r, kNoHang, "waiter waits for sem (down)")) << r.violations.size();
}

TEST(Semaphore, DownTrylockReturnsZeroOnSuccess) {
  Sema* s = nullptr;
  auto r = ExploreAll([&s](Runtime& rt) {
    s = &rt.Make<Sema>();
    spawn("poster", Up(s->sem));
    spawn("trier", TryDown(s->sem, s->got));
    rt.AtEnd("trylock-result", [&s]() -> std::optional<std::string> {
      // 0 (taken) leaves count 0; 1 (failed) leaves the up's count 1
      if ((s->got.peek() == 0) == (s->sem.peek() == 0)) return std::nullopt;
      return "down_trylock result does not match the count";
    });
  });
  ExpectHoldsExhaustively(r);
  EXPECT_EQ(r.stats.executions, 2u);
}

// ---- Completion ----

struct Comp {
  Completion done{"done"};
  Atomic<int> passed{"passed"};
};
Task<void> Waiter(Comp& c) {
  co_await wait_for_completion(c.done);
  co_await c.passed.fetch_add(1);
}
Task<void> Completer(Comp& c, bool all) {
  if (all) {
    co_await complete_all(c.done);
  } else {
    co_await complete(c.done);
  }
}

TEST(Completion, CompleteReleasesOneWaiterTheOtherHangs) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& c = rt.Make<Comp>();
    spawn("w1", Waiter(c));
    spawn("w2", Waiter(c));
    spawn("completer", Completer(c, false));
  });
  EXPECT_TRUE(Violated(r, kNoHang, "(wait_for_completion)"));
}

TEST(Completion, CompleteAllReleasesEveryWaiter) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& c = rt.Make<Comp>();
    spawn("w1", Waiter(c));
    spawn("w2", Waiter(c));
    spawn("completer", Completer(c, true));
    rt.AtEnd("both-passed", [&c]() -> std::optional<std::string> {
      if (c.passed.peek() == 2 && c.done.peek() == Semaphore::kAll) return std::nullopt;
      return "a waiter did not pass";
    });
  });
  ExpectHoldsExhaustively(r);
}

Task<void> TryWaitThenDone(Comp& c) {
  const bool got = co_await try_wait_for_completion(c.done);
  const bool done = co_await completion_done(c.done);
  check(!(got && done), "try-wait", "try_wait_for_completion took the only completion, yet completion_done");
  co_await c.passed.store(got ? 1 : 0);
}

TEST(Completion, TryWaitTakesACompletionOnlyWhenThereIsOne) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& c = rt.Make<Comp>();
    spawn("trier", TryWaitThenDone(c));
    spawn("completer", Completer(c, false));
  });
  ExpectHoldsExhaustively(r);
  EXPECT_GE(r.stats.executions, 2u);
}

// ---- Operations that change nothing are reads ----
// A failed down_trylock / try_wait_for_completion / refcount_inc_not_zero,
// and every wait after complete_all(), leave the state as it was: they commute
// with each other, so two of them in two threads are one trace, not two.

Task<void> TryDownTwice(Semaphore& s) { co_await down_trylock(s); }
Task<void> TryWaitOnce(Completion& c) { co_await try_wait_for_completion(c); }
Task<void> WaitOnce(Completion& c) { co_await wait_for_completion(c); }
Task<void> IncNotZero(RefCount& r) { co_await refcount_inc_not_zero(r); }

TEST(ChangesNothing, FailedTriesCommute) {
  auto sem = ExploreAll([](Runtime& rt) {
    auto& s = rt.Make<Semaphore>("sem", 0);
    spawn("a", TryDownTwice(s));
    spawn("b", TryDownTwice(s));
  });
  EXPECT_EQ(sem.stats.executions, 1u);
  auto comp = ExploreAll([](Runtime& rt) {
    auto& c = rt.Make<Completion>("done");
    spawn("a", TryWaitOnce(c));
    spawn("b", TryWaitOnce(c));
  });
  EXPECT_EQ(comp.stats.executions, 1u);
  auto ref = ExploreAll([](Runtime& rt) {
    auto& r = rt.Make<RefCount>("ref", 0);
    spawn("a", IncNotZero(r));
    spawn("b", IncNotZero(r));
  });
  EXPECT_EQ(ref.stats.executions, 1u);
}

Task<void> CompleteAll(Completion& c) { co_await complete_all(c); }

TEST(ChangesNothing, WaitsAfterCompleteAllCommute) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& c = rt.Make<Completion>("done");
    spawn("completer", CompleteAll(c));
    spawn("w1", WaitOnce(c));
    spawn("w2", WaitOnce(c));
  });
  ExpectHoldsExhaustively(r);
  EXPECT_EQ(r.stats.executions, 1u);  // both waits follow complete_all, in either order: one trace
}

// ---- Spinlock and no-sleep-in-atomic ----

struct Locks {
  Spinlock sl{"sl"};
  Mutex m{"m"};
  Atomic<int> inside{"inside"};
};
Task<void> SpinCritical(Locks& l) {
  co_await spin_lock(l.sl);
  const int others = co_await l.inside.fetch_add(1);
  check(others == 0, "mutual-exclusion", "two threads inside");
  co_await l.inside.fetch_sub(1);
  co_await spin_unlock(l.sl);
}
Task<void> MutexUnderSpinlock(Locks& l) {
  co_await spin_lock_irqsave(l.sl);
  co_await l.m.lock();  // may sleep: a bug
  co_await l.m.unlock();
  co_await spin_unlock_irqrestore(l.sl);
}
Task<void> SpinlockUnderMutex(Locks& l) {
  co_await l.m.lock();
  co_await spin_lock(l.sl);  // fine: a spinlock inside a mutex
  const bool got = co_await spin_trylock(l.sl);  // held by itself: fails, does not sleep
  check(!got, "trylock", "spin_trylock took a held spinlock");
  co_await spin_unlock(l.sl);
  co_await l.m.unlock();
}

TEST(Spinlock, MutualExclusion) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& l = rt.Make<Locks>();
    spawn("a", SpinCritical(l));
    spawn("b", SpinCritical(l));
  });
  ExpectHoldsExhaustively(r);
  EXPECT_EQ(r.stats.executions, 2u);
}

TEST(Spinlock, SleepingWhileHoldingOneIsAViolationAtThatStep) {
  auto r = ExploreAll([](Runtime& rt) { spawn("cpu0", MutexUnderSpinlock(rt.Make<Locks>())); });
  ASSERT_TRUE(Violated(r, kNoSleepInAtomic, "cpu0 calls lock, which may sleep, while holding spinlock sl"));
  for (const Counterexample& c : r.violations) {
    if (c.violation.property == kNoSleepInAtomic) {
      EXPECT_EQ(c.violation.at, 1u);  // the lock, step 2
    }
  }
}

TEST(Spinlock, TakingASpinlockUnderAMutexIsFine) {
  auto r = ExploreAll([](Runtime& rt) { spawn("cpu0", SpinlockUnderMutex(rt.Make<Locks>())); });
  ExpectHoldsExhaustively(r);
}

Task<void> ScheduleUnderSpinlock(Locks& l) {
  co_await spin_lock(l.sl);
  co_await set_current_state(TASK_RUNNING);
  co_await schedule();
  co_await spin_unlock(l.sl);
}

TEST(Spinlock, ScheduleWhileHoldingOneIsAViolation) {
  auto r = ExploreAll([](Runtime& rt) { spawn("cpu0", ScheduleUnderSpinlock(rt.Make<Locks>())); });
  EXPECT_TRUE(Violated(r, kNoSleepInAtomic, "schedule"));
}

// ---- refcount_t ----

struct Obj {
  RefCount ref{"obj.ref", 1};
  Spinlock lock{"list_lock"};
  Atomic<int> last{"last"};
};
Task<void> PutThenGet(Obj& o) {
  co_await refcount_dec_and_test(o.ref);
  co_await refcount_inc(o.ref);  // addition on 0
  co_await refcount_dec_and_test(o.ref);
}

TEST(RefCount, IncOnZeroIsReportedAtTheIncrementAndSaturates) {
  Obj* o = nullptr;
  auto r = ExploreAll([&o](Runtime& rt) {
    o = &rt.Make<Obj>();
    spawn("user", PutThenGet(*o));
  });
  ASSERT_TRUE(Violated(r, kRefcountIncOnZero, "user increments obj.ref from 0 (refcount_t: addition on 0"));
  for (const Counterexample& c : r.violations) {
    if (c.violation.property == kRefcountIncOnZero) {
      EXPECT_EQ(c.violation.at, 1u);  // step 2: the increment
    }
  }
  EXPECT_FALSE(Violated(r, kNoUseAfterFree));  // saturated: the later put is not an underflow
}

Task<void> IncNotZero(Obj& o) {
  const bool got = co_await refcount_inc_not_zero(o.ref);
  if (got) co_await refcount_dec_and_test(o.ref);
}
Task<void> PutLast(Obj& o) {
  const bool last = co_await refcount_dec_and_lock(o.ref, o.lock);
  if (last) {
    co_await o.last.fetch_add(1);
    co_await spin_unlock(o.lock);
  }
}

TEST(RefCount, DecAndLockTakesTheLockOnlyForTheLastReference) {
  Obj* o = nullptr;
  auto r = ExploreAll([&o](Runtime& rt) {
    o = &rt.Make<Obj>();
    spawn("finder", IncNotZero(*o));
    spawn("owner", PutLast(*o));
    rt.AtEnd("one-last-put", [&o]() -> std::optional<std::string> {
      if (o->last.peek() == 1 && o->ref.peek() == 0) return std::nullopt;
      return "the last put was not seen exactly once";
    });
  });
  // The finder's own put can be the last one (it puts without the lock):
  // then owner's dec_and_lock is not last and nobody runs the release.
  EXPECT_TRUE(Violated(r, "one-last-put"));
  EXPECT_FALSE(Violated(r, kRefcountIncOnZero));
  EXPECT_FALSE(Violated(r, kNoUseAfterFree));
}

// ---- wait queue ----

struct Wq {
  WaitQueueHead wq{"wq"};
  Atomic<int> cond{"cond"};
};
Task<void> EventWaiter(Wq& w) {
  co_await wait_event(w.wq, [&w]() -> Task<bool> {
    const int c = co_await w.cond.load();
    co_return c != 0;
  });
}
Task<void> EventWaker(Wq& w, bool wake) {
  co_await w.cond.store(1);
  if (wake) co_await wake_up(w.wq);
}

TEST(WaitQueue, WaitEventAndWakeUpNeverLoseTheWakeUp) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& w = rt.Make<Wq>();
    spawn("sleeper", EventWaiter(w));
    spawn("waker", EventWaker(w, true));
    rt.AtEnd("dequeued", [&w]() -> std::optional<std::string> {
      if (w.wq.waiters.peek() == 0) return std::nullopt;
      return "an entry is left on the wait queue";
    });
  });
  ExpectHoldsExhaustively(r);
}

TEST(WaitQueue, WaitEventWithoutWakeUpHangs) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& w = rt.Make<Wq>();
    spawn("sleeper", EventWaiter(w));
    spawn("waker", EventWaker(w, false));
  });
  EXPECT_TRUE(Violated(r, kNoHang, "sleeper waits for sleeper.state (schedule)"));
}

Task<void> ActiveProbe(Wq& w, Atomic<int>& seen) {
  const bool active = co_await waitqueue_active(w.wq);
  co_await seen.store(active);
}

TEST(WaitQueue, WaitqueueActiveSeesAQueuedSleeper) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& w = rt.Make<Wq>();
    auto& seen = rt.Make<Atomic<int>>("seen");
    spawn("sleeper", EventWaiter(w));
    spawn("probe", ActiveProbe(w, seen));
    spawn("waker", EventWaker(w, true));
    rt.AtEnd("never-active", [&seen]() -> std::optional<std::string> {
      if (seen.peek() == 0) return std::nullopt;
      return "waitqueue_active saw the sleeper";
    });
  });
  EXPECT_TRUE(Violated(r, "never-active"));  // some interleaving sees the entry
  EXPECT_FALSE(Violated(r, kNoHang));
}

// ---- seqcount ----

struct Seq {
  SeqLock sl{"sl"};
  Atomic<int> a{"a"};
  Atomic<int> b{"b"};
};
Task<void> SeqWriter(Seq& s) {
  co_await write_seqlock(s.sl);
  co_await s.a.store(1);
  co_await s.b.store(1);
  co_await write_sequnlock(s.sl);
}
Task<void> SeqReader(Seq& s, bool retry) {
  for (;;) {
    const int64_t seq = co_await read_seqbegin(s.sl);
    const int a = co_await s.a.load();
    const int b = co_await s.b.load();
    const bool again = co_await read_seqretry(s.sl, seq);
    if (!retry || !again) {
      check(a == b, "consistent-read", "the reader saw a torn pair");
      co_return;
    }
  }
}

TEST(SeqCount, TheRetryLoopNeverReturnsATornRead) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& s = rt.Make<Seq>();
    spawn("writer", SeqWriter(s));
    spawn("reader", SeqReader(s, true));
  });
  ExpectHoldsExhaustively(r);
}

TEST(SeqCount, AReaderThatDoesNotRetrySeesATornRead) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& s = rt.Make<Seq>();
    spawn("writer", SeqWriter(s));
    spawn("reader", SeqReader(s, false));
  });
  EXPECT_TRUE(Violated(r, "consistent-read"));
}

TEST(SeqCount, ReadBeginWaitsWhileAWriteIsInProgress) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& s = rt.Make<Seq>();
    spawn("writer", [](Seq& s) -> Task<void> { co_await write_seqcount_begin(s.sl.seqcount); }(s));
    spawn("reader", [](Seq& s) -> Task<void> { co_await read_seqbegin(s.sl); }(s));
  });
  EXPECT_TRUE(Violated(r, kNoHang, "reader waits for sl.seqcount.sequence (wait_until)"));
}

// ---- RCU ----

struct RcuWorld {
  Rcu rcu{2};
  Atomic<int> ptr{"gp", 1};  // 1: points to obj; 0: NULL
  Freeable obj{"obj"};
};
Task<void> RcuReader(RcuWorld& w) {
  co_await rcu_read_lock(w.rcu);
  co_await rcu_read_lock(w.rcu);  // nested: no step
  const int p = co_await rcu_dereference(w.ptr);
  co_await rcu_read_unlock(w.rcu);
  if (p != 0) co_await w.obj.use();
  co_await rcu_read_unlock(w.rcu);
}
enum class Removal { kFree, kSynchronize, kKfreeRcu };
Task<void> RcuUpdater(RcuWorld& w, Removal how) {
  co_await rcu_assign_pointer(w.ptr, 0);
  if (how == Removal::kSynchronize) co_await synchronize_rcu(w.rcu);
  if (how == Removal::kKfreeRcu) {
    kfree_rcu(w.rcu, w.obj);
  } else {
    co_await w.obj.free();
  }
}
ExploreResult RcuRemoval(Removal how) {
  return ExploreAll([how](Runtime& rt) {
    auto& w = rt.Make<RcuWorld>();
    spawn("reader", RcuReader(w));
    spawn("updater", RcuUpdater(w, how));
  });
}

TEST(Rcu, FreeingWithoutAGracePeriodIsAUseAfterFree) {
  EXPECT_TRUE(Violated(RcuRemoval(Removal::kFree), kNoUseAfterFree, "reader uses obj after it was freed"));
}
TEST(Rcu, SynchronizeRcuWaitsForTheReader) { ExpectHoldsExhaustively(RcuRemoval(Removal::kSynchronize)); }
TEST(Rcu, KfreeRcuFreesAfterTheReader) {
  const ExploreResult r = RcuRemoval(Removal::kKfreeRcu);
  ExpectHoldsExhaustively(r);
}

TEST(Rcu, SynchronizeInsideAReadSideSectionHangs) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& w = rt.Make<RcuWorld>();
    spawn("self", [](RcuWorld& w) -> Task<void> {
      co_await rcu_read_lock(w.rcu);
      co_await synchronize_rcu(w.rcu);
      co_await rcu_read_unlock(w.rcu);
    }(w));
  });
  EXPECT_TRUE(Violated(r, kNoHang, "self waits for rcu_reader0 (wait_until)"));
}

TEST(Rcu, SynchronizeRcuUnderASpinlockIsASleepInAtomic) {
  auto r = ExploreAll([](Runtime& rt) {
    auto& w = rt.Make<RcuWorld>();
    auto& sl = rt.Make<Spinlock>("sl");
    spawn("cpu0", [](RcuWorld& w, Spinlock& sl) -> Task<void> {
      co_await spin_lock(sl);
      co_await synchronize_rcu(w.rcu);
      co_await spin_unlock(sl);
    }(w, sl));
  });
  EXPECT_TRUE(Violated(r, kNoSleepInAtomic, "might_sleep"));
}

}  // namespace
}  // namespace lockstep
