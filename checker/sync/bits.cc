#include "checker/sync/bits.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied Bits::Apply(Runtime&, ThreadId, const Operation& op) {
  const uint64_t mask = uint64_t{1} << op.arg;
  const bool old = (word_ & mask) != 0;
  switch (op.kind) {
    case OpKind::kTestBit:
      break;
    case OpKind::kSetBit:
    case OpKind::kTestAndSetBit:
      word_ |= mask;
      break;
    case OpKind::kClearBit:
    case OpKind::kTestAndClearBit:
      word_ &= ~mask;
      break;
    default:
      throw ModelError("[lockstep internal bug] not a bit operation");
  }
  return {false, old};
}

std::string Bits::BitName(int b) const {
  if (const char* name = FindName(bit_names_, b)) return name;
  return "bit" + std::to_string(b);
}

std::string Bits::Describe() const {
  std::vector<std::string> set;
  for (int b = 0; b < 64; ++b) {
    if (peek(b)) set.push_back(BitName(b));
  }
  return absl::StrCat("{", absl::StrJoin(set, "|"), "}");
}

}  // namespace lockstep
