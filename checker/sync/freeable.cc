#include "checker/sync/freeable.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied Freeable::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  switch (op.kind) {
    case OpKind::kUse:
      if (freed_) {
        rt.Violate(
            *property_,
            [&] { return absl::StrCat(rt.ThreadName(t), " uses ", name(), " after it was freed"); }, t);
      }
      return {false, 0};
    case OpKind::kFree:
      if (freed_)
        rt.Violate(
            *property_, [&] { return absl::StrCat(rt.ThreadName(t), " frees ", name(), " twice"); }, t);
      freed_ = true;
      return {false, 0};
    default:
      throw ModelError("[lockstep internal bug] not a freeable operation");
  }
}

}  // namespace lockstep
