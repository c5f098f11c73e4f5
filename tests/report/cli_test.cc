// The lockstep binary's replay and compare commands: exit codes, and that bad
// input is one line on stderr with exit code 2, never a crash.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "checker/report/json_value.h"
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

// The minimal-preemption search can cost more than the exploration: both
// reports say what it took.
TEST(Cli, CheckReportsTheMinimizationTime) {
  CliRun text = Lockstep("check counter");
  ASSERT_EQ(text.code, 1) << text.err;
  EXPECT_TRUE(Has(text.out, "; minimization: ")) << text.out;
  CliRun json = Lockstep("check counter --format json");
  ASSERT_EQ(json.code, 1) << json.err;
  EXPECT_TRUE(Has(json.out, "\"minimize_seconds\":")) << json.out;
  EXPECT_TRUE(Has(json.out, "\"minimize_executions\":")) << json.out;
  CliRun holds = Lockstep("check counter --variant locked");
  EXPECT_EQ(holds.code, 0) << holds.err;
  EXPECT_FALSE(Has(holds.out, "minimization")) << holds.out;  // nothing to minimize
}

TEST(Cli, ReplayErrorsAreOneLineAndExitTwo) {
  const std::string bad_json = Scratch("bad.json");
  std::ofstream(bad_json) << "{\"violations\": [";
  for (const std::string& args : std::vector<std::string>{
           "replay flag-lock 0.zz", "replay flag-lock 0.1x3.0.0.0.0.0.0.0", "replay flag-lock 7",
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

// Item 9: replay and its tokens.
TEST(CliReplay, ATruncatedScheduleSaysItEndedEarly) {
  CliRun r = Lockstep("replay flag-lock --variant check-then-set 0.1x3.0");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(Has(r.out, "the schedule ended after 5 steps, before its execution did")) << r.out;
}

TEST(CliReplay, JsonEvenWhenNothingIsViolated) {
  for (const std::string token : {"0x5.1x5", "0.1x3.0"}) {
    CliRun r = Lockstep("replay flag-lock --variant check-then-set --format json " + token);
    absl::StatusOr<JsonValue> doc = ParseJson(r.out);
    ASSERT_TRUE(doc.ok()) << r.out;
    EXPECT_EQ(doc->Find("verdict")->string(), r.code == 0 ? "holds" : "inconclusive");
    EXPECT_TRUE(doc->Find("violations")->array().empty());
  }
}

TEST(CliReplay, ATokenAfterSetIsTheToken) {
  CliRun r = Lockstep("replay counter --set threads=2 0.1.0.1");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, "no-lost-update violated")) << r.out;
}

TEST(CliReplay, AnEditedVariantReportsTheSettingsThatRan) {
  CliRun check = Lockstep("check oom-reaper --variant v4.14 --property no-uaf --format json");
  ASSERT_EQ(check.code, 1);
  std::string edited = check.out;
  edited.replace(edited.find("\"variant\":\"v4.14\""), 17, "\"variant\":\"v6.0\"");
  const std::string file = Scratch("edited.json");
  std::ofstream(file) << edited;
  CliRun r = Lockstep("replay oom-reaper --trace-file " + file);
  EXPECT_EQ(r.code, 1) << r.err;
  // v6.0 with every switch where v4.14 differs from it, in the header and the
  // replay command.
  EXPECT_TRUE(Has(r.out, "variant v6.0, with ")) << r.out;
  EXPECT_TRUE(Has(r.out, "teardown-lock=none")) << r.out;
  EXPECT_TRUE(Has(r.out, "--variant v6.0 --set ")) << r.out;
  // The unedited file names no overrides.
  const std::string plain = Scratch("plain.json");
  std::ofstream(plain) << check.out;
  CliRun same = Lockstep("replay oom-reaper --trace-file " + plain);
  EXPECT_TRUE(Has(same.out, "variant v4.14\n")) << same.out;
}

TEST(CliReplay, TraceFileErrorsSayWhy) {
  const std::string numbers = Scratch("numbers.json");
  std::ofstream(numbers)
      << R"({"variant":"racy","settings":{"threads":2},"violations":[{"token":"0.1.0.1"}]})";
  CliRun r = Lockstep("replay counter --trace-file " + numbers);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "setting 'threads' in the trace file is not a string")) << r.err;
  CliRun dir = Lockstep("replay counter --trace-file " + ::testing::TempDir());
  EXPECT_EQ(dir.code, 2);
  EXPECT_TRUE(Has(dir.err, "Is a directory")) << dir.err;
  CliRun moved = Lockstep("replay flag-lock --variant check-then-set 0x3.1x3");
  EXPECT_EQ(moved.code, 2);
  EXPECT_TRUE(Has(moved.err, "thread 1 (cpu1) cannot move")) << moved.err;
}

