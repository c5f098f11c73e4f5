#include "checker/sync/refcount.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied RefCount::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  switch (op.kind) {
    case OpKind::kRefGet:
      ++count_;
      return {false, 0};
    case OpKind::kRefGetNotZero:
      if (count_ == 0) return {false, 0};
      ++count_;
      return {false, 1};
    case OpKind::kRefPut:
      if (count_ == 0) {
        rt.Violate("no-use-after-free", absl::StrCat(rt.ThreadName(t), " puts ", name(), " below zero"), t);
        return {false, 0};
      }
      return {false, --count_ == 0};
    case OpKind::kRefRead:
      return {false, count_};
    default:
      throw ModelError("[lockstep internal bug] not a refcount operation");
  }
}

}  // namespace lockstep
