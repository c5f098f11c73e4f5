// `lockstep compare robust-futex` over threads x chain x writer x pages: no
// verdict may rest on a swapped-out page failing to come back in a VMA the
// reaper did not zap (check_stable_address_space() does not guard
// do_swap_page()). Two checks, over every variant and every cell:
//
//  1. In every counterexample, every fault that fails (the faulting thread's
//     test of MMF_UNSTABLE returns 1) found the PTE zapped (its cmpxchg
//     returned kPteZapped) on a VMA that an earlier step zapped.
//  2. A verdict that differs between pages=resident and pages=swapped differs
//     only because a fault happens (the page is not present), never because
//     one fails: the only such verdict is v5's deadlock, in which the reaper's
//     own get_user() faults under mmap_read_lock and its mmap_read_lock()
//     queues behind the writer.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "checker/report/compare.h"
#include "models/registry.h"

namespace lockstep {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

CompareReport Compare(const std::vector<std::string>& overrides) {
  CompareRequest req;
  req.model = models::Find("robust-futex");
  req.overrides = overrides;
  req.jobs = 1;  // ctest runs the sweep's tests side by side
  absl::StatusOr<CompareReport> r = RunCompare(req);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : CompareReport{};
}

// Check 1 on one counterexample.
void ExpectFailedFaultsFoundAZappedPage(const ViolationReport& v, const std::string& where) {
  const std::vector<TraceStep>& steps = v.trace.steps;
  for (size_t i = 0; i < steps.size(); ++i) {
    const TraceStep& s = steps[i];
    if (s.operation != "test_bit(MMF_UNSTABLE)" || s.result != "1") continue;
    SCOPED_TRACE(where + " step " + std::to_string(s.index));
    // The same thread's previous step: its cmpxchg on the PTE, which found it zapped.
    int prev = static_cast<int>(i) - 1;
    while (prev >= 0 && steps[prev].thread != s.thread) --prev;
    ASSERT_GE(prev, 0);
    const TraceStep& pte = steps[prev];
    ASSERT_EQ(pte.object.rfind("pte(", 0), 0u) << pte.object << "." << pte.operation;
    EXPECT_EQ(pte.result, "2") << "a fault failed on a PTE that was not zapped: " << pte.object;
    bool zapped_before = false;
    for (int k = 0; k < prev; ++k)
      zapped_before |= steps[k].object == pte.object && steps[k].operation == "store(2)";
    EXPECT_TRUE(zapped_before) << pte.object;
  }
}

bool ReaperFaultsUnderItsReadLock(const ViolationReport& v) {
  for (const TraceStep& s : v.trace.steps) {
    if (s.thread == "oom_reaper" && s.object == "mmap_lock" && s.operation == "down_read") return true;
  }
  return false;
}

// One scenario of the sweep: threads x chain x writer, compared between
// pages=resident and pages=swapped over every variant. A test each, so ctest
// can run them side by side.
struct Cell3 {
  const char* threads;
  const char* chain;
  const char* writer;
};

class PagesSweep : public ::testing::TestWithParam<Cell3> {};

TEST_P(PagesSweep, NoVerdictRestsOnASwapInFailingInAVmaTheReaperDidNotZap) {
  const Cell3 c = GetParam();
  if (kSanitized && std::string(c.threads) == "2" && std::string(c.writer) == "1") {
    GTEST_SKIP() << "millions of executions, too slow under sanitizers; the plain ctest run checks this scenario";
  }
  const std::vector<std::string> cell = {std::string("threads=") + c.threads, std::string("chain=") + c.chain,
                                         std::string("writer=") + c.writer};
  std::vector<std::string> resident_set = cell, swapped_set = cell;
  resident_set.push_back("pages=resident");
  swapped_set.push_back("pages=swapped");
  const CompareReport resident = Compare(resident_set);
  const CompareReport swapped = Compare(swapped_set);
  ASSERT_EQ(resident.rows.size(), 7u);
  ASSERT_EQ(swapped.rows.size(), 7u);
  ASSERT_EQ(swapped.properties.size(), 9u);  // 4 of the model, 5 built in
  for (size_t r = 0; r < swapped.rows.size(); ++r) {
    const std::string where = swapped.rows[r].report.variant + " " + ::testing::PrintToString(cell);
    for (const CompareReport* rep : {&resident, &swapped}) {
      for (const ViolationReport& v : rep->rows[r].report.violations)
        ExpectFailedFaultsFoundAZappedPage(v, where);
    }
    for (size_t p = 0; p < swapped.properties.size(); ++p) {
      const Cell a = resident.rows[r].cells[p], b = swapped.rows[r].cells[p];
      ASSERT_NE(a, Cell::kInconclusive) << where;
      ASSERT_NE(b, Cell::kInconclusive) << where;
      if (a == b) continue;
      const std::string& property = swapped.properties[p].name;
      SCOPED_TRACE(where + " " + property);
      // Check 2: only the deadlock through the reaper's own fault.
      ASSERT_EQ(property, "no-hang");
      ASSERT_EQ(b, Cell::kViolated);
      const ViolationReport* v = swapped.rows[r].Violation(property);
      ASSERT_NE(v, nullptr);
      EXPECT_TRUE(ReaperFaultsUnderItsReadLock(*v));
      EXPECT_EQ(swapped.rows[r].report.variant, "reaper-cleans-list");
      EXPECT_EQ(std::string(c.writer), "1");
    }
  }
  // The deadlock needs a queued writer and a fault in the reaper's walk: it
  // is found with swapped pages exactly when there is a writer.
  const size_t v5 = 2, p8 = 4;
  ASSERT_EQ(swapped.rows[v5].report.variant, "reaper-cleans-list");
  ASSERT_EQ(swapped.properties[p8].name, "no-hang");
  EXPECT_EQ(swapped.rows[v5].cells[p8], std::string(c.writer) == "1" ? Cell::kViolated : Cell::kHolds);
}

INSTANTIATE_TEST_SUITE_P(ThreadsChainWriter, PagesSweep,
                         ::testing::Values(Cell3{"1", "head-m1", "0"}, Cell3{"1", "head-m1", "1"},
                                           Cell3{"1", "head-m2-m1", "0"}, Cell3{"1", "head-m2-m1", "1"},
                                           Cell3{"2", "head-m1", "0"}, Cell3{"2", "head-m1", "1"},
                                           Cell3{"2", "head-m2-m1", "0"}, Cell3{"2", "head-m2-m1", "1"}),
                         [](const ::testing::TestParamInfo<Cell3>& info) {
                           std::string name = std::string("threads") + info.param.threads + "_" +
                                              info.param.chain + "_writer" + info.param.writer;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace lockstep
