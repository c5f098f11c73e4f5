// Operation: the one vocabulary type between a model and the explorer.
// A thread publishes its next Operation before it suspends; the explorer sees
// only this struct and Dependent(), never the primitive behind it.
#pragma once

#include <cstdint>
#include <source_location>
#include <string_view>

#include "checker/core/ids.h"

namespace lockstep {

enum class Access : uint8_t { kRead, kWrite, kLocal };
enum class Waits : uint8_t { kNever, kMayWait };
enum class Sleeps : uint8_t { kAtomic, kMaySleep };

enum class OpKind : uint8_t {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) k##name,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
};

inline constexpr int kNumOpKinds = 0
#define LOCKSTEP_OP(name, text, access, waits, sleeps) +1
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
    ;

// Inline: the explorer asks them for every event and every dependence test.
inline Access AccessOf(OpKind kind) {
  static constexpr Access kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Access::access,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)];
}
// Whether an operation of this kind can be disabled (its thread blocked) by
// the state of its object.
inline bool MayWait(OpKind kind) {
  static constexpr Waits kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Waits::waits,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)] == Waits::kMayWait;
}
// Whether the kernel function an operation stands for may sleep.
inline bool MaySleep(OpKind kind) {
  static constexpr Sleeps kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Sleeps::sleeps,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)] == Sleeps::kMaySleep;
}
std::string_view NameOf(OpKind kind);

struct Operation {
  OpKind kind = OpKind::kLoad;
  ObjectId object = 0;
  Location location = 0;
  // Arguments: the value stored, the expected value of a cmpxchg, a bit
  // number, the arity of a choice. arg2: cmpxchg's new value, the chosen value.
  int64_t arg = 0;
  int64_t arg2 = 0;
  std::source_location where;
  // Set once the operation has run (or, in a planned sequence, is known to
  // run) in a state where it changes nothing: a failed cmpxchg or trylock, a
  // test_and_set_bit of a set bit. It is then a read for dependence, so that
  // it commutes with other reads of its location.
  bool read_only = false;

  Access access() const {
    const Access a = AccessOf(kind);
    return a == Access::kWrite && read_only ? Access::kRead : a;
  }

  // Same operation at the same place in the model: what replay compares.
  bool SameAs(const Operation& other) const {
    // File names are static strings: equal pointers settle it in the common case.
    return kind == other.kind && object == other.object && arg == other.arg &&
           arg2 == other.arg2 && where.line() == other.where.line() &&
           (where.file_name() == other.where.file_name() ||
            std::string_view(where.file_name()) == other.where.file_name());
  }
};

// Two operations are dependent when swapping them could change the state or
// a result: same location and at least one writes. Sound for every primitive
// because each op kind's Access in op_kinds.def over-approximates what it
// does, and an operation is read_only only when it changed nothing.
inline bool Dependent(const Operation& a, const Operation& b) {
  const Access x = a.access(), y = b.access();
  if (x == Access::kLocal || y == Access::kLocal) return false;
  return a.location == b.location && (x == Access::kWrite || y == Access::kWrite);
}

}  // namespace lockstep
