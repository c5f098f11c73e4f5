// <lockstep/gtest.h>: EXPECT_HOLDS / EXPECT_VIOLATES pass and fail when they
// should, and a failure carries the report: the trace and its replay command.
#include <gtest/gtest-spi.h>

#include "lockstep/gtest.h"
#include "lockstep/lockstep.h"

namespace lockstep {
namespace {

TEST(Expectations, PassOnTheDemoModels) {
  EXPECT_HOLDS("flag-lock", "exchange");
  EXPECT_HOLDS("flag-lock", "exchange", {"threads=3"});
  ASSERT_HOLDS("counter", "locked");
  EXPECT_VIOLATES("flag-lock", "check-then-set", "mutual-exclusion");
  ASSERT_VIOLATES("counter", "racy", "no-lost-update", {"threads=3"});
}

TEST(Expectations, AFailedHoldsPrintsTheTraceAndTheReplayCommand) {
  EXPECT_NONFATAL_FAILURE(EXPECT_HOLDS("flag-lock", "check-then-set"),
                          "replay: lockstep replay flag-lock --variant check-then-set --property mutual-exclusion");
  EXPECT_NONFATAL_FAILURE(EXPECT_HOLDS("flag-lock", "check-then-set"), "flag.store(1)");
  EXPECT_FATAL_FAILURE(ASSERT_HOLDS("counter", "racy"), "no-lost-update violated");
}

TEST(Expectations, AFailedViolatesSaysItHolds) {
  EXPECT_NONFATAL_FAILURE(EXPECT_VIOLATES("flag-lock", "exchange", "mutual-exclusion"),
                          "expected mutual-exclusion to be violated, but it holds");
  EXPECT_FATAL_FAILURE(ASSERT_VIOLATES("counter", "locked", "no-lost-update"), "but it holds");
}

TEST(Expectations, InputErrorsFail) {
  EXPECT_NONFATAL_FAILURE(EXPECT_HOLDS("no-such-model", "v"), "no model 'no-such-model' is registered");
  EXPECT_NONFATAL_FAILURE(EXPECT_HOLDS("flag-lock", "no-such-variant"), "has no variant 'no-such-variant'");
  EXPECT_NONFATAL_FAILURE(EXPECT_VIOLATES("flag-lock", "exchange", "no-such-property"),
                          "has no property 'no-such-property'");
}

ModelSpec Racy() {
  ModelSpec m;
  m.name = "unregistered";
  m.summary = "a ModelSpec passed by value, not registered";
  m.properties = {{"one", "x ends at 1"}};
  m.setup = [](Runtime& rt, const Settings&) {
    Atomic<int>& x = rt.Make<Atomic<int>>("x");
    auto inc = [](Atomic<int>& x) -> Task<void> {
      const int v = co_await x.load();
      co_await x.store(v + 1);
    };
    spawn("a", inc(x));
    spawn("b", inc(x));
    rt.AtEnd("one", [&x]() -> std::optional<std::string> {
      if (x.peek() == 2) return std::nullopt;
      return "x is " + std::to_string(x.peek());
    });
  };
  return m;
}

TEST(Expectations, TakeAModelSpecToo) {
  EXPECT_VIOLATES(Racy(), "default", "one");
  EXPECT_NONFATAL_FAILURE(EXPECT_HOLDS(Racy(), ""), "one violated");
}

}  // namespace
}  // namespace lockstep
