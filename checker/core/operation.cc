#include "checker/core/operation.h"

namespace lockstep {

Access AccessOf(OpKind kind) {
  static constexpr Access kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Access::access,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)];
}

bool MayWait(OpKind kind) {
  static constexpr Waits kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Waits::waits,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)] == Waits::kMayWait;
}

bool MaySleep(OpKind kind) {
  static constexpr Sleeps kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) Sleeps::sleeps,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)] == Sleeps::kMaySleep;
}

std::string_view NameOf(OpKind kind) {
  static constexpr std::string_view kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) text,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)];
}

}  // namespace lockstep
