// The names of the built-in properties, which the engine and the primitives
// report themselves (described by BuiltinProperties(), model/model.cc), in
// one place for the engine, models and tests.
#pragma once

namespace lockstep {

// Threads are left that can never move: a deadlock (a wait-for cycle), or a
// wait (schedule(), wait_until, wait_for_completion, down ...) that nothing
// satisfies.
inline constexpr char kNoHang[] = "no-hang";
// An operation that may sleep runs while the thread holds a spinlock.
inline constexpr char kNoSleepInAtomic[] = "no-sleep-in-atomic";
// refcount_inc() on a count of 0 (the kernel's "addition on 0; use-after-free").
inline constexpr char kRefcountIncOnZero[] = "refcount-inc-on-zero";
inline constexpr char kNoUseAfterFree[] = "no-use-after-free";
inline constexpr char kNoLockMisuse[] = "no-lock-misuse";

// A built-in property's former name, refused with the new one so that
// `--property no-deadlock` does not silently check nothing.
struct RenamedProperty {
  const char* old_name;
  const char* new_name;
};
inline constexpr RenamedProperty kRenamedProperties[] = {{"no-deadlock", kNoHang}};

}  // namespace lockstep
