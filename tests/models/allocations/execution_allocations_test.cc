// The kernel models are explored by running them again from their setup in
// every execution, hundreds of thousands of times. Once the first executions
// have grown the runtime's arenas and buffers, an execution should take no
// block from the heap: not in the model's setup (its objects, their names,
// its containers, its checks), not in the primitives, not in the
// properties' checks that hold.
//
// Counted by replacing the global operator new in this binary, between the
// ends of executions that the explorer reports to an observer, over the
// executions that violate nothing (a violation's message is text made for
// the report). The explorer's own buffers still grow now and then, when the
// exploration first reaches a deeper node or a bigger wakeup tree: that is
// amortized over the run, hence a bound instead of zero. Before the models
// and the runtime were made to keep their per-execution state in the
// execution's arena, the four scenarios took 37 to 50 blocks per execution.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "checker/report/check.h"
#include "models/registry.h"

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

namespace {
thread_local uint64_t heap_blocks = 0;
}  // namespace

#if !defined(__SANITIZE_ADDRESS__)
// AddressSanitizer has its own operator new; there the test is skipped.
// GCC takes the malloc/free pairing below for a mismatch; it is the
// replacement the standard allows ([new.delete.single]).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  ++heap_blocks;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace lockstep {
namespace {

struct Scenario {
  std::string model;
  std::string variant;
  std::vector<std::string> overrides;
  std::string property;  // empty: all; else one that holds, so that executions count
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.model << " --variant " << s.variant;
  for (const std::string& o : s.overrides) *os << " --set " << o;
  if (!s.property.empty()) *os << " --property " << s.property;
}

struct Counted {
  uint64_t executions = 0;  // after the warm-up, without a violation
  uint64_t blocks = 0;      // heap blocks they took
};

Counted CountBlocks(const Scenario& s, uint64_t warm_up, uint64_t executions) {
  CheckRequest req;
  req.model = models::Find(s.model);
  EXPECT_NE(req.model, nullptr) << s.model;
  req.variant = s.variant;
  req.overrides = s.overrides;
  req.property = s.property;
  req.minimize = false;
  req.explore.stop_at_first_violation = false;
  req.explore.max_executions = executions;
  uint64_t seen = 0, at_last_end = 0;
  Counted c;
  req.explore.observer = [&](const ExecutionView& v) {
    if (++seen > warm_up && v.system->Violations().empty()) {
      ++c.executions;
      c.blocks += heap_blocks - at_last_end;
    }
    at_last_end = heap_blocks;  // what the observer took is not counted
  };
  absl::StatusOr<CheckReport> r = RunCheck(req);
  EXPECT_TRUE(r.ok()) << r.status();
  return c;
}

class ExecutionAllocations : public testing::TestWithParam<Scenario> {};

TEST_P(ExecutionAllocations, AfterTheFirstExecutionsTakeNothingFromTheHeap) {
  if (kSanitized) GTEST_SKIP() << "AddressSanitizer replaces operator new itself";
  const Counted c = CountBlocks(GetParam(), 200, 2000);
  ASSERT_GT(c.executions, 1000u) << "too few executions without a violation to judge";
  const double per_execution = static_cast<double>(c.blocks) / static_cast<double>(c.executions);
  RecordProperty("heap_blocks_per_execution", std::to_string(per_execution));
  EXPECT_LT(per_execution, 0.1) << c.blocks << " blocks in " << c.executions << " executions";
}

// One scenario per line.
// clang-format off
INSTANTIATE_TEST_SUITE_P(
    KernelModels, ExecutionAllocations,
    testing::Values(
        Scenario{"oom-reaper", "v4.19", {"vmas=2", "pages=2", "refault=thread"}, ""},
        Scenario{"oom-reaper", "v4.14", {"vmas=3", "pages=2", "refault=kthread"}, "reaper-progress"},
        Scenario{"robust-futex", "last-resort", {"threads=2", "chain=head-m2-m1", "pages=swapped", "writer=1"}, ""},
        Scenario{"robust-futex", "v5.18-delay", {"threads=2", "chain=head-m2-m1", "stuck=any"},
                 "futex-state-monotone"}),
    [](const testing::TestParamInfo<Scenario>& info) {
      std::string name = info.param.model + "_" + info.param.variant;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });
// clang-format on

}  // namespace
}  // namespace lockstep
