// The events of one execution, as every strategy records them.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "checker/core/system.h"
#include "checker/core/violation.h"

namespace lockstep {

struct Event {
  ThreadId thread = kNoThread;
  uint32_t seq = 0;     // index among this thread's events
  Operation op;         // as executed (a choice carries its value in arg2)
  Wakers wakers;        // indices of non-dependent events it must follow
  int64_t result = 0;
  uint32_t preemptions = 0;  // preemptions in the execution up to this event
};

// One step of a schedule: enough to replay an execution.
struct ScheduleStep {
  ThreadId thread = kNoThread;
  int64_t choice = 0;
};

inline std::vector<ScheduleStep> ScheduleOf(std::span<const Event> events) {
  std::vector<ScheduleStep> s;
  s.reserve(events.size());
  for (const Event& e : events) s.push_back({e.thread, e.op.kind == OpKind::kChoose ? e.op.arg2 : 0});
  return s;
}

// What an observer sees at the end of every maximal execution (tests use it to
// compare strategies).
struct ExecutionView {
  std::span<const Event> events;
  EndKind end = EndKind::kComplete;
  const System* system = nullptr;
};
using ExecutionObserver = std::function<void(const ExecutionView&)>;

}  // namespace lockstep
