// Nothing found is ever lost: the real binary under faults (signals, a memory
// limit, unwritable output, slow input), and verdicts that must never say
// "holds" when nothing was checked exhaustively.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "checker/report/json_value.h"
#include "tests/report/cli_run.h"

namespace lockstep::testing {
namespace {

uint64_t Executions(const std::string& json_stats_owner) {
  absl::StatusOr<JsonValue> doc = ParseJson(json_stats_owner);
  if (!doc.ok()) return 0;
  const JsonValue* stats = doc->Find("stats");
  if (stats == nullptr) {
    const JsonValue* rows = doc->Find("variants");
    if (rows == nullptr || rows->array().empty()) return 0;
    stats = rows->array().front().Find("stats");
  }
  const JsonValue* n = stats == nullptr ? nullptr : stats->Find("executions");
  return n == nullptr ? 0 : static_cast<uint64_t>(n->number());
}

// Item 1: a thread left out by the preemption bound is a branch not explored,
// even when another thread could move.
TEST(CliVerdicts, BruteForceUnderAPreemptionBoundIsNeverHolds) {
  for (const std::string model : {"oom-reaper --variant v4.14", "flag-lock", "counter"}) {
    for (const std::string strategy : {"brute-force", "dpor"}) {
      SCOPED_TRACE(model + " " + strategy);
      CliRun r = Lockstep("check " + model + " --strategy " + strategy + " --preemption-bound 0");
      EXPECT_EQ(r.code, 3) << r.out;
      EXPECT_TRUE(Has(r.out, "verdict: inconclusive (")) << r.out;
    }
  }
}

// Issue 8 item 5: the execution in which a violation stopped the run counts.
TEST(CliVerdicts, AViolationInTheFirstExecutionIsCounted) {
  CliRun r = Lockstep("check oom-reaper --variant v4.17 --set mlocked-vma=1 --property no-premature-skip");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out,
                  "executions: 1 (complete 0, deadlocked 0, assume-blocked 0, sleep-set-blocked 0, "
                  "bounded 0, stopped 1)"))
      << r.out;
}

// Item 8: without --property every violated property is found, each with its
// own counterexample, and the counts are those of the whole exploration.
TEST(CliVerdicts, CheckFindsEveryViolatedProperty) {
  CliRun r = Lockstep("check oom-reaper --variant seed-proposal --format json");
  ASSERT_EQ(r.code, 1) << r.err;
  absl::StatusOr<JsonValue> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << r.out;
  std::vector<std::string> violated;
  for (const JsonValue& v : doc->Find("violations")->array()) {
    violated.push_back(v.Find("property")->string());
    EXPECT_FALSE(v.Find("minimality")->string().empty());
  }
  EXPECT_EQ(violated, (std::vector<std::string>{"no-premature-skip", "no-uaf"}));
  CliRun all = Lockstep("compare oom-reaper --variants seed-proposal --format json");
  EXPECT_EQ(Executions(r.out), Executions(all.out));
  EXPECT_GT(Executions(r.out), 1u);
}

// Item 3: SIGINT ends a long check with its statistics and what it found.
TEST(CliFaults, SigintEndsCheckWithPartialResults) {
  CliOptions o;
  o.signal_after = "executions";  // the first progress line
  CliRun r = Lockstep("check oom-reaper --variant v4.19 --set vmas=3 --set pages=3", o);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(Has(r.out, "verdict: ")) << r.out;
  EXPECT_TRUE(Has(r.out, "interrupted by SIGINT")) << r.out;
  EXPECT_TRUE(Has(r.out, "executions: ")) << r.out;
  EXPECT_FALSE(Has(r.out, "executions: 0 ")) << r.out;
  // Not a terminal: plain progress lines, each ended.
  EXPECT_FALSE(Has(r.err, "\r")) << r.err;
  EXPECT_TRUE(r.err.empty() || r.err.back() == '\n') << r.err;
}

// The same with the exploration on two threads: the threads stop too.
TEST(CliFaults, SigintEndsAParallelCheckWithPartialResults) {
  CliOptions o;
  o.signal_after = "executions";
  CliRun r = Lockstep("check oom-reaper --variant v4.19 --set vmas=3 --set pages=3 --jobs 2", o);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(Has(r.out, "interrupted by SIGINT")) << r.out;
  EXPECT_FALSE(Has(r.out, "executions: 0 ")) << r.out;
}

