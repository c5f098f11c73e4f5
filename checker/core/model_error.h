// ModelError: a mistake in the model (it threw, is nondeterministic, misuses
// the API), as opposed to a property violation it exhibits. Messages that
// start with "[lockstep internal bug]" are ours.
#pragma once

#include <stdexcept>

namespace lockstep {

class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace lockstep
