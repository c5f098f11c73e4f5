// Atomic<T>: an integer or bool shared variable under sequential consistency.
//
//   operation                 result        effect               access
//   load()                    value         -                    read
//   store(v)                  -             value = v            write
//   exchange(v)               old value     value = v            write
//   compare_exchange(e, d)    old value     if old == e: value=d write
//   fetch_add(d)              old value     value += d           write
//
// Dependence: loads commute with loads; everything else on the same variable
// is dependent. peek() reads the value without a step: only for end checks
// and invariants, never to steer a thread.
#pragma once

#include <source_location>
#include <string>
#include <type_traits>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

class AtomicBase : public ObjectBase {
 public:
  AtomicBase(std::string name, int64_t initial) : ObjectBase(std::move(name)), value_(initial) {}
  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override { return std::to_string(value_); }
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &value_, sizeof value_); }
  int64_t raw() const { return value_; }

 protected:
  Operation Op(OpKind kind, int64_t arg, int64_t arg2, std::source_location where) const {
    return Operation{kind, id(), location(), arg, arg2, where};
  }

 private:
  int64_t value_;
};

template <class T>
class Atomic : public AtomicBase {
  static_assert(std::is_integral_v<T>, "Atomic<T> holds integers and bools");
  using Loc = std::source_location;

 public:
  explicit Atomic(std::string name, T initial = T{})
      : AtomicBase(std::move(name), static_cast<int64_t>(initial)) {}

  OpAwaiter<T> load(Loc w = Loc::current()) const { return {Op(OpKind::kLoad, 0, 0, w)}; }
  OpAwaiter<void> store(T v, Loc w = Loc::current()) { return {Op(OpKind::kStore, v, 0, w)}; }
  OpAwaiter<T> exchange(T v, Loc w = Loc::current()) { return {Op(OpKind::kExchange, v, 0, w)}; }
  OpAwaiter<T> compare_exchange(T expected, T desired, Loc w = Loc::current()) {
    return {Op(OpKind::kCompareExchange, expected, desired, w)};
  }
  OpAwaiter<T> fetch_add(T delta, Loc w = Loc::current()) {
    return {Op(OpKind::kFetchAdd, delta, 0, w)};
  }
  OpAwaiter<T> fetch_sub(T delta, Loc w = Loc::current()) {
    return {Op(OpKind::kFetchAdd, -static_cast<int64_t>(delta), 0, w)};
  }
  T peek() const { return static_cast<T>(raw()); }
};

}  // namespace lockstep
