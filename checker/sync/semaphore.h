// Semaphore: the kernel's counting semaphore (struct semaphore), and the
// count behind a completion (sync/completion.h). Any thread may up() it; no
// thread owns it.
//
//   op                          condition           effect                result
//   down()                      count > 0           count -= 1            -
//                               count == 0          blocked until an up() (no step)
//   down_trylock()              count > 0           count -= 1            0 (kernel: 0 on success)
//                               count == 0          -                     1
//   up()                        -                   count += 1            -
//   wait_for_completion()       done > 0            done -= 1 unless ALL  -
//                               done == 0           blocked until a complete() (no step)
//   try_wait_for_completion()   done > 0            done -= 1 unless ALL  true
//                               done == 0           -                     false
//   complete()                  -                   done += 1 unless ALL  -
//   complete_all()              -                   done = ALL            -
//   completion_done()           -                   -                     done != 0
//
// ALL is the kernel's UINT_MAX: after complete_all() every waiter passes and
// the count no longer changes (kernel/sched/completion.c).
//
// Dependence: completion_done(), a failed down_trylock() or
// try_wait_for_completion(), and every operation after complete_all() change
// nothing and commute with each other; everything else on the same semaphore
// is dependent. A down() races with the down()
// before it, not with the up() it waited for (System::CouldRunBefore).
#pragma once

#include <cstdint>
#include <limits>
#include <source_location>
#include <string>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

class Semaphore : public ObjectBase {
  using Loc = std::source_location;

 public:
  static constexpr int64_t kAll = std::numeric_limits<int64_t>::max();

  Semaphore(ObjectName name, int64_t count) : ObjectBase(std::move(name)), count_(count) {}

  OpAwaiter<void> down(Loc w = Loc::current()) { return {Op(OpKind::kSemDown, w)}; }
  OpAwaiter<int> down_trylock(Loc w = Loc::current()) { return {Op(OpKind::kSemTrydown, w)}; }
  OpAwaiter<void> up(Loc w = Loc::current()) { return {Op(OpKind::kSemUp, w)}; }
  int64_t peek() const { return count_; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override;
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &count_, sizeof count_); }
  uint64_t WaitState() const override { return static_cast<uint64_t>(count_); }
  bool CanRun(uint64_t count, ThreadId, const Operation& op) const override {
    return (op.kind != OpKind::kSemDown && op.kind != OpKind::kCompletionWait) || count > 0;
  }
  // A down_trylock or try_wait_for_completion that finds 0 fails, and after
  // complete_all() nothing changes the count any more.
  bool ChangesNothing(uint64_t count, ThreadId, const Operation& op) const override;

 protected:
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }

 private:
  int64_t count_;
};

// The kernel's names (include/linux/semaphore.h).
inline OpAwaiter<void> down(Semaphore& s, std::source_location w = std::source_location::current()) {
  return s.down(w);
}
inline OpAwaiter<int> down_trylock(Semaphore& s, std::source_location w = std::source_location::current()) {
  return s.down_trylock(w);
}
inline OpAwaiter<void> up(Semaphore& s, std::source_location w = std::source_location::current()) {
  return s.up(w);
}

}  // namespace lockstep
