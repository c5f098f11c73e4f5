// <lockstep/oom_reaper.h>: the oom-reaper model's pieces (lockstep::oom_reaper),
// for a model of your own that reuses them: the mm and its VMAs (World, Mm,
// Vma), the kernel functions of every version (zap, reaper, exit path, OOM
// killer), the properties P1..P6 (properties/oom.h) and OomReaperModel() with
// its switches and kernel variants. docs/models/oom-reaper.md describes them;
// examples/my_oom_fix uses them.
#pragma once

#include "models/oom_reaper/oom_reaper.h"
#include "models/oom_reaper/variants.h"
