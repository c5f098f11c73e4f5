// The lockstep binary's replay and compare commands: exit codes, and that bad
// input is one line on stderr with exit code 2, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/report/cli_run.h"

namespace lockstep::testing {
namespace {

TEST(Cli, ReplayReproducesTheViolation) {
  CliRun r = Lockstep("replay flag-lock --variant check-then-set 0.1x3.0x2");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("mutual-exclusion violated"), std::string::npos);
  EXPECT_NE(r.out.find("=>"), std::string::npos);  // the violating step is marked
}

TEST(Cli, ReplayFromCheckJsonFile) {
  CliRun check = Lockstep("check counter --format json");
  ASSERT_EQ(check.code, 1);
  const std::string file = Scratch("check.json");
  std::ofstream(file) << check.out;
  CliRun r = Lockstep("replay counter --trace-file " + file + " --format json");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("\"no-lost-update\""), std::string::npos);
}

TEST(Cli, ReplayErrorsAreOneLineAndExitTwo) {
  const std::string bad_json = Scratch("bad.json");
  std::ofstream(bad_json) << "{\"violations\": [";
  for (const std::string& args : std::vector<std::string>{"replay flag-lock 0.zz", "replay flag-lock 0.1x3.0.0.0.0.0.0.0", "replay flag-lock 7",
                                  "replay flag-lock --trace-file " + bad_json, "replay flag-lock --trace-file /nonexistent",
                                  "replay flag-lock", "replay nosuchmodel 0", "replay flag-lock --variant nope 0",
                                  "compare flag-lock --variants nope", "compare flag-lock --format pdf"}) {
    SCOPED_TRACE(args);
    CliRun r = Lockstep(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(Cli, ReplayThatNoLongerViolatesExitsZero) {
  CliRun r = Lockstep("replay flag-lock --variant check-then-set 0x5.1x5");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "to the end of its execution")) << r.out;
}

TEST(Cli, CompareExitCodes) {
  EXPECT_EQ(Lockstep("compare flag-lock").code, 1);
  EXPECT_EQ(Lockstep("compare flag-lock --variants exchange").code, 0);
  EXPECT_EQ(Lockstep("compare counter --variants locked --set threads=3 --max-executions 2").code, 3);
  CliRun md = Lockstep("compare counter --format markdown");
  EXPECT_EQ(md.code, 1);
  EXPECT_NE(md.out.find("| racy |"), std::string::npos);
}

}  // namespace
}  // namespace lockstep::testing
