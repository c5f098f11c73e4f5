#include "checker/sync/refcount.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"
#include "checker/core/property_names.h"

namespace lockstep {

Applied RefCount::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  const bool saturated = count_ == kSaturated;
  auto underflow = [&] {
    rt.Violate(kNoUseAfterFree,
               absl::StrCat(rt.ThreadName(t), " puts ", name(), " below zero (refcount_t: underflow; use-after-free)"),
               t);
  };
  switch (op.kind) {
    case OpKind::kRefGet:
      if (count_ == 0) {
        rt.Violate(kRefcountIncOnZero,
                   absl::StrCat(rt.ThreadName(t), " increments ", name(),
                                " from 0 (refcount_t: addition on 0; use-after-free)"),
                   t);
        count_ = kSaturated;
      } else if (!saturated) {
        ++count_;
      }
      return {false, 0};
    case OpKind::kRefGetNotZero:
      if (count_ == 0) return {false, 0};
      if (!saturated) ++count_;
      return {false, 1};
    case OpKind::kRefPut:
      if (saturated) return {false, 0};
      if (count_ == 0) {
        underflow();
        return {false, 0};
      }
      return {false, --count_ == 0};
    case OpKind::kRefDecNotOne:
      if (saturated) return {false, 1};
      if (count_ == 1) return {false, 0};
      if (count_ == 0) {
        underflow();
        return {false, 1};
      }
      --count_;
      return {false, 1};
    case OpKind::kRefRead:
      return {false, count_};
    default:
      throw ModelError("[lockstep internal bug] not a refcount operation");
  }
}

bool RefCount::ChangesNothing(uint64_t packed, ThreadId, const Operation& op) const {
  const int64_t count = static_cast<int64_t>(packed);
  if (count == kSaturated) return true;
  switch (op.kind) {
    case OpKind::kRefGetNotZero:
    case OpKind::kRefPut:
      return count == 0;
    case OpKind::kRefDecNotOne:
      return count <= 1;
    default:
      return false;
  }
}

}  // namespace lockstep
