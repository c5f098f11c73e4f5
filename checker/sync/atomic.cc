#include "checker/sync/atomic.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied AtomicBase::Apply(Runtime&, ThreadId, const Operation& op) {
  const int64_t old = value_;
  switch (op.kind) {
    case OpKind::kLoad:
    case OpKind::kWaitUntil:  // runs only once its condition holds (CanRun)
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

std::string AtomicBase::ValueName(int64_t v) const {
  if (const char* name = FindName(value_names_, v)) return name;
  return std::to_string(v);
}

bool Until::Holds(int64_t v) const {
  switch (cmp) {
    case kEq:
      return v == value;
    case kNe:
      return v != value;
    case kLt:
      return v < value;
    case kLe:
      return v <= value;
    case kGt:
      return v > value;
    case kGe:
      return v >= value;
    case kAllSet:
      return (v & value) == value;
    case kAllClear:
      return (v & value) == 0;
  }
  return false;
}

std::string Until::Text() const {
  static constexpr const char* kOps[] = {"==", "!=", "<", "<=", ">", ">=", "all set", "all clear"};
  return absl::StrCat(kOps[cmp], " ", value);
}

}  // namespace lockstep
