// RefCount: refcount_t (and kref, mm_users), with the kernel's checks
// (lib/refcount.c, include/linux/refcount.h).
//
//   op                state                result          effect
//   get()             count > 0            -               count += 1        refcount_inc
//                     count == 0           -               SATURATED, violation refcount-inc-on-zero
//   get_not_zero()    count > 0            true            count += 1        refcount_inc_not_zero
//                     count == 0           false           -
//   put()             count > 1            false           count -= 1        refcount_dec_and_test
//                     count == 1           true            count = 0
//                     count == 0           false           violation no-use-after-free (underflow)
//   dec_not_one()     count == 1           false           -                 refcount_dec_not_one
//                     count > 1            true            count -= 1
//                     count == 0           true            violation no-use-after-free (underflow)
//   read()            -                    count           -                 refcount_read
//   any of them       SATURATED            as for a big count; the count stays SATURATED
//
// refcount_inc on 0 is the kernel's "refcount_t: addition on 0;
// use-after-free" WARN: it is reported at the increment, and the count
// saturates as in the kernel, so the object leaks instead of being freed
// twice later. Departure from the kernel: an underflow leaves the count at 0
// (the kernel saturates it) so that existing models keep their behaviour.
//
// Dependence: read() and the operations that change nothing (a failed
// get_not_zero() or dec_not_one(), an underflow, anything on a saturated
// count) commute with each other; everything else is dependent.
#pragma once

#include <source_location>
#include <string>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"
#include "checker/runtime/task.h"
#include "checker/sync/mutex.h"
#include "checker/sync/spinlock.h"

namespace lockstep {

class RefCount : public ObjectBase {
  using Loc = std::source_location;

 public:
  // The kernel's REFCOUNT_SATURATED (INT_MIN / 2).
  static constexpr int64_t kSaturated = -(int64_t{1} << 30);

  RefCount(ObjectName name, int64_t initial) : ObjectBase(std::move(name)), count_(initial) {}

  OpAwaiter<void> get(Loc w = Loc::current()) { return {Op(OpKind::kRefGet, w)}; }
  OpAwaiter<bool> get_not_zero(Loc w = Loc::current()) { return {Op(OpKind::kRefGetNotZero, w)}; }
  OpAwaiter<bool> put(Loc w = Loc::current()) { return {Op(OpKind::kRefPut, w)}; }
  OpAwaiter<bool> dec_not_one(Loc w = Loc::current()) { return {Op(OpKind::kRefDecNotOne, w)}; }
  OpAwaiter<int64_t> read(Loc w = Loc::current()) const { return {Op(OpKind::kRefRead, w)}; }
  int64_t peek() const { return count_; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override {
    return count_ == kSaturated ? "count=SATURATED" : "count=" + std::to_string(count_);
  }
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &count_, sizeof count_); }
  uint64_t WaitState() const override { return static_cast<uint64_t>(count_); }
  // A failed get_not_zero (0), dec_not_one (1), an underflowing put or
  // dec_not_one (0) and anything on a saturated count change nothing.
  bool ChangesNothing(uint64_t count, ThreadId, const Operation& op) const override;

 private:
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }
  int64_t count_;
};

using refcount_t = RefCount;

// The kernel's names (include/linux/refcount.h).
inline OpAwaiter<void> refcount_inc(RefCount& r, std::source_location w = std::source_location::current()) {
  return r.get(w);
}
inline OpAwaiter<bool> refcount_inc_not_zero(RefCount& r,
                                             std::source_location w = std::source_location::current()) {
  return r.get_not_zero(w);
}
inline OpAwaiter<bool> refcount_dec_and_test(RefCount& r,
                                             std::source_location w = std::source_location::current()) {
  return r.put(w);
}
inline OpAwaiter<bool> refcount_dec_not_one(RefCount& r, std::source_location w = std::source_location::current()) {
  return r.dec_not_one(w);
}
inline OpAwaiter<int64_t> refcount_read(const RefCount& r,
                                        std::source_location w = std::source_location::current()) {
  return r.read(w);
}

// refcount_dec_and_lock (lib/refcount.c): drops a reference; when it was the
// last one, returns true with the lock held, so that the final put and the
// removal from a lookup structure are atomic with respect to lookups under
// the lock.
template <class Lock>
Task<bool> refcount_dec_and_lock_common(RefCount& r, Lock& lock) {
  const bool not_one = co_await refcount_dec_not_one(r);  // fast path: not the last reference
  if (not_one) co_return false;
  co_await lock.lock();
  const bool last = co_await refcount_dec_and_test(r);
  if (!last) {
    co_await lock.unlock();
    co_return false;
  }
  co_return true;
}
inline Task<bool> refcount_dec_and_lock(RefCount& r, Spinlock& lock) {
  return refcount_dec_and_lock_common(r, lock);
}
inline Task<bool> refcount_dec_and_mutex_lock(RefCount& r, Mutex& lock) {
  return refcount_dec_and_lock_common(r, lock);
}

// kref (include/linux/kref.h): a refcount_t with a release function; release
// is a callable returning Task<void>, called with the mutex held by
// kref_put_mutex (it must unlock it, as in the kernel).
using kref = RefCount;
inline OpAwaiter<void> kref_get(kref& k, std::source_location w = std::source_location::current()) {
  return k.get(w);
}
inline OpAwaiter<bool> kref_get_unless_zero(kref& k, std::source_location w = std::source_location::current()) {
  return k.get_not_zero(w);
}
template <class Release>
Task<bool> kref_put(kref& k, Release release) {
  const bool last = co_await refcount_dec_and_test(k);
  if (last) co_await release();
  co_return last;
}
template <class Release>
Task<bool> kref_put_mutex(kref& k, Release release, Mutex& lock) {
  const bool last = co_await refcount_dec_and_mutex_lock(k, lock);
  if (last) co_await release();
  co_return last;
}

}  // namespace lockstep
