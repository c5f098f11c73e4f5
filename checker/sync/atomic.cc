#include "checker/sync/atomic.h"

#include "checker/runtime/runtime.h"

namespace lockstep {

Applied AtomicBase::Apply(Runtime&, ThreadId, const Operation& op) {
  const int64_t old = value_;
  switch (op.kind) {
    case OpKind::kLoad:
      break;
    case OpKind::kStore:
    case OpKind::kExchange:
      value_ = op.arg;
      break;
    case OpKind::kCompareExchange:
      if (old == op.arg) value_ = op.arg2;
      break;
    case OpKind::kFetchAdd:
      value_ += op.arg;
      break;
    default:
      throw ModelError("[lockstep internal bug] not an atomic operation");
  }
  return {false, old};
}

}  // namespace lockstep
