// The canonical form of a Mazurkiewicz trace, computed from an execution's
// events by definition and independently of the explorer's vector clocks:
// happens-before = program order + dependence + wake-ups, transitively; the
// canonical linearization always places the lowest-numbered thread whose
// predecessors are all placed. Two executions are equivalent exactly when
// their canonical linearizations are equal.
#pragma once

#include <cstdint>
#include <span>

#include "checker/explore/event.h"

namespace lockstep::testing {

uint64_t TraceFingerprint(std::span<const Event> events);

}  // namespace lockstep::testing
