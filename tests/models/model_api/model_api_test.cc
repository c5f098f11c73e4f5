// The model API gaps closed for users writing their own models: a model
// without variants, properties used but not declared, helpers that show their
// caller's line (CallSite), and arrays of primitives.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "checker/report/check.h"
#include "checker/report/compare.h"
#include "lockstep/lockstep.h"

namespace lockstep {
namespace {

// Two threads each take the lock and bump a counter; `undeclared` names what
// the model does wrong: "at-end", "check", "check-holding", "warn-on".
ModelSpec Small(const std::string& undeclared = "") {
  ModelSpec m;
  m.name = "small";
  m.summary = "two increments under a lock";
  m.properties = {{"two", "the counter ends at 2"}};
  m.setup = [undeclared](Runtime& rt, const Settings&) {
    struct State {
      Mutex lock{"lock"};
      Atomic<int> counter{"counter"};
    };
    State& s = rt.Make<State>();
    auto body = [](State& s, std::string undeclared) -> Task<void> {
      co_await s.lock.lock();
      const int v = co_await s.counter.load();
      co_await s.counter.store(v + 1);
      co_await s.lock.unlock();
      if (undeclared == "check") check(v < 0, "typo-property", "never true here");
      if (undeclared == "check-holding") check(true, "typo-property", "holds, but is not declared");
      if (undeclared == "warn-on") warn_on(false, "typo-property", "holds, but is not declared");
    };
    spawn("cpu0", body(s, undeclared));
    spawn("cpu1", body(s, undeclared));
    rt.AtEnd(undeclared == "at-end" ? "typo-property" : "two", [&s]() -> std::optional<std::string> {
      if (s.counter.peek() == 2) return std::nullopt;
      return "lost an increment";
    });
  };
  return m;
}

absl::StatusOr<CheckReport> Check(const ModelSpec& m, const std::string& variant = "") {
  CheckRequest req;
  req.model = &m;
  req.variant = variant;
  return RunCheck(req);
}

TEST(DefaultVariant, AModelWithoutVariantsHasOneCalledDefault) {
  const ModelSpec m = Small();
  ASSERT_TRUE(m.variants.empty());
  ASSERT_EQ(m.Variants().size(), 1u);
  EXPECT_EQ(m.Variants()[0].name, "default");

  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, Verdict::kHolds);
  EXPECT_EQ(r->variant, "default");
  EXPECT_TRUE(Check(m, "default").ok());
  EXPECT_FALSE(Check(m, "other").ok());

  CompareRequest c;
  c.model = &m;
  absl::StatusOr<CompareReport> table = RunCompare(c);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].report.variant, "default");
}

class UndeclaredProperty : public ::testing::TestWithParam<std::string> {};