// Item 3: SIGTERM during compare --jobs 2 keeps the variants already done.
TEST(CliFaults, SigtermEndsCompareKeepingFinishedVariants) {
  CliOptions o;
  // The variants run in order, two at a time: once v4.19 (the sixth) shows
  // progress, the first four are done.
  o.signal_after = "lockstep: v4.19: ";
  o.signal = SIGTERM;
  // The cap bounds the run if the progress never shows (a build without it).
  CliRun r = Lockstep(
      "compare oom-reaper --set vmas=3 --set pages=3 --jobs 2 --format json --max-executions 100000", o);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.code, 3) << r.err;
  absl::StatusOr<JsonValue> doc = ParseJson(r.out);
  ASSERT_TRUE(doc.ok()) << r.out;
  std::map<std::string, std::string> limit, pskip;
  for (const JsonValue& row : doc->Find("variants")->array()) {
    const std::string variant = row.Find("variant")->string();
    limit[variant] = row.Find("limit")->string();
    pskip[variant] = row.Find("cells")->Find("no-premature-skip")->Find("verdict")->string();
  }
  ASSERT_EQ(limit.size(), 11u);
  EXPECT_EQ(limit["v4.13-pin"], "");
  EXPECT_EQ(pskip["v4.13-pin"], "violated");
  EXPECT_EQ(pskip["v4.15"], "holds");
  EXPECT_EQ(limit["v4.19"], "interrupted by SIGTERM");
  EXPECT_EQ(limit["v4.13-stable-check"], "interrupted before it started");
  EXPECT_EQ(pskip["v4.13-stable-check"], "inconclusive");
}

// Item 4: a run that runs out of memory reports what it found, with its
// statistics. The limit that makes the exploration (not the start-up) fail
// depends on the build, so the test sweeps down from the smallest limit that
// suffices: every run must end cleanly, and some fail inside the exploration.
TEST(CliFaults, CheckUnderAMemoryLimitEndsCleanlyWithStatistics) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space";
#else
  // A deep scenario whose planned frontier grows by about 0.4 MiB over the
  // run (its wakeup trees), so that many limits fall inside the exploration.
  const std::string args =
      "check robust-futex --variant reaper-cleans-list --set threads=2 --set chain=head-m2-m1 --set writer=1 "
      "--set pages=swapped --property no-hang --max-executions 10000";
  // The smallest limit, in 64 KiB steps, under which the run completes.
  rlim_t complete = 0;
  for (rlim_t kib = 4096; kib <= 65536 && complete == 0; kib += 64) {
    CliOptions o;
    o.address_space = kib << 10;
    if (Has(Lockstep(args, o).out, "--max-executions=10000")) complete = kib;
  }
  ASSERT_NE(complete, 0u);
  // Below it, down to the limit at which the run cannot even begin (lower
  // still, the C++ runtime cannot allocate an exception and aborts: not ours).
  int out_of_memory_with_stats = 0;
  for (rlim_t kib = complete - 8; kib + 1024 > complete; kib -= 8) {
    CliOptions o;
    o.address_space = kib << 10;
    CliRun r = Lockstep(args, o);
    SCOPED_TRACE(kib);
    EXPECT_EQ(r.signal, 0) << r.err;
    EXPECT_EQ(r.code, 3) << r.err;
    if (r.out.empty()) {
      EXPECT_EQ(r.err, "lockstep: out of memory\n");  // before the run began
      break;
    }
    EXPECT_TRUE(Has(r.out, "executions: ")) << r.out;
    if (Has(r.out, "verdict: inconclusive (ran out of memory)")) {
      ++out_of_memory_with_stats;
    } else {
      EXPECT_TRUE(Has(r.out, "--max-executions=10000")) << r.out;  // enough memory still
    }
  }
  EXPECT_GT(out_of_memory_with_stats, 0);
#endif
}

// Item 4: a token costs memory only after it has been checked against the
// step bound.
TEST(CliFaults, HugeTokensAreRefusedBeforeTheyCostMemory) {
  std::string hundred, two_thousand;
  for (int i = 0; i < 2000; ++i)
    (i < 100 ? hundred : two_thousand) += (i % 100 ? "." : "") + std::string("0x999999");
  two_thousand = hundred + "." + two_thousand;
  const std::string file = Scratch("huge.json");
  std::ofstream(file) << R"({"model":"flag-lock","variant":"check-then-set","violations":[{"property":)"
                      << R"("mutual-exclusion","token":")" << two_thousand << R"("}]})";
  CliOptions limited;
  limited.address_space = rlim_t{512} << 20;
#if defined(__SANITIZE_ADDRESS__)
  limited.address_space = 0;
#endif
  for (const std::vector<std::string>& args : {std::vector<std::string>{"replay", "flag-lock", hundred},
                                               {"replay", "flag-lock", two_thousand},
                                               {"replay", "flag-lock", "--trace-file", file}}) {
    CliRun r = LockstepArgs(args, limited);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_TRUE(Has(r.err, "more than 20000 steps")) << r.err;
  }
}

