// The real binary: refused switch combinations and undocumented values end
// with exit 2 and one line on stderr; `lockstep list` shows what is accepted
// and what is refused.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct CliRun {
  int code;
  std::string out, err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun Lockstep(const std::string& args) {
  const std::string base = ::testing::TempDir() + "/lockstep_model_cli_" + std::to_string(getpid());
  const std::string out = base + "_out", err = base + "_err";
  const int status =
      std::system((std::string(LOCKSTEP_BINARY) + " " + args + " >" + out + " 2>" + err).c_str());
  return CliRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadAll(out), ReadAll(err)};
}

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

void ExpectRefused(const std::string& args, const std::vector<std::string>& words) {
  SCOPED_TRACE(args);
  const CliRun r = Lockstep(args);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Lines(r.err), 1) << r.err;
  for (const std::string& w : words) EXPECT_NE(r.err.find(w), std::string::npos) << w << " in: " << r.err;
}

TEST(RefusedCombinations, RobustFutex) {
  ExpectRefused("check robust-futex --variant v5.17 --set stuck=yes", {"refuses stuck=yes with oom-delay=0"});
  ExpectRefused("check robust-futex --variant skip-head-vma --set stuck=yes", {"stuck=yes", "oom-delay=0"});
  ExpectRefused("check robust-futex --variant reaper-cleans-list --set stuck=any",
                {"stuck=any", "oom-delay=0"});
  ExpectRefused("check robust-futex --variant last-resort --set oom-delay=0 --set stuck=yes",
                {"stuck=yes", "oom-delay=0"});
  ExpectRefused("check robust-futex --variant v5.17 --set timing=assumed", {"timing=assumed", "oom-delay=0"});
  ExpectRefused("replay robust-futex 0 --variant v5.17 --set stuck=yes", {"stuck=yes"});
  ExpectRefused("compare robust-futex --set stuck=yes", {"stuck=yes", "variant 'v5.17'"});
}

TEST(RefusedCombinations, OomReaper) {
  ExpectRefused("check oom-reaper --variant v4.19 --set self-reap=0 --set self-reap-oom-lock=1",
                {"self-reap-oom-lock=1 with self-reap=0"});
  ExpectRefused("check oom-reaper --variant v4.19 --set exit-skip=after-self-reap --set self-reap=0",
                {"exit-skip=after-self-reap with self-reap=0"});
}

TEST(SwitchValues, UndocumentedAliasesAreRefused) {
  ExpectRefused("check oom-reaper --set reaper-stop=yes",
                {"reaper-stop", "allowed: none|oom-skip|seed-flag"});
  ExpectRefused("check robust-futex --set chain=true", {"chain", "allowed: head-m1|head-m2-m1"});
  ExpectRefused("check robust-futex --set chain=1", {"chain"});
  ExpectRefused("check robust-futex --set writer=true", {"writer", "allowed: 0|1, or no|yes"});
}

TEST(List, ShowsAcceptedValuesAndRefusedCombinations) {
  const CliRun r = Lockstep("list robust-futex");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("0|1, or no|yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("refused combinations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stuck=yes|any with oom-delay=0: "), std::string::npos) << r.out;
  const CliRun o = Lockstep("list oom-reaper");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("self-reap-oom-lock=1 with self-reap=0: "), std::string::npos) << o.out;
}

TEST(SwitchValues, YesIsAcceptedForYesNoSwitches) {
  const CliRun r = Lockstep("check robust-futex --variant skip-head-vma --set writer=yes --format json");
  EXPECT_NE(r.code, 2) << r.err;
}

}  // namespace
