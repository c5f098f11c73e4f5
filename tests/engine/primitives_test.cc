// The state tables of the primitives (checker/sync/*.h), driven step by step
// through the Runtime with a fixed schedule.
#include <gtest/gtest.h>

#include "checker/lockstep.h"

namespace lockstep {
namespace {

// Runs setup, then steps the given threads in order.
class Harness {
 public:
  explicit Harness(ModelSetup setup) : rt_(std::move(setup)) { rt_.Restart(); }
  int64_t Step(ThreadId t) {
    EXPECT_NE(rt_.NextOp(t), nullptr) << "thread " << int{t} << " cannot move";
    StepInfo info;
    rt_.Execute(t, 0, &info);
    return info.result;
  }
  bool CanMove(ThreadId t) const { return rt_.NextOp(t) != nullptr; }
  Runtime& rt() { return rt_; }

 private:
  Runtime rt_;
};

Task<void> Reader(RwSem& s) {
  co_await s.down_read();
  co_await s.up_read();
}
Task<void> Writer(RwSem& s) {
  co_await s.down_write();
  co_await s.up_write();
}
Task<void> TryReader(RwSem& s, Atomic<int>& got) {
  const bool ok = co_await s.down_read_trylock();
  co_await got.store(ok);
  co_await s.down_read();
  co_await s.up_read();
}

struct Sem {
  RwSem sem{"mmap_sem"};
  Atomic<int> got{"got", -1};
};

TEST(RwSem, QueuedWriterMakesReadersWaitAndTrylockFail) {
  Sem* s = nullptr;
  Harness h([&](Runtime& rt) {
    s = &rt.Make<Sem>();
    spawn("reader", Reader(s->sem));
    spawn("writer", Writer(s->sem));
    spawn("late_reader", TryReader(s->sem, s->got));
  });
  h.Step(0);  // reader: down_read -> R=1
  EXPECT_EQ(s->sem.readers(), 1);
  h.Step(1);  // writer: down_write -> queued
  EXPECT_FALSE(h.CanMove(1));
  EXPECT_EQ(s->sem.queued(), 1);
  EXPECT_EQ(h.Step(2), 0);  // late_reader: down_read_trylock fails while a writer waits
  h.Step(2);                // got = 0
  EXPECT_EQ(s->got.peek(), 0);
  h.Step(2);  // late_reader: down_read queues behind the writer
  EXPECT_FALSE(h.CanMove(2));
  EXPECT_EQ(s->sem.queued(), 2);
  h.Step(0);  // reader: up_read -> hands the lock to the writer (FIFO)
  EXPECT_EQ(s->sem.writer(), 1);
  EXPECT_TRUE(h.CanMove(1));
  EXPECT_FALSE(h.CanMove(2));
  h.Step(1);  // writer: up_write -> wakes the reader behind it
  EXPECT_EQ(s->sem.readers(), 1);
  EXPECT_TRUE(h.CanMove(2));
}

TEST(RwSem, ReadersShareWhenNobodyWaits) {
  Sem* s = nullptr;
  Harness h([&](Runtime& rt) {
    s = &rt.Make<Sem>();
    spawn("r0", Reader(s->sem));
    spawn("r1", Reader(s->sem));
  });
  h.Step(0);
  h.Step(1);
  EXPECT_EQ(s->sem.readers(), 2);
}

TEST(RwSem, UnlockWithoutHoldingIsMisuse) {
  Harness h([](Runtime& rt) {
    RwSem& s = rt.Make<RwSem>("sem");
    spawn("t", [](RwSem& x) -> Task<void> { co_await x.up_read(); }(s));
  });
  h.Step(0);
  ASSERT_EQ(h.rt().Violations().size(), 1u);
  EXPECT_EQ(h.rt().Violations()[0].property, "no-lock-misuse");
}

Task<void> LockTwice(Mutex& m, Atomic<int>& got) {
  co_await m.lock();
  co_await got.store(co_await m.trylock());
  co_await m.unlock();
}

TEST(Mutex, LockBlocksWhileHeldWithoutAStep) {
  Mutex* m = nullptr;
  Atomic<int>* got = nullptr;
  Harness h([&](Runtime& rt) {
    m = &rt.Make<Mutex>("m");
    got = &rt.Make<Atomic<int>>("got", -1);
    spawn("a", LockTwice(*m, *got));
    spawn("b", [](Mutex& x) -> Task<void> {
      co_await x.lock();
      co_await x.unlock();
    }(*m));
  });
  h.Step(0);  // a: lock
  EXPECT_FALSE(h.CanMove(1));  // b: lock() on a held mutex is blocked, not a step
  EXPECT_EQ(h.Step(0), 0);     // a: trylock fails (held, by itself)
  h.Step(0);                   // store
  h.Step(0);                   // a: unlock -> free, no hand-off
  EXPECT_EQ(m->owner(), kNoThread);
  EXPECT_TRUE(h.CanMove(1));
  h.Step(1);  // b: lock
  EXPECT_EQ(m->owner(), 1);
}

TEST(RefCount, GetNotZeroAndPutToZero) {
  RefCount* r = nullptr;
  Harness h([&](Runtime& rt) {
    r = &rt.Make<RefCount>("mm_users", 1);
    spawn("t", [](RefCount& c) -> Task<void> {
      co_await c.put();
      co_await c.get_not_zero();
      co_await c.put();
    }(*r));
  });
  EXPECT_EQ(h.Step(0), 1);  // put hits zero
  EXPECT_EQ(h.Step(0), 0);  // get_not_zero fails at zero
  EXPECT_EQ(r->peek(), 0);
  h.Step(0);  // put below zero
  ASSERT_EQ(h.rt().Violations().size(), 1u);
  EXPECT_EQ(h.rt().Violations()[0].property, "no-use-after-free");
}

TEST(Freeable, UseAfterFreeIsReportedUnderTheObjectsProperty) {
  Harness h([](Runtime& rt) {
    Freeable& f = rt.Make<Freeable>("pte_page", "no-uaf");
    spawn("t", [](Freeable& p) -> Task<void> {
      co_await p.use();
      co_await p.free();
      co_await p.use();
    }(f));
  });
  h.Step(0);
  h.Step(0);
  EXPECT_TRUE(h.rt().Violations().empty());
  h.Step(0);
  ASSERT_EQ(h.rt().Violations().size(), 1u);
  EXPECT_EQ(h.rt().Violations()[0].property, "no-uaf");
}

TEST(Bits, TestAndSetReturnsTheOldBit) {
  Bits* b = nullptr;
  Harness h([&](Runtime& rt) {
    b = &rt.Make<Bits>("mm->flags");
    spawn("t", [](Bits& w) -> Task<void> {
      co_await w.test_and_set_bit(3);
      co_await w.test_and_set_bit(3);
      co_await w.test_and_clear_bit(3);
      co_await w.test_bit(3);
    }(*b));
  });
  EXPECT_EQ(h.Step(0), 0);
  EXPECT_EQ(h.Step(0), 1);
  EXPECT_EQ(h.Step(0), 1);
  EXPECT_EQ(h.Step(0), 0);
}

TEST(Atomic, CompareExchangeReturnsTheOldValue) {
  Atomic<int>* x = nullptr;
  Harness h([&](Runtime& rt) {
    x = &rt.Make<Atomic<int>>("futex_word", 5);
    spawn("t", [](Atomic<int>& v) -> Task<void> {
      co_await v.compare_exchange(4, 9);  // fails
      co_await v.compare_exchange(5, 9);  // succeeds
      co_await v.fetch_add(2);
      co_await v.exchange(1);
    }(*x));
  });
  EXPECT_EQ(h.Step(0), 5);
  EXPECT_EQ(x->peek(), 5);
  EXPECT_EQ(h.Step(0), 5);
  EXPECT_EQ(x->peek(), 9);
  EXPECT_EQ(h.Step(0), 9);
  EXPECT_EQ(h.Step(0), 11);
  EXPECT_EQ(x->peek(), 1);
}

TEST(OpTable, EveryKindHasANameAnAccessAndAPrimitive) {
  for (int k = 0; k < kNumOpKinds; ++k) {
    const OpKind kind = static_cast<OpKind>(k);
    EXPECT_FALSE(NameOf(kind).empty());
    const Access a = AccessOf(kind);
    EXPECT_TRUE(a == Access::kRead || a == Access::kWrite || a == Access::kLocal);
    // Only choices and might_sleep() (an annotation) are local: everything else touches an object.
    EXPECT_EQ(a == Access::kLocal, kind == OpKind::kChoose || kind == OpKind::kMightSleep) << NameOf(kind);
    // A spinning wait does not sleep; the sleeping forms of a wait do.
    const bool spins = kind == OpKind::kSpinLock || kind == OpKind::kWaitUntil;
    const bool sleeps = kind == OpKind::kMutexLock || kind == OpKind::kSchedule;
    if (spins || sleeps) {
      EXPECT_EQ(MaySleep(kind), sleeps) << NameOf(kind);
    }
  }
}

TEST(Dependence, ReadsCommuteWritesDoNotLocalsNeverConflict) {
  Operation load{OpKind::kLoad, 0, 1, 0, 0, {}}, store{OpKind::kStore, 0, 1, 0, 0, {}};
  Operation other{OpKind::kStore, 1, 2, 0, 0, {}}, choice{OpKind::kChoose, 0, 0, 2, 0, {}};
  EXPECT_FALSE(Dependent(load, load));
  EXPECT_TRUE(Dependent(load, store));
  EXPECT_TRUE(Dependent(store, store));
  EXPECT_FALSE(Dependent(store, other));
  EXPECT_FALSE(Dependent(choice, store));
}

TEST(ModelErrors, AThrowingModelIsAModelErrorNotACrash) {
  Runtime rt([](Runtime& r) {
    auto& x = r.Make<Atomic<int>>("x");
    spawn("t", [](Atomic<int>& v) -> Task<void> {
      co_await v.load();
      throw std::runtime_error("boom");
    }(x));
  });
  rt.Restart();
  StepInfo info;
  EXPECT_THROW(rt.Execute(0, 0, &info), ModelError);
}

}  // namespace
}  // namespace lockstep
