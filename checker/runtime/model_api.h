// What thread code calls besides the primitives: properties (check, assume),
// explored data choices (choose), and threads (spawn, join).
//
//   lockstep::check(old > 0, "no-double-unmap", "page mapcount went below zero");  // BUG_ON
//   lockstep::warn_on(old <= 0, "no-double-unmap", "mapcount below zero");          // WARN_ON
//   lockstep::warn_on(old <= 0, "no-double-unmap", [&] { return absl::StrCat(page, " below zero"); });
//                                                  // a message made only when violated
//   int victim = co_await lockstep::choose(2);   // explores 0 and 1
//   auto t = lockstep::spawn("oom_reaper", oom_reaper(mm));
//   lockstep::spawn({"writer", j}, writer(array, j));            // "writer1", "writer2", ...
//   co_await lockstep::join(t);
//
// Naming: the model-facing vocabulary is lower_snake_case, like the kernel
// code models mirror; engine internals follow Google style (CONTRIBUTING.md).
#pragma once

#include <concepts>
#include <coroutine>
#include <source_location>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "checker/runtime/op_awaiter.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

// A named property: on failure the violation is recorded and the calling
// thread stops (like BUG_ON(!ok)); it stops even when the property is not
// among those checked, so a run's executions do not depend on --property. Checks must depend only on values
// the thread obtained from operations, never on a peek at shared state. The message made only on failure:
// check(ok, "p", [&] { return absl::StrCat(...); }). A message made on every call costs a string per call, in
// every execution.
template <std::invocable MakeMessage>
inline void check(bool ok, absl::string_view property, MakeMessage&& message) {
  const std::string& name = Runtime::Current().Property(property);
  if (!ok) Runtime::Current().FailCheck(name, std::string(message()));
}
inline void check(bool ok, absl::string_view property, absl::string_view message) {
  check(ok, property, [message] { return std::string(message); });
}

// Like the kernel's WARN_ON: when `violated`, records a violation of the
// property and lets the thread go on, so that one property's check never
// changes what the model does for the others. The message is made only when
// the violation is recorded (Runtime::Violate).
template <std::invocable MakeMessage>
inline void warn_on(bool violated, absl::string_view property, MakeMessage&& message) {
  Runtime& rt = Runtime::Current();
  const std::string& name = rt.Property(property);
  if (violated) rt.Violate(name, std::forward<MakeMessage>(message), rt.CurrentThread());
}
inline void warn_on(bool violated, absl::string_view property, absl::string_view message) {
  warn_on(violated, property, [message] { return std::string(message); });
}

// Prunes executions in which `ok` is false (they are counted, not checked).
inline void assume(bool ok) {
  if (!ok) Runtime::Current().FailAssume();
}

// An explored choice among 0 .. n-1: every value is explored.
inline OpAwaiter<int> choose(int n, std::source_location where = std::source_location::current()) {
  return {Operation{OpKind::kChoose, 0, 0, n, 0, where}};
}

// A thread's name is a string, or a stem and a number ({"writer", j} is
// "writer<j>"), which costs no string unless the thread is shown.
inline ThreadHandle spawn(ObjectName name, Task<void> body) {
  return Runtime::Current().Spawn(std::move(name), std::move(body));
}

struct [[nodiscard]] JoinAwaiter {
  ThreadId target;
  bool await_ready() const { return Runtime::Current().JoinNow(target); }
  void await_suspend(std::coroutine_handle<> leaf) const { Runtime::Current().WaitForJoin(leaf); }
  void await_resume() const noexcept {}
};
// Waits until the thread has finished. Not a step of its own: the joining
// thread's next step happens after the joined thread's last one.
inline JoinAwaiter join(ThreadHandle t) { return {t.id}; }

}  // namespace lockstep