// Wherever the undeclared property is used, and even when it holds, the run is
// an error that names it, never a verdict (compare used to show "holds").
TEST_P(UndeclaredProperty, IsAnErrorNamingIt) {
  const ModelSpec m = Small(GetParam());
  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_FALSE(r.ok());
  const std::string message(r.status().message());
  EXPECT_NE(message.find("property 'typo-property' is used but not declared"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;

  CompareRequest c;
  c.model = &m;
  EXPECT_FALSE(RunCompare(c).ok());
}

INSTANTIATE_TEST_SUITE_P(Uses, UndeclaredProperty,
                         ::testing::Values("at-end", "check", "check-holding", "warn-on"));

TEST(UndeclaredProperty, TheDeclaredModelIsFine) { EXPECT_TRUE(Check(Small()).ok()); }

// ---- CallSite -------------------------------------------------------------------
struct Page {
  Mutex lock{"page.lock"};
  Atomic<int> data{"page.data"};
};

// A helper that wraps the primitive for its callers.
Task<void> lock_page(Page& p, CallSite = {}) { co_await p.lock.lock(); }
// A helper without CallSite: its own line shows.
Task<void> unlock_page(Page& p) { co_await p.lock.unlock(); }

int caller_line = 0;

Task<void> writer(Page& p) {
  caller_line = static_cast<int>(std::source_location::current().line()) + 1;
  co_await lock_page(p);
  co_await p.data.store(1);
  co_await unlock_page(p);
}

ModelSpec PageModel() {
  ModelSpec m;
  m.name = "page";
  m.summary = "one writer";
  m.properties = {{"never", "violated at the end of every execution, to get a trace"}};
  m.setup = [](Runtime& rt, const Settings&) {
    Page& p = rt.Make<Page>();
    spawn("writer", writer(p));
    rt.AtEnd("never", [] { return std::optional<std::string>("the end"); });
  };
  return m;
}

TEST(CallSite, AHelperTakingACallSiteShowsItsCallersLineAndFunction) {
  const ModelSpec m = PageModel();
  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->violations.size(), 1u);
  auto step = [&](const std::string& op) -> const TraceStep* {
    for (const TraceStep& s : r->violations[0].trace.steps) {
      if (s.operation == op) return &s;
    }
    return nullptr;
  };
  const TraceStep* lock = step("lock");
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(lock->function, "writer");
  EXPECT_TRUE(lock->location.ends_with(":" + std::to_string(caller_line))) << lock->location;
  const TraceStep* unlock = step("unlock");
  ASSERT_NE(unlock, nullptr);
  EXPECT_EQ(unlock->function, "unlock_page");  // no CallSite: the helper's own line
}

// ---- Array ----------------------------------------------------------------------
TEST(Array, MakesNamedElementsInPlace) {
  ModelSpec m;
  m.name = "array";
  m.summary = "two threads, each taking its own lock and bumping its own slot";
  m.properties = {{"slots", "every slot ends at 1"}};
  m.setup = [](Runtime& rt, const Settings&) {
    struct State {
      Array<Mutex> locks{"lock", 2};
      Array<Atomic<int>> slots{"slot", 2, 0};
    };
    State& s = rt.Make<State>();
    EXPECT_EQ(s.locks[1].name(), "lock[1]");
    EXPECT_EQ(s.slots.size(), 2u);
    for (int i = 0; i < 2; ++i) {
      spawn("cpu" + std::to_string(i), [](State& s, int i) -> Task<void> {
        co_await s.locks[i].lock();
        const int v = co_await s.slots[i].load();
        co_await s.slots[i].store(v + 1);
        co_await s.locks[i].unlock();
      }(s, i));
    }
    rt.AtEnd("slots", [&s]() -> std::optional<std::string> {
      for (const Atomic<int>& slot : s.slots) {
        if (slot.peek() != 1) return slot.name() + " is not 1";
      }
      return std::nullopt;
    });
  };
  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, Verdict::kHolds);
  EXPECT_EQ(r->stats.executions, 1u);  // different elements are different locations: nothing to reorder
}

// Thread slots and their task states are kept from one execution to the
// next: a thread spawned under another name than the last execution's
// thread in its slot must be shown by its own name, made when asked for.
TEST(ThreadNames, FollowTheThreadInTheirSlotFromOneExecutionToTheNext) {
  ModelSpec m;
  m.name = "thread-names";
  m.summary = "main spawns a child whose name depends on a choice";
  m.properties = {{"names", "each thread and task state is shown by its own name"}};
  m.setup = [](Runtime&, const Settings&) {
    spawn("main", []() -> Task<void> {
      const int c = co_await choose(3);
      const ThreadHandle child =
          spawn(c == 0 ? ObjectName("left") : ObjectName("right", 1), []() -> Task<void> { co_return; }());
      const std::string expected = c == 0 ? "left" : "right1";
      check(Runtime::Current().ThreadName(child.id) == expected, "names", "the child's name is stale");
      check(task_of(child).name() == expected + ".state", "names", "the child's task state's name is stale");
      co_await join(child);
    }());
  };
  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->verdict, Verdict::kHolds);
  EXPECT_EQ(r->stats.executions, 3u);
}

TEST(Array, AnIndexOutOfRangeIsAModelError) {
  ModelSpec m;
  m.name = "array-oob";
  m.summary = "reads slot[2] of two";
  m.setup = [](Runtime& rt, const Settings&) {
    Array<Atomic<int>>& slots = rt.Make<Array<Atomic<int>>>("slot", 2, 0);
    spawn("cpu0", [](Array<Atomic<int>>& slots) -> Task<void> { co_await slots[2].load(); }(slots));
  };
  absl::StatusOr<CheckReport> r = Check(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("slot[2] is out of range (the array has 2 elements)"), std::string::npos)
      << r.status();
}

}  // namespace
}  // namespace lockstep
