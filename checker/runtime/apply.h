// Applying one operation to its object: the single switch on the op kind
// (sync/apply.cc), so replay makes no virtual call per event.
#pragma once

#include <cstdint>

#include "checker/core/operation.h"

namespace lockstep {

class Runtime;
class ObjectBase;

struct Applied {
  bool blocked = false;  // the thread now waits; a later Wake() hands it its result
  int64_t result = 0;
};

Applied Apply(Runtime& rt, ThreadId t, const Operation& op, ObjectBase* object);

}  // namespace lockstep
