// <lockstep/gtest.h>: a model check as one GoogleTest expectation.
//
//   #include <lockstep/gtest.h>
//
//   TEST(FlagLock, ExchangeIsMutuallyExclusive) {
//     EXPECT_HOLDS("flag-lock", "exchange");                       // a registered model, by name
//     EXPECT_HOLDS(FlagLockModel(), "exchange", {"threads=3"});    // a ModelSpec, with --set overrides
//   }
//   TEST(FlagLock, CheckThenSetRaces) {
//     EXPECT_VIOLATES("flag-lock", "check-then-set", "mutual-exclusion");
//   }
//
// EXPECT_HOLDS passes when every property holds in every execution (an
// exhaustive run, at least one execution complete). On failure it prints the
// report: the verdict, each counterexample's trace and its replay command.
// EXPECT_VIOLATES passes when the property is violated; otherwise it says what
// happened instead. ASSERT_HOLDS / ASSERT_VIOLATES stop the test on failure.
// Both take the settings (switch overrides, name=value) last, as a braced list.
//
// The replay command names LOCKSTEP_TOOL, the binary that has the model:
//   target_compile_definitions(my_tests PRIVATE LOCKSTEP_TOOL="$<TARGET_FILE:my_tool>")
// Link lockstep::gtest and GTest::gtest_main (CMake).
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "checker/model/model.h"

#ifndef LOCKSTEP_TOOL
#define LOCKSTEP_TOOL "lockstep"
#endif

namespace lockstep::testing {

// A model given by name (one registered with LOCKSTEP_REGISTER_MODEL) or as a ModelSpec.
class ModelRef {
 public:
  ModelRef(const ModelSpec& model) : model_(&model) {}
  ModelRef(const char* name) : name_(name) {}
  ModelRef(const std::string& name) : name_(name) {}
  // Null if there is no such model; `error` then says so.
  const ModelSpec* Resolve(std::string* error) const;

 private:
  const ModelSpec* model_ = nullptr;
  std::string name_;
};

::testing::AssertionResult Holds(const char* tool, const ModelRef& model, const std::string& variant,
                                 const std::vector<std::string>& settings = {});
::testing::AssertionResult Violates(const char* tool, const ModelRef& model, const std::string& variant,
                                    const std::string& property, const std::vector<std::string>& settings = {});

}  // namespace lockstep::testing

// As GoogleTest's own macros: an if/else that takes `<< "more context"` and
// cannot capture a dangling else.
#define LOCKSTEP_EXPECTATION_(result, on_failure)                        \
  switch (0)                                                             \
  case 0:                                                                \
  default:                                                               \
    if (const ::testing::AssertionResult lockstep_result_ = (result)) { \
    } else                                                               \
      on_failure << lockstep_result_.message()

#define EXPECT_HOLDS(model, ...) \
  LOCKSTEP_EXPECTATION_(::lockstep::testing::Holds(LOCKSTEP_TOOL, model, __VA_ARGS__), ADD_FAILURE())
#define ASSERT_HOLDS(model, ...) \
  LOCKSTEP_EXPECTATION_(::lockstep::testing::Holds(LOCKSTEP_TOOL, model, __VA_ARGS__), GTEST_FAIL())
#define EXPECT_VIOLATES(model, ...) \
  LOCKSTEP_EXPECTATION_(::lockstep::testing::Violates(LOCKSTEP_TOOL, model, __VA_ARGS__), ADD_FAILURE())
#define ASSERT_VIOLATES(model, ...) \
  LOCKSTEP_EXPECTATION_(::lockstep::testing::Violates(LOCKSTEP_TOOL, model, __VA_ARGS__), GTEST_FAIL())
