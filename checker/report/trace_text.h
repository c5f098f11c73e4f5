// A trace as text, for a kernel developer reading a terminal.
//
// Columns (one per thread, one row per step):
//     step  oom_reaper                        exit_mmap (pid 2)           state              at
//        1  __oom_reap_task_mm: mmap_sem...                                mmap_sem: ...       mm/...:12
//   =>   7                                    exit_mmap: mm.free          mm: live -> freed   ...
// Lines (one line per step, for wide traces or grep):
//     1  oom_reaper  mmap_sem.down_read_trylock -> 1   [unlocked -> R=1]   __oom_reap_task_mm (file:line)
#pragma once

#include <string>

#include "checker/report/trace.h"

namespace lockstep {

enum class TraceStyle {
  kAuto,     // columns when they fit in the width, else lines
  kColumns,
  kLines,
};

struct TraceTextOptions {
  TraceStyle style = TraceStyle::kAuto;
  int width = 160;  // for kAuto
};

// The step rows only (no header or footer); ends with a newline.
std::string RenderTraceColumns(const Trace& trace);
std::string RenderTraceLines(const Trace& trace);
std::string RenderTraceSteps(const Trace& trace, const TraceTextOptions& options);

// "flag: 0 -> 1", or "flag: 0" when the step did not change it; empty for choices.
std::string StateChange(const TraceStep& step);
// "flag.store(1)", "in_critical.fetch_add(1) -> 0"
std::string StepText(const TraceStep& step);

}  // namespace lockstep
