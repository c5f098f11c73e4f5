// Bits: a word of flag bits, like mm->flags with MMF_OOM_SKIP / MMF_UNSTABLE.
//
//   operation               result     effect        access (per bit)
//   test_bit(b)             bit        -             read
//   set_bit(b)              -          bit = 1       write
//   clear_bit(b)            -          bit = 0       write
//   test_and_set_bit(b)     old bit    bit = 1       write
//   test_and_clear_bit(b)   old bit    bit = 0       write
//
// Dependence: each bit is a location of its own, so operations on different
// bits commute (a reaper setting MMF_UNSTABLE does not race with a test of
// MMF_OOM_SKIP). If an invariant merges the word with other objects, the
// whole word becomes one location.
#pragma once

#include <cstdint>
#include <source_location>
#include <string>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"
#include "checker/sync/value_names.h"

namespace lockstep {

class Bits : public ObjectBase {
  using Loc = std::source_location;

 public:
  explicit Bits(ObjectName name, uint64_t initial = 0) : ObjectBase(std::move(name)), word_(initial) {}

  OpAwaiter<bool> test_bit(int b, Loc w = Loc::current()) const { return {Op(OpKind::kTestBit, b, w)}; }
  OpAwaiter<void> set_bit(int b, Loc w = Loc::current()) { return {Op(OpKind::kSetBit, b, w)}; }
  OpAwaiter<void> clear_bit(int b, Loc w = Loc::current()) { return {Op(OpKind::kClearBit, b, w)}; }
  OpAwaiter<bool> test_and_set_bit(int b, Loc w = Loc::current()) {
    return {Op(OpKind::kTestAndSetBit, b, w)};
  }
  OpAwaiter<bool> test_and_clear_bit(int b, Loc w = Loc::current()) {
    return {Op(OpKind::kTestAndClearBit, b, w)};
  }
  bool peek(int b) const { return (word_ >> b) & 1; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override;
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &word_, sizeof word_); }
  uint64_t WaitState() const override { return word_; }
  // test_and_set_bit of a set bit, test_and_clear_bit of a clear one: nothing changes.
  bool ChangesNothing(uint64_t word, ThreadId, const Operation& op) const override {
    const bool set = (word >> op.arg) & 1;
    return (op.kind == OpKind::kTestAndSetBit && set) || (op.kind == OpKind::kTestAndClearBit && !set);
  }

  // Names for bits in traces (optional), a static table (sync/value_names.h):
  // {{MMF_OOM_SKIP, "MMF_OOM_SKIP"}, ...}.
  void set_bit_names(ValueNames names) { bit_names_ = names; }
  std::string BitName(int b) const;

 private:
  Operation Op(OpKind kind, int b, Loc w) const {
    const Location loc = merged() ? location() : (location() | static_cast<Location>(b + 1));
    return Operation{kind, id(), loc, b, 0, w};
  }
  uint64_t word_;
  ValueNames bit_names_;
};

}  // namespace lockstep
