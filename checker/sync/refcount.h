// RefCount: a reference count such as mm_users.
//
//   op               result              effect
//   get()            -                   count += 1
//   get_not_zero()   count was > 0       count += 1 if it was > 0 (mmget_not_zero)
//   put()            count hit zero      count -= 1; below zero: use-after-free
//   read()           count               -            (read access)
//
// Dependence: read() and a failed get_not_zero() commute with each other;
// everything else is dependent.
#pragma once

#include <source_location>
#include <string>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

class RefCount : public ObjectBase {
  using Loc = std::source_location;

 public:
  RefCount(std::string name, int64_t initial) : ObjectBase(std::move(name)), count_(initial) {}

  OpAwaiter<void> get(Loc w = Loc::current()) { return {Op(OpKind::kRefGet, w)}; }
  OpAwaiter<bool> get_not_zero(Loc w = Loc::current()) { return {Op(OpKind::kRefGetNotZero, w)}; }
  OpAwaiter<bool> put(Loc w = Loc::current()) { return {Op(OpKind::kRefPut, w)}; }
  OpAwaiter<int64_t> read(Loc w = Loc::current()) const { return {Op(OpKind::kRefRead, w)}; }
  int64_t peek() const { return count_; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override { return "count=" + std::to_string(count_); }
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &count_, sizeof count_); }
  uint64_t WaitState() const override { return static_cast<uint64_t>(count_); }
  // get_not_zero of a zero count fails and changes nothing.
  bool ChangesNothing(uint64_t count, ThreadId, const Operation& op) const override {
    return op.kind == OpKind::kRefGetNotZero && count == 0;
  }

 private:
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }
  int64_t count_;
};

}  // namespace lockstep
