#include "tests/engine/trace_fingerprint.h"

#include <algorithm>
#include <vector>

#include <xxhash.h>

namespace lockstep::testing {

uint64_t TraceFingerprint(std::span<const Event> events) {
  const size_t n = events.size();
  // Direct predecessors of each event (transitivity is implied by placing in order).
  std::vector<std::vector<size_t>> preds(n);
  for (size_t j = 0; j < n; ++j) {
    for (size_t i = 0; i < j; ++i) {
      const bool wakes = std::find(events[j].wakers.begin(), events[j].wakers.end(), i) != events[j].wakers.end();
      if (events[i].thread == events[j].thread || Dependent(events[i].op, events[j].op) || wakes) preds[j].push_back(i);
    }
  }
  std::vector<bool> placed(n, false);
  XXH64_state_t* h = XXH64_createState();
  XXH64_reset(h, 0);
  for (size_t step = 0; step < n; ++step) {
    size_t best = n;
    for (size_t j = 0; j < n; ++j) {
      if (placed[j]) continue;
      if (!std::all_of(preds[j].begin(), preds[j].end(), [&](size_t i) { return placed[i]; })) continue;
      if (best == n || events[j].thread < events[best].thread) best = j;
    }
    placed[best] = true;
    const Event& e = events[best];
    const int64_t record[] = {e.thread, e.seq, static_cast<int64_t>(e.op.kind), e.op.object, e.op.arg, e.op.arg2, e.result};
    XXH64_update(h, record, sizeof record);
  }
  const uint64_t digest = XXH64_digest(h);
  XXH64_freeState(h);
  return digest;
}

}  // namespace lockstep::testing
