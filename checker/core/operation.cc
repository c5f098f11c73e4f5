#include "checker/core/operation.h"

namespace lockstep {

std::string_view NameOf(OpKind kind) {
  static constexpr std::string_view kTable[] = {
#define LOCKSTEP_OP(name, text, access, waits, sleeps) text,
#include "checker/core/op_kinds.def"
#undef LOCKSTEP_OP
  };
  return kTable[static_cast<int>(kind)];
}

}  // namespace lockstep
