#include "checker/sync/rwsem.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied RwSem::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  const bool can_read = writer_ == kNoThread && queue_.empty();
  const bool can_write = can_read && readers_.empty();
  switch (op.kind) {
    case OpKind::kDownRead:
    case OpKind::kDownReadTrylock:
      if (can_read) {
        readers_.push_back(t);
        rt.CountLock(t, +1);
        return {false, 1};
      }
      if (op.kind == OpKind::kDownReadTrylock) return {false, 0};
      queue_.push_back({t, false});
      rt.BlockOn(this, "read");
      return {true, 0};
    case OpKind::kDownWrite:
    case OpKind::kDownWriteTrylock:
      if (can_write) {
        writer_ = t;
        rt.CountLock(t, +1);
        return {false, 1};
      }
      if (op.kind == OpKind::kDownWriteTrylock) return {false, 0};
      queue_.push_back({t, true});
      rt.BlockOn(this, "write");
      return {true, 0};
    case OpKind::kUpRead: {
      auto it = std::find(readers_.begin(), readers_.end(), t);
      if (it == readers_.end()) {
        rt.Violate(
            "no-lock-misuse",
            [&] {
              return absl::StrCat(rt.ThreadName(t), " calls up_read on ", name(),
                                  " without holding it for read");
            },
            t);
        return {false, 0};
      }
      readers_.erase(it);
      rt.CountLock(t, -1);
      if (readers_.empty()) WakeQueue(rt);
      return {false, 0};
    }
    case OpKind::kUpWrite:
      if (writer_ != t) {
        rt.Violate(
            "no-lock-misuse",
            [&] {
              return absl::StrCat(rt.ThreadName(t), " calls up_write on ", name(),
                                  " without holding it for write");
            },
            t);
        return {false, 0};
      }
      writer_ = kNoThread;
      rt.CountLock(t, -1);
      WakeQueue(rt);
      return {false, 0};
    default:
      throw ModelError("[lockstep internal bug] not an rwsem operation");
  }
}

void RwSem::WakeQueue(Runtime& rt) {
  if (queue_.empty()) return;
  if (queue_.front().writer) {
    writer_ = queue_.front().thread;
    queue_.erase(queue_.begin());
    rt.CountLock(writer_, +1);
    rt.Wake(writer_, 0);
    return;
  }
  while (!queue_.empty() && !queue_.front().writer) {
    const ThreadId r = queue_.front().thread;
    queue_.erase(queue_.begin());
    readers_.push_back(r);
    rt.CountLock(r, +1);
    rt.Wake(r, 0);
  }
}

std::string RwSem::Describe() const {
  const Runtime& rt = runtime();
  std::string s;
  if (writer_ != kNoThread) {
    s = "W=" + rt.ThreadName(writer_);
  } else {
    s = absl::StrCat("R=", readers_.size());
  }
  for (const Waiter& w : queue_) {
    absl::StrAppend(&s, ", ", w.writer ? "writer " : "reader ", rt.ThreadName(w.thread), " queued");
  }
  return s;
}

void RwSem::Digest(XXH64_state_t* h) const {
  XXH64_update(h, &writer_, sizeof writer_);
  std::vector<ThreadId> sorted(readers_.begin(), readers_.end());
  std::sort(sorted.begin(), sorted.end());
  XXH64_update(h, sorted.data(), sorted.size());
  for (const Waiter& w : queue_) {
    XXH64_update(h, &w.thread, sizeof w.thread);
    XXH64_update(h, &w.writer, sizeof w.writer);
  }
}

bool RwSem::HeldBy(ThreadId t) const {
  return writer_ == t || std::find(readers_.begin(), readers_.end(), t) != readers_.end();
}

// A waiter waits for the holders and for everyone queued ahead of it.
void RwSem::Blockers(ThreadId t, std::vector<ThreadId>* out) const {
  for (const Waiter& w : queue_) {
    if (w.thread == t) break;
    out->push_back(w.thread);
  }
  if (writer_ != kNoThread && writer_ != t) out->push_back(writer_);
  for (ThreadId r : readers_) {
    if (r != t) out->push_back(r);  // a reader re-taking it waits for the others
  }
}

}  // namespace lockstep
