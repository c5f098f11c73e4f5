// A property violation found in one execution.
#pragma once

#include <string>

#include "checker/core/ids.h"

namespace lockstep {

struct Violation {
  std::string property;  // e.g. "no-hang", "no-uaf" (built-ins: model/model.cc)
  std::string message;   // one line, for people
  EventIndex at = 0;     // number of events executed when it was detected
  ThreadId thread = kNoThread;  // the thread that violated it, if one did
};

}  // namespace lockstep
