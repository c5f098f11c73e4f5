#include "checker/sync/mutex.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied Mutex::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  switch (op.kind) {
    case OpKind::kMutexLock:  // runs only when free (CanRun)
    case OpKind::kSpinLock:
      owner_ = t;
      rt.CountLock(t, +1, spinning_);
      return {false, 0};
    case OpKind::kMutexTrylock:
    case OpKind::kSpinTrylock:
      if (owner_ != kNoThread) return {false, 0};
      owner_ = t;
      rt.CountLock(t, +1, spinning_);
      return {false, 1};
    case OpKind::kMutexUnlock:
    case OpKind::kSpinUnlock:
      if (owner_ != t) {
        rt.Violate(
            "no-lock-misuse",
            [&] { return absl::StrCat(rt.ThreadName(t), " unlocks ", name(), " which it does not hold"); },
            t);
        return {false, 0};
      }
      rt.CountLock(t, -1, spinning_);
      owner_ = kNoThread;
      return {false, 0};
    default:
      throw ModelError("[lockstep internal bug] not a mutex operation");
  }
}

std::string Mutex::Describe() const {
  if (owner_ == kNoThread) return "free";
  return "held by " + runtime().ThreadName(owner_);
}

void Mutex::Digest(XXH64_state_t* h) const { XXH64_update(h, &owner_, sizeof owner_); }

void Mutex::Blockers(ThreadId, std::vector<ThreadId>* out) const {
  if (owner_ != kNoThread) out->push_back(owner_);
}

}  // namespace lockstep
