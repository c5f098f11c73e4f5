// OpAwaiter: the awaitable behind every visible operation.
// await_suspend publishes the pending operation (so the explorer knows every
// thread's next step and its object before it runs); the runtime applies it
// when the explorer picks this thread; await_resume returns its result.
#pragma once

#include <coroutine>
#include <type_traits>

#include "checker/core/operation.h"
#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"

namespace lockstep {

template <class R>
struct [[nodiscard]] OpAwaiter {
  Operation op;
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  void await_suspend(std::coroutine_handle<Promise> leaf) {
    if constexpr (std::is_base_of_v<internal::PromiseBase, Promise>) {
      if (leaf.promise().shown_at) op.where = *leaf.promise().shown_at;  // a CallSite helper (task.h)
    }
    Runtime::Current().Publish(op, leaf);
  }
  R await_resume() const {
    if constexpr (!std::is_void_v<R>) return static_cast<R>(Runtime::Current().TakeResult());
  }
};

}  // namespace lockstep