TEST(CliReplay, TraceFileDashIsStdin) {
  CliRun check = Lockstep("check counter --format json");
  const std::string file = Scratch("stdin.json");
  std::ofstream(file) << check.out;
  CliOptions o;
  o.stdin_path = file;
  CliRun r = Lockstep("replay counter --trace-file -", o);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, "no-lost-update violated")) << r.out;
}

// Item 10: messages.
TEST(CliMessages, UnknownNamesSuggestTheClosest) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"frob", "unknown command 'frob' (commands: list, check, replay, compare)"},
      {"chek counter", "unknown command 'chek' (did you mean 'check'?)"},
      {"check countr", "unknown model 'countr' (did you mean 'counter'?)"},
      {"check oom-reaper --variant v4.41", "has no variant 'v4.41' (did you mean 'v4.14'?)"},
      {"check oom-reaper --property no-uav", "has no property 'no-uav' (did you mean 'no-uaf'?)"},
      {"check oom-reaper --set vma=2", "has no switch 'vma' (did you mean 'vmas'?)"},
      {"compare oom-reaper --variants v4.14,v6.1", "has no variant 'v6.1' (did you mean 'v6.0'?)"},
      {"replay oom-reaper --variant v6 0", "has no variant 'v6' (did you mean 'v6.0'?)"},
  };
  for (const auto& [args, message] : cases) {
    CliRun r = Lockstep(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(Has(r.err, message)) << r.err;
  }
}

// The built-in no-deadlock became no-hang (it covers waits nothing satisfies):
// the old name is refused with the new one, never accepted as checking nothing.
TEST(CliMessages, TheOldNoDeadlockNameNamesNoHang) {
  for (const std::string args : {"check oom-reaper --property no-deadlock", "check lost-wakeup --property no-deadlock",
                                 "replay counter --property no-deadlock 0"}) {
    CliRun r = Lockstep(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(Has(r.err, "the property 'no-deadlock' is now called 'no-hang' (use --property no-hang)")) << r.err;
    EXPECT_EQ(r.out, "") << args;
  }
}

TEST(CliMessages, NumbersAreCheckedWithAShortMessage) {
  for (const std::string args :
       {"check counter --max-steps 0", "check counter --preemption-bound -1", "compare counter --jobs -1",
        "check counter --max-executions -5", "check counter --max-executions 18446744073709551617",
        "check counter --max-executions 1e3", "compare counter --max-steps x", "check counter --jobs x",
        "check counter --jobs 1025"}) {
    CliRun r = Lockstep(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(Has(r.err, "takes a whole number from ")) << r.err;
    EXPECT_LT(r.err.size(), 160u) << r.err;
  }
  EXPECT_TRUE(Has(Lockstep("check --help").out, "0, the default, means no limit"));
}

TEST(CliMessages, TheStepBoundNamesTheOption) {
  CliRun r = Lockstep("check counter --max-steps 1");
  EXPECT_EQ(r.code, 3);
  EXPECT_TRUE(Has(r.out, "an execution exceeded 1 steps (--max-steps")) << r.out;
}

TEST(CliMessages, UserInputIsEchoedOnOneLine) {
  for (const std::string& bad : {std::string("v4\nx"), std::string("v4\x1b[2J"), std::string("a\tb")}) {
    CliRun r = LockstepArgs({"check", "oom-reaper", "--variant", bad});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  }
  const std::string file = Scratch("nul.json");
  std::ofstream(file) << R"({"variant":"a\u0000b\nc","violations":[{"token":"0"}]})";
  CliRun r = Lockstep("replay counter --trace-file " + file);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Lines(r.err), 1) << r.err;
}

// A switch value is a plain number or a documented name, so a value with a
// space is refused; the printed replay command pastes into a shell and runs.
TEST(CliMessages, TheReplayCommandPastesIntoAShell) {
  CliRun spaced = LockstepArgs({"check", "counter", "--set", "threads= 2"});
  EXPECT_EQ(spaced.code, 2);
  EXPECT_EQ(Lines(spaced.err), 1) << spaced.err;
  CliRun r = LockstepArgs({"check", "counter", "--set", "threads=2"});
  ASSERT_EQ(r.code, 1) << r.err;
  const size_t at = r.out.find("replay: lockstep replay ");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::string command = r.out.substr(at + 8, r.out.find('\n', at) - at - 8);
  EXPECT_TRUE(Has(command, "--set threads=2")) << command;
  command.replace(0, 8, LOCKSTEP_BINARY);  // "lockstep" -> this build
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1) << command;
}

