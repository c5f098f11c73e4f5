// P4 no-premature-skip and P5 reaper-progress (docs/models/robust-futex.md), as the
// robust-futex model needs them. The oom-reaper model may grow richer shared
// versions in properties/oom*.h; these use the same property names.
//
// P4: when the reaper's set of MMF_OOM_SKIP hides the victim (the bit was
// clear) without a reaping pass (and without having found the mm already
// torn down), no page it is able to unmap may still be mapped: the OOM killer
// would pass over a victim that still holds reclaimable memory and kill
// another task. A set that finds the bit already set changes nothing.
// P5: a victim the reaper was queued for ends with MMF_OOM_SKIP. (A reaper
// blocked forever is a deadlock, reported as no-hang.)
#pragma once

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "checker/runtime/model_api.h"
#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"

namespace lockstep::properties {

inline constexpr char kNoPrematureSkip[] = "no-premature-skip";
inline constexpr char kReaperProgress[] = "reaper-progress";

// One page the reaper could have unmapped: its PTE and the value meaning "mapped".
struct ReapablePage {
  const Atomic<int>* pte;
  int mapped_value;
  absl::string_view name;  // the VMA's, which lives as long as the execution
};
using ReapablePages = boost::container::small_vector<ReapablePage, 4>;

// Called by the reaper right after its set of MMF_OOM_SKIP hid the victim
// without a reaping pass:
// reads each reapable PTE (visible steps) and fails if one is still mapped.
inline Task<void> check_no_premature_skip(ReapablePages pages) {
  for (const ReapablePage& p : pages) {
    const int pte = co_await p.pte->load();
    // WARN_ON-style: the reaper goes on, so other properties see the same executions.
    warn_on(pte == p.mapped_value, kNoPrematureSkip, [&] {
      return absl::StrCat("the oom reaper set MMF_OOM_SKIP without reaping while ", p.name,
                          " is still mapped (the OOM killer will pick another victim)");
    });
  }
}

// At the end: if the reaper was queued, MMF_OOM_SKIP is set.
inline void ReaperProgressAtEnd(Runtime& rt, const bool& reaper_queued, const Bits& flags, int oom_skip_bit) {
  rt.AtEnd(kReaperProgress, [&reaper_queued, &flags, oom_skip_bit]() -> std::optional<std::string> {
    if (!reaper_queued || flags.peek(oom_skip_bit)) return std::nullopt;
    return std::string("the oom reaper was queued but the victim's mm never got MMF_OOM_SKIP");
  });
}

}  // namespace lockstep::properties
