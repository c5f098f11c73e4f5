// Happens-before edges of a trace, for pictures and summaries: which step of
// another thread each step had to wait for. Computed from the executed
// operations alone (core/operation.h Dependent) plus the recorded wake-ups, so
// it works for every primitive without knowing any of them.
#pragma once

#include <vector>

#include "checker/report/trace.h"

namespace lockstep {

enum class EdgeKind {
  kConflict,  // same location, at least one writes: swapping them changes something
  kHandOff,   // a lock hand-off or join: `to` was woken by `from`
};

struct HbEdge {
  int from = 0;  // 1-based step indices, from < to, different threads
  int to = 0;
  EdgeKind kind = EdgeKind::kConflict;
};

// The cross-thread edges of the transitive reduction: an edge is left out
// when the order it states already follows from program order and the edges
// kept before it. Sorted by `to`, then by `from` descending.
std::vector<HbEdge> HappensBefore(const Trace& trace);

// The latest step of another thread that `step` (1-based) depends on, directly
// or through its own thread's earlier steps; 0 if none.
int LatestOtherDependency(const Trace& trace, int step);

}  // namespace lockstep
