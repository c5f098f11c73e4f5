// ModelSpec::Resolve: switch values are only the documented ones, and a
// model's invalid combinations are refused with their one-line reason. Plus
// the self-consistency of every registered model (Validate).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/model/model.h"
#include "models/registry.h"

namespace lockstep {
namespace {

// A toy model: a symbolic switch, a yes/no switch, an integer switch, and
// one invalid combination.
ModelSpec Toy() {
  ModelSpec m;
  m.name = "toy";
  m.switches = {
      {"mode", 0, "a symbolic switch", {"off", "fast", "slow"}},
      {"timer", 0, "a yes/no switch", {}, 1},
      {"count", 2, "an integer switch", {}, 4, 1},
  };
  m.variants = {{"base", "the default", {}}, {"timed", "with the timer", {{"timer", "1"}}}};
  m.invalid_combinations = {
      {{{"mode", {"fast", "slow"}}, {"timer", {"0"}}},
       "mode=fast|slow needs timer=1: nothing runs without it"},
  };
  return m;
}

absl::Status ResolveStatus(const ModelSpec& m, const std::string& variant, std::vector<std::string> sets) {
  return m.Resolve(variant, sets).status();
}

TEST(SwitchValues, SymbolicSwitchTakesOnlyItsNames) {
  const ModelSpec m = Toy();
  absl::StatusOr<Settings> s = m.Resolve("timed", {"mode=slow"});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ((*s)["mode"], 2);
  for (const char* bad : {"mode=yes", "mode=true", "mode=on", "mode=1", "mode=Slow", "mode= slow", "mode="}) {
    const absl::Status st = ResolveStatus(m, "timed", {bad});
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(st.message().find("allowed: off|fast|slow"), std::string::npos) << st.message();
  }
}

TEST(SwitchValues, YesNoSwitchTakesZeroOneNoYes) {
  const ModelSpec m = Toy();
  for (const auto& [text, value] :
       std::vector<std::pair<std::string, int>>{{"0", 0}, {"1", 1}, {"no", 0}, {"yes", 1}}) {
    absl::StatusOr<Settings> s = m.Resolve("base", {"timer=" + text});
    ASSERT_TRUE(s.ok()) << text << ": " << s.status();
    EXPECT_EQ((*s)["timer"], value) << text;
  }
  for (const char* bad : {"timer=true", "timer=false", "timer=on", "timer=off", "timer=2", "timer=-1",
                          "timer= 1", "timer=1 ", "timer=+1", "timer=0x1", "timer=YES"}) {
    const absl::Status st = ResolveStatus(m, "base", {bad});
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(st.message().find("allowed: 0|1, or no|yes"), std::string::npos) << st.message();
  }
}

TEST(SwitchValues, IntegerSwitchTakesDecimalsInRangeOnly) {
  const ModelSpec m = Toy();
  EXPECT_TRUE(m.Resolve("base", {"count=4"}).ok());
  EXPECT_TRUE(m.Resolve("base", {"count=1"}).ok());
  for (const char* bad : {"count=0", "count=5", "count=yes", "count=no", "count=2.0", "count= 2",
                          "count=99999999999999999999"}) {
    const absl::Status st = ResolveStatus(m, "base", {bad});
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(st.message().find("allowed: 1..4"), std::string::npos) << st.message();
  }
}

TEST(SwitchValues, UnprintableInputIsEscapedInTheMessage) {
  const absl::Status st = ResolveStatus(Toy(), "base", {"mode=a\nb"});
  EXPECT_EQ(st.message().find('\n'), std::string::npos) << st.message();
}

TEST(InvalidCombinations, RefusedWithTheReasonAndTheVariant) {
  const ModelSpec m = Toy();
  const absl::Status st = ResolveStatus(m, "base", {"mode=fast"});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "model 'toy' refuses mode=fast with timer=0 (variant 'base'): mode=fast|slow needs timer=1: "
            "nothing runs "
            "without it");
  // The same values are fine where the combination does not hold.
  EXPECT_TRUE(m.Resolve("timed", {"mode=fast"}).ok());
  EXPECT_TRUE(m.Resolve("base", {"mode=fast", "timer=yes"}).ok());
  EXPECT_TRUE(m.Resolve("base", {"mode=off"}).ok());
  // A later --set can repair an earlier one: the whole combination is judged.
  EXPECT_TRUE(m.Resolve("base", {"mode=fast", "timer=0", "timer=1"}).ok());
}

TEST(InvalidCombinations, TextNamesEverySwitch) {
  EXPECT_EQ(Toy().invalid_combinations[0].Text(), "mode=fast|slow with timer=0");
}

TEST(InvalidCombinations, ValidateFindsBrokenDeclarations) {
  ModelSpec unknown_switch = Toy();
  unknown_switch.invalid_combinations.push_back({{{"nonesuch", {"1"}}}, "a reason"});
  EXPECT_FALSE(unknown_switch.Validate().ok());
  ModelSpec unknown_value = Toy();
  unknown_value.invalid_combinations.push_back({{{"mode", {"medium"}}}, "a reason"});
  EXPECT_FALSE(unknown_value.Validate().ok());
  ModelSpec variant_refused = Toy();
  variant_refused.variants.push_back({"broken", "refused by its own model", {{"mode", "fast"}}});
  EXPECT_FALSE(variant_refused.Validate().ok());
  ModelSpec two_lines = Toy();
  two_lines.invalid_combinations.push_back({{{"timer", {"1"}}, {"count", {"4"}}}, "one\ntwo"});
  EXPECT_FALSE(two_lines.Validate().ok());
  EXPECT_TRUE(Toy().Validate().ok()) << Toy().Validate();
}

// Every registered model: its constraints name real switches and values, its
// reasons are one line, and none of its own variants is refused.
TEST(InvalidCombinations, EveryRegisteredModelIsConsistent) {
  for (const ModelSpec& m : models::All()) EXPECT_TRUE(m.Validate().ok()) << m.name << ": " << m.Validate();
}

}  // namespace
}  // namespace lockstep
