// Atomic<T>: an integer or bool shared variable under sequential consistency.
//
//   operation                 result        effect               access
//   load()                    value         -                    read
//   store(v)                  -             value = v            write
//   exchange(v)               old value     value = v            write
//   compare_exchange(e, d)    old value     if old == e: value=d write
//   fetch_add(d)              old value     value += d           write
//   wait_until(cond)          value         - (blocked until     read
//                                           cond(value) holds)
//
// wait_until is a spin loop, `while (!READ_ONCE(x)) cpu_relax();`, as one
// step: the thread is blocked (not enabled) while the condition is false, so
// the spinning is not explored iteration by iteration, and a condition that
// no write ever makes true leaves the thread blocked at the end: a hang.
//
// Dependence: loads (and a cmpxchg that failed: it changed nothing) commute
// with each other; everything else on the same variable
// is dependent. peek() reads the value without a step: only for end checks
// and invariants, never to steer a thread. set_value_names() gives values
// symbolic names for traces, from a static table (sync/value_names.h).
#pragma once

#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"
#include "checker/sync/value_names.h"

namespace lockstep {

// What a wait_until waits for: a comparison with a constant (lockstep::ne(0),
// eq(1), ge(2), ... ; all_set(mask) / all_clear(mask) for flag bits).
struct Until {
  enum Cmp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kAllSet, kAllClear };
  Cmp cmp;
  int64_t value;
  bool Holds(int64_t v) const;
  std::string Text() const;  // "!= 0"
};
inline Until eq(int64_t v) { return {Until::kEq, v}; }
inline Until ne(int64_t v) { return {Until::kNe, v}; }
inline Until lt(int64_t v) { return {Until::kLt, v}; }
inline Until le(int64_t v) { return {Until::kLe, v}; }
inline Until gt(int64_t v) { return {Until::kGt, v}; }
inline Until ge(int64_t v) { return {Until::kGe, v}; }
inline Until all_set(int64_t mask) { return {Until::kAllSet, mask}; }
inline Until all_clear(int64_t mask) { return {Until::kAllClear, mask}; }

class AtomicBase : public ObjectBase {
 public:
  AtomicBase(ObjectName name, int64_t initial) : ObjectBase(std::move(name)), value_(initial) {}
  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override { return ValueName(value_); }
  void set_value_names(ValueNames names) { value_names_ = names; }
  // The value's symbolic name if it has one, else the number.
  std::string ValueName(int64_t v) const;
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &value_, sizeof value_); }
  int64_t raw() const { return value_; }
  uint64_t WaitState() const override { return static_cast<uint64_t>(value_); }
  bool CanRun(uint64_t value, ThreadId, const Operation& op) const override {
    return op.kind != OpKind::kWaitUntil || UntilOf(op).Holds(static_cast<int64_t>(value));
  }
  // A cmpxchg that finds another value fails and changes nothing.
  bool ChangesNothing(uint64_t value, ThreadId, const Operation& op) const override {
    return op.kind == OpKind::kCompareExchange && static_cast<int64_t>(value) != op.arg;
  }
  static Until UntilOf(const Operation& op) { return {static_cast<Until::Cmp>(op.arg2), op.arg}; }

 protected:
  Operation Op(OpKind kind, int64_t arg, int64_t arg2, std::source_location where) const {
    return Operation{kind, id(), location(), arg, arg2, where};
  }

 private:
  int64_t value_;
  ValueNames value_names_;
};

template <class T>
class Atomic : public AtomicBase {
  static_assert(std::is_integral_v<T>, "Atomic<T> holds integers and bools");
  using Loc = std::source_location;

 public:
  explicit Atomic(ObjectName name, T initial = T{})
      : AtomicBase(std::move(name), static_cast<int64_t>(initial)) {}

  OpAwaiter<T> load(Loc w = Loc::current()) const { return {Op(OpKind::kLoad, 0, 0, w)}; }
  OpAwaiter<void> store(T v, Loc w = Loc::current()) { return {Op(OpKind::kStore, v, 0, w)}; }
  OpAwaiter<T> exchange(T v, Loc w = Loc::current()) { return {Op(OpKind::kExchange, v, 0, w)}; }
  OpAwaiter<T> compare_exchange(T expected, T desired, Loc w = Loc::current()) {
    return {Op(OpKind::kCompareExchange, expected, desired, w)};
  }
  OpAwaiter<T> fetch_add(T delta, Loc w = Loc::current()) { return {Op(OpKind::kFetchAdd, delta, 0, w)}; }
  OpAwaiter<T> fetch_sub(T delta, Loc w = Loc::current()) {
    return {Op(OpKind::kFetchAdd, -static_cast<int64_t>(delta), 0, w)};
  }
  // Blocks until the condition holds, then reads the value (one step).
  OpAwaiter<T> wait_until(Until cond, Loc w = Loc::current()) const {
    return {Op(OpKind::kWaitUntil, cond.value, cond.cmp, w)};
  }
  T peek() const { return static_cast<T>(raw()); }
};

}  // namespace lockstep
