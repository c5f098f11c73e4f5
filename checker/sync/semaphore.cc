#include "checker/sync/semaphore.h"

#include "checker/runtime/runtime.h"

namespace lockstep {

Applied Semaphore::Apply(Runtime&, ThreadId, const Operation& op) {
  const bool all = count_ == kAll;
  switch (op.kind) {
    case OpKind::kSemDown:
    case OpKind::kCompletionWait:  // run only when count > 0 (CanRun)
      if (!all) --count_;
      return {false, 0};
    case OpKind::kSemTrydown:
      if (count_ == 0) return {false, 1};
      if (!all) --count_;
      return {false, 0};
    case OpKind::kCompletionTryWait:
      if (count_ == 0) return {false, 0};
      if (!all) --count_;
      return {false, 1};
    case OpKind::kSemUp:
    case OpKind::kComplete:
      if (!all) ++count_;
      return {false, 0};
    case OpKind::kCompleteAll:
      count_ = kAll;
      return {false, 0};
    case OpKind::kCompletionDone:
      return {false, count_ != 0};
    default:
      throw ModelError("[lockstep internal bug] not a semaphore operation");
  }
}

bool Semaphore::ChangesNothing(uint64_t count, ThreadId, const Operation& op) const {
  if (static_cast<int64_t>(count) == kAll) return true;  // every operation leaves ALL as it is
  return count == 0 && (op.kind == OpKind::kSemTrydown || op.kind == OpKind::kCompletionTryWait);
}

std::string Semaphore::Describe() const { return count_ == kAll ? "count=ALL" : "count=" + std::to_string(count_); }

}  // namespace lockstep
