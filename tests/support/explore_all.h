// For tests: explore every execution of a setup with DPOR, collecting the
// first counterexample of every property (no stop at the first violation).
#pragma once

#include <utility>

#include "checker/explore/dpor.h"
#include "checker/runtime/runtime.h"

namespace lockstep::testing {

inline ExploreResult ExploreAll(ModelSetup setup) {
  Runtime rt(std::move(setup));
  ExploreOptions o;
  o.stop_at_first_violation = false;
  return ExploreDpor(rt, o);
}

}  // namespace lockstep::testing
