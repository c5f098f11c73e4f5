// Brute force: every interleaving (and every choice value), no reduction;
// with ExploreOptions::preemption_bound, every interleaving within the bound.
// The reference the DPOR tests compare against; usable from the CLI with
// --strategy brute-force on small models.
#pragma once

#include "checker/core/system.h"
#include "checker/explore/options.h"

namespace lockstep {

ExploreResult ExploreBruteForce(System& system, const ExploreOptions& options);

}  // namespace lockstep
