#include "checker/sync/mutex.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied Mutex::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  switch (op.kind) {
    case OpKind::kMutexLock:
      if (owner_ == kNoThread) {
        owner_ = t;
        rt.CountLock(t, +1);
        return {false, 0};
      }
      queue_.push_back(t);
      rt.BlockOn(this, "lock");
      return {true, 0};
    case OpKind::kMutexTrylock:
      if (owner_ != kNoThread) return {false, 0};
      owner_ = t;
      rt.CountLock(t, +1);
      return {false, 1};
    case OpKind::kMutexUnlock:
      if (owner_ != t) {
        rt.Violate("no-lock-misuse", absl::StrCat(rt.ThreadName(t), " unlocks ", name(), " which it does not hold"), t);
        return {false, 0};
      }
      rt.CountLock(t, -1);
      owner_ = kNoThread;
      if (!queue_.empty()) {  // FIFO hand-off
        owner_ = queue_.front();
        queue_.erase(queue_.begin());
        rt.CountLock(owner_, +1);
        rt.Wake(owner_, 0);
      }
      return {false, 0};
    default:
      throw ModelError("[lockstep internal bug] not a mutex operation");
  }
}

std::string Mutex::Describe() const {
  if (owner_ == kNoThread) return "free";
  const Runtime& rt = runtime();
  std::string s = "held by " + rt.ThreadName(owner_);
  if (!queue_.empty()) s += absl::StrCat(", ", queue_.size(), " waiting");
  return s;
}

void Mutex::Digest(XXH64_state_t* h) const {
  XXH64_update(h, &owner_, sizeof owner_);
  XXH64_update(h, queue_.data(), queue_.size());
}

void Mutex::Blockers(ThreadId, std::vector<ThreadId>* out) const {
  if (owner_ != kNoThread) out->push_back(owner_);
}

}  // namespace lockstep
