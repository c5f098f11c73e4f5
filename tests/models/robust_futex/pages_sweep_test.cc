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

CompareReport Compare(const std::vector<std::string>& overrides) {
  CompareRequest req;
  req.model = models::Find("robust-futex");
  req.overrides = overrides;
  req.jobs = 2;
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

TEST(PagesSweep, NoVerdictRestsOnASwapInFailingInAVmaTheReaperDidNotZap) {
  int cells = 0, differing = 0;
  for (const char* threads : {"1", "2"}) {
    for (const char* chain : {"head-m1", "head-m2-m1"}) {
      for (const char* writer : {"0", "1"}) {
        const std::vector<std::string> cell = {std::string("threads=") + threads,
                                               std::string("chain=") + chain,
                                               std::string("writer=") + writer};
        std::vector<std::string> resident_set = cell, swapped_set = cell;
        resident_set.push_back("pages=resident");
        swapped_set.push_back("pages=swapped");
        const CompareReport resident = Compare(resident_set);
        const CompareReport swapped = Compare(swapped_set);
        ASSERT_EQ(resident.rows.size(), swapped.rows.size());
        for (size_t r = 0; r < swapped.rows.size(); ++r) {
          const std::string where = swapped.rows[r].report.variant + " " + ::testing::PrintToString(cell);
          for (const CompareReport* rep : {&resident, &swapped}) {
            for (const ViolationReport& v : rep->rows[r].report.violations)
              ExpectFailedFaultsFoundAZappedPage(v, where);
          }
          for (size_t p = 0; p < swapped.properties.size(); ++p) {
            ++cells;
            const Cell a = resident.rows[r].cells[p], b = swapped.rows[r].cells[p];
            ASSERT_NE(a, Cell::kInconclusive) << where;
            ASSERT_NE(b, Cell::kInconclusive) << where;
            if (a == b) continue;
            ++differing;
            const std::string& property = swapped.properties[p].name;
            SCOPED_TRACE(where + " " + property);
            // Check 2: only the deadlock through the reaper's own fault.
            ASSERT_EQ(property, "no-deadlock");
            ASSERT_EQ(b, Cell::kViolated);
            const ViolationReport* v = swapped.rows[r].Violation(property);
            ASSERT_NE(v, nullptr);
            EXPECT_TRUE(ReaperFaultsUnderItsReadLock(*v));
            EXPECT_EQ(swapped.rows[r].report.variant, "reaper-cleans-list");
            EXPECT_EQ(std::string(writer), "1");
          }
        }
      }
    }
  }
  EXPECT_EQ(cells, 2 * 2 * 2 * 7 * 7);  // cells x variants x properties
  EXPECT_GT(differing, 0);              // the deadlock needs a fault: it is there
}

}  // namespace
}  // namespace lockstep
