// Optimal DPOR (source sets + wakeup trees + sleep sets; Abdulla, Aronis,
// Jonsson, Sagonas, JACM 2017): explores each Mazurkiewicz trace of the model
// exactly once, with no sleep-set-blocked executions, statelessly (memory
// proportional to the depth of one execution).
#pragma once

#include "checker/core/system.h"
#include "checker/explore/options.h"

namespace lockstep {

ExploreResult ExploreDpor(System& system, const ExploreOptions& options);

}  // namespace lockstep
