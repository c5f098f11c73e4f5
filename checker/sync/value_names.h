// Symbolic names for the values of a variable (TASK_RUNNING for 0) or the
// bits of a flag word (MMF_OOM_SKIP for 21), shown in traces.
//
// A model names them in every execution's setup, so the table is not copied:
// it is a static array of the model's, which outlives every execution.
//
//   static constexpr NamedValue kStates[] = {{0, "TASK_RUNNING"}, {1, "TASK_INTERRUPTIBLE"}};
//   state.set_value_names(kStates);
#pragma once

#include <cstdint>
#include <span>

namespace lockstep {

struct NamedValue {
  int64_t value;
  const char* name;
};

using ValueNames = std::span<const NamedValue>;

// The name of `v` in `names`, or null.
inline const char* FindName(ValueNames names, int64_t v) {
  for (const NamedValue& n : names) {
    if (n.value == v) return n.name;
  }
  return nullptr;
}

}  // namespace lockstep