TEST(CliMessages, CompareVariantsAreTrimmedAndChecked) {
  CliRun empty = LockstepArgs({"compare", "counter", "--variants", ""});
  EXPECT_EQ(empty.code, 2);
  EXPECT_TRUE(Has(empty.err, "has an empty name")) << empty.err;
  CliRun spaced = LockstepArgs({"compare", "counter", "--variants", "racy, locked,racy"});
  EXPECT_EQ(spaced.code, 1) << spaced.err;
  EXPECT_TRUE(Has(spaced.out, "2 variants x")) << spaced.out;
}

TEST(CliMessages, CompareSaysWhichLimit) {
  CliRun r = Lockstep("compare counter --variants locked --set threads=3 --max-executions 2");
  EXPECT_EQ(r.code, 3);
  EXPECT_TRUE(Has(r.out, "locked: stopped after --max-executions=2")) << r.out;
  for (const std::string format : {"markdown", "html"}) {
    CliRun f =
        Lockstep("compare counter --variants locked --set threads=3 --max-executions 2 --format " + format);
    EXPECT_TRUE(Has(f.out, "stopped after --max-executions=2")) << f.out;
  }
}

}  // namespace
}  // namespace lockstep::testing

namespace lockstep::testing {
namespace {

// Everything but the timings.
std::string WithoutTimings(std::string json) {
  for (const std::string key : {"\"seconds\":", "\"minimize_seconds\":", "\"executions_per_second\":",
                                "\"events_per_second\":",
                                "\"threads\":", "\"subtrees_handed_out\":", "\"subtrees_used\":"}) {
    for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
      const size_t end = json.find_first_of(",}", at);
      json.erase(at, end - at);
    }
  }
  return json;
}

TEST(CliJobs, CheckOnTwoThreadsPrintsTheSameReport) {
  const std::string scenario =
      "check robust-futex --variant v5.18-delay --set threads=2 --set writer=1 --set pages=swapped --format json";
  CliRun one = Lockstep(scenario + " --jobs 1");
  CliRun two = Lockstep(scenario + " --jobs 2");
  EXPECT_EQ(one.code, 1) << one.err;
  EXPECT_EQ(two.code, one.code) << two.err;
  EXPECT_EQ(WithoutTimings(two.out), WithoutTimings(one.out));
  EXPECT_TRUE(Has(two.out, "\"threads\":2")) << two.out;
}

TEST(CliJobs, OnlyDporExploresOnThreads) {
  CliRun r = Lockstep("check counter --strategy brute-force --jobs 2");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "--jobs needs --strategy dpor")) << r.err;
  EXPECT_EQ(Lockstep("check counter --strategy brute-force --jobs 1").code, 1);
}

}  // namespace
}  // namespace lockstep::testing