// Item 5: results that could not be written are an error, never a verdict.
TEST(CliFaults, WriteErrorsAreReported) {
  for (const std::string args : {"check oom-reaper --variant v4.14", "compare counter", "list"}) {
    for (bool closed : {false, true}) {
      SCOPED_TRACE(args + (closed ? " >&-" : " >/dev/full"));
      CliOptions o;
      o.close_stdout = closed;
      o.stdout_path = closed ? "" : "/dev/full";
      CliRun r = Lockstep(args, o);
      EXPECT_EQ(r.code, 2) << r.err;
      EXPECT_EQ(Lines(r.err), 1) << r.err;
      EXPECT_TRUE(Has(r.err, "cannot write the results to stdout: ")) << r.err;
      EXPECT_TRUE(Has(r.err, closed ? "Bad file descriptor" : "No space left on device")) << r.err;
    }
  }
  CliRun r = Lockstep("compare counter --output /dev/full");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "cannot write the results to '/dev/full': No space left on device")) << r.err;
}

// Item 6: an unwritable --output is refused before the run, with the reason.
TEST(CliFaults, CompareOutputIsCheckedBeforeTheRun) {
  CliRun r = Lockstep(
      "compare oom-reaper --set vmas=3 --set pages=3 --max-executions 20000 "
      "--output /nonexistent/dir/table.txt");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "lockstep: cannot write '/nonexistent/dir/table.txt': No such file or directory\n");
  const std::string out = Scratch("table.txt");
  CliRun ok = Lockstep("compare counter --output " + out);
  EXPECT_EQ(ok.code, 1);
  EXPECT_TRUE(ok.out.empty());
  EXPECT_TRUE(Has(ReadAll(out), "| racy") || Has(ReadAll(out), "racy ")) << ReadAll(out);
  CliRun dash = Lockstep("compare counter --output -");
  EXPECT_TRUE(Has(dash.out, "racy")) << dash.out;
  EXPECT_NE(access("-", F_OK), 0);
}

// Item 7: progress inside a compare variant, as plain lines off a terminal.
TEST(CliFaults, CompareShowsProgressInsideAVariant) {
  CliOptions o;
  o.signal_after = "lockstep: v4.17: ";
  CliRun r =
      Lockstep("compare oom-reaper --variants v4.17 --set vmas=3 --set pages=3 --max-executions 100000", o);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(Has(r.err, "lockstep: v4.17: ")) << r.err;
  EXPECT_TRUE(Has(r.err, " executions, ")) << r.err;
  EXPECT_FALSE(Has(r.err, "\r")) << r.err;
}

// Item 2: the watchdog watches model code only. Input that arrives late (a
// FIFO) and a reader that is slow to drain the output do not trip it.
// LOCKSTEP_STALL_SECONDS=2 makes the watchdog fire after two idle seconds.
TEST(CliFaults, TheWatchdogIgnoresSlowInputAndOutput) {
  setenv("LOCKSTEP_STALL_SECONDS", "2", 1);
  CliRun check = Lockstep("check counter --format json");
  ASSERT_EQ(check.code, 1);
  const std::string fifo = Scratch("fifo");
  unlink(fifo.c_str());
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::seconds(4));  // > the stall time: a chance for the bug
    std::ofstream(fifo) << check.out;
  });
  CliRun r = Lockstep("replay counter --trace-file " + fifo);
  writer.join();
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, "no-lost-update violated")) << r.out;

  // Output larger than a pipe buffer, read only after the stall time.
  CliOptions o;
  o.stdout_path = fifo;
  std::string html;
  std::thread reader([&] {
    std::ifstream in(fifo);  // opens once the child has opened its end
    std::this_thread::sleep_for(std::chrono::seconds(4));
    html.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  });
  CliRun big = Lockstep("compare oom-reaper --set mlocked-vma=1 --format html", o);
  reader.join();
  unsetenv("LOCKSTEP_STALL_SECONDS");
  EXPECT_EQ(big.code, 1) << big.err;
  EXPECT_GT(html.size(), size_t{1} << 16);
  EXPECT_TRUE(Has(html, "</html>")) << html.size();
}

}  // namespace
}  // namespace lockstep::testing
