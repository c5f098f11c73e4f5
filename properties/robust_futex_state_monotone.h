// P9 futex-state-monotone (docs/models/robust-futex.md): a task's futex_state only
// moves forward, OK -> EXITING -> DEAD; DEAD -> EXITING is the rollback that
// Gleixner found in the v5 patch ("If the task already cleaned up the robust
// list then this will roll back tsk->futex_state from FUTEX_STATE_DEAD to
// FUTEX_STATE_EXITING").
//
// An invariant over the state's transitions (checked after every event on
// the variable): it does not stop the thread that made the bad store, so a
// rollback does not also leave futex_exit_mutex held and fake a deadlock.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"
#include "checker/sync/atomic.h"

namespace lockstep::properties {

inline constexpr char kFutexStateMonotone[] = "futex-state-monotone";

// Registers the invariant for one task's futex_state; `names[v]` names state
// v. The task's name and the names must outlive the execution (a string of
// the model's state, static strings): the invariant is registered anew in
// every execution, so it copies neither.
inline void FutexStateMonotone(Runtime& rt, const Atomic<int>& futex_state, const std::string& task,
                               std::span<const char* const> names) {
  int last = futex_state.peek();  // the state after the previous event on it
  auto check = [&futex_state, &task, names, last]() mutable -> std::optional<std::string> {
    const int now = futex_state.peek();
    const int before = std::exchange(last, now);
    if (now >= before) return std::nullopt;
    auto name = [&](int v) {
      return v >= 0 && v < static_cast<int>(names.size()) ? std::string(names[v]) : std::to_string(v);
    };
    return absl::StrCat(task, "'s futex_state went ", name(before), " -> ", name(now));
  };
  rt.Invariant(kFutexStateMonotone, {&futex_state}, std::move(check));
}

}  // namespace lockstep::properties
