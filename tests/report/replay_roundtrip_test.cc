// Every counterexample that check finds, on every registered model's every
// variant (default scenario), replays from its token to the same violation.
#include <gtest/gtest.h>

#include "checker/report/check.h"
#include "checker/report/replay.h"
#include "checker/report/trace.h"
#include "models/registry.h"

namespace lockstep {
namespace {

// Keeps the whole test small: a variant too big to finish counts only for the
// counterexamples found within the budget.
constexpr uint64_t kBudget = 20000;

TEST(ReplayRoundTrip, EveryCounterexampleOfEveryVariantReplays) {
  int replayed = 0;
  for (const ModelSpec& m : models::All()) {
    for (const VariantSpec& v : m.variants) {
      CheckRequest req;
      req.model = &m;
      req.variant = v.name;
      req.explore.max_executions = kBudget;
      req.explore.stop_at_first_violation = false;
      absl::StatusOr<CheckReport> report = RunCheck(req);
      EXPECT_TRUE(report.ok()) << m.name << "/" << v.name << ": " << report.status();
      if (!report.ok()) continue;
      for (const ViolationReport& x : report->violations) {
        SCOPED_TRACE(m.name + "/" + v.name + " " + x.token);
        ReplayRequest r{&m, v.name, {}, x.counterexample.violation.property, x.token};
        absl::StatusOr<ReplayResult> again = Replay(r);
        ASSERT_TRUE(again.ok()) << again.status();
        ASSERT_EQ(again->report.violations.size(), 1u);
        const ViolationReport& y = again->report.violations[0];
        EXPECT_EQ(y.counterexample.violation.property, x.counterexample.violation.property);
        EXPECT_EQ(y.counterexample.violation.message, x.counterexample.violation.message);
        EXPECT_EQ(y.trace.steps.size(), x.trace.steps.size());
        EXPECT_EQ(y.token, EncodeSchedule(x.counterexample.schedule));
        EXPECT_FALSE(y.trace.summary.empty());
        ++replayed;
      }
    }
  }
  EXPECT_GT(replayed, 0);  // the demo models have counterexamples
}

TEST(ReplayRoundTrip, TokenEncodingRoundTrips) {
  const std::vector<ScheduleStep> s = {{0, 0}, {1, 0}, {1, 0}, {1, 0}, {2, 3}, {2, 3}, {0, 0}};
  absl::StatusOr<std::vector<ScheduleStep>> back = DecodeSchedule(EncodeSchedule(s), 20000);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    EXPECT_EQ((*back)[i].thread, s[i].thread);
    EXPECT_EQ((*back)[i].choice, s[i].choice);
  }
}

TEST(ReplayRoundTrip, BadTokensAreErrorsNotCrashes) {
  const ModelSpec* m = models::Find("flag-lock");
  ASSERT_NE(m, nullptr);
  for (const char* bad : {"x", "0..1", "99", "0x0", "-1", "0:", "0x", "0.1x3.0x2.0x5.1x9"}) {
    SCOPED_TRACE(bad);
    absl::StatusOr<ReplayResult> r = Replay(ReplayRequest{m, "", {}, "", bad});
    EXPECT_FALSE(r.ok());
  }
}

TEST(ReplayRoundTrip, ReplayFromCheckJson) {
  const ModelSpec* m = models::Find("counter");
  ASSERT_NE(m, nullptr);
  ReplayRequest req{m, "", {}, "", ""};
  const std::string json =
      R"({"model":"counter","variant":"racy","settings":{"locked":"0","threads":"2"},)"
      R"("violations":[{"property":"no-lost-update","token":"0.1x2.0"}]})";
  ASSERT_TRUE(FillFromJson(json, &req).ok());
  EXPECT_EQ(req.token, "0.1x2.0");
  EXPECT_EQ(req.property, "no-lost-update");
  absl::StatusOr<ReplayResult> r = Replay(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->report.verdict, Verdict::kViolated);
}

}  // namespace
}  // namespace lockstep
