// The names of the properties that primitives report themselves (built-in
// properties, listed by BuiltinProperties()), in one place for models and tests.
#pragma once

namespace lockstep {

// A thread is left blocked at the end: a deadlock, or a wait (schedule(),
// wait_until, wait_for_completion ...) that nothing satisfies.
inline constexpr char kNoHang[] = "no-deadlock";
// An operation that may sleep runs while the thread holds a spinlock.
inline constexpr char kNoSleepInAtomic[] = "no-sleep-in-atomic";
// refcount_inc() on a count of 0 (the kernel's "addition on 0; use-after-free").
inline constexpr char kRefcountIncOnZero[] = "refcount-inc-on-zero";
inline constexpr char kNoUseAfterFree[] = "no-use-after-free";
inline constexpr char kNoLockMisuse[] = "no-lock-misuse";

}  // namespace lockstep
