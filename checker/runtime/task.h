// Task<T>: the coroutine type of model code.
//
// A model thread is a Task<void>; a helper that does visible work is a Task<T>
// that the caller co_awaits (the callee starts lazily and resumes its caller by
// symmetric transfer when it finishes). Every co_await of a primitive's
// operation is one visible step; everything between two such co_awaits is
// thread-local and invisible to the scheduler.
//
//   lockstep::Task<bool> oom_reap_task_mm(Mm& mm) {
//     if (!co_await mm.mmap_sem.down_read_trylock()) co_return false;
//     ...
//   }
//
// Frames come from the running execution's FrameArena (see runtime.h).
//
// A helper that wraps primitives for its callers (a lock_page() around
// page.lock.lock()) takes a trailing `CallSite at = {}` parameter: its
// operations, and those of everything it awaits, are then shown in traces at
// its caller's line and function instead of its own (the outermost such helper
// wins). The helper need not use the parameter; the promise picks it up.
//
//   lockstep::Task<void> lock_page(Page& page, lockstep::CallSite = {}) {
//     co_await page.lock.lock();      // traced as the caller's step
//   }
//
// GCC 12 miscompiles a co_await in the condition of an if/while/switch whose
// body also contains co_await or co_return (`if (co_await f()) co_return x;`,
// `if (co_await f()) co_await g();`): the coroutine skips the awaited code or
// runs on a corrupt frame. Bind the result first (`bool ok = co_await f();
// if (ok) ...`). tests/lint/coroutine_lint_test.cc rejects the pattern in the
// tree; the runtime reports a thread that suspends without a visible
// operation, one symptom of it.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

namespace lockstep {

// Where a helper was called from (see above): the default argument `= {}`
// records the caller's line.
struct CallSite {
  std::source_location where;
  constexpr CallSite(std::source_location w = std::source_location::current()) noexcept : where(w) {}
};

void* AllocateFrame(std::size_t n);  // runtime.cc: the current execution's arena

namespace internal {

struct PromiseBase {
  std::coroutine_handle<> continuation;  // null for a thread's root task
  std::exception_ptr exception;
  // Set when this coroutine or one awaiting it takes a CallSite: where its
  // operations are shown in traces.
  std::optional<std::source_location> shown_at;

  PromiseBase() = default;
  // The compiler passes the coroutine's parameters to its promise's
  // constructor, which keeps the one that is a CallSite.
  template <class... Params>
  explicit PromiseBase(const Params&... params) {
    (Note(params), ...);
  }
  void Note(const CallSite& at) { shown_at = at.where; }
  template <class Other>
  void Note(const Other&) {}

  static void* operator new(std::size_t n) { return AllocateFrame(n); }
  static void operator delete(void*) noexcept {}  // the arena is rewound per execution

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      auto next = h.promise().continuation;
      return next ? next : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() { exception = std::current_exception(); }
};

template <class T>
struct Promise : PromiseBase {
  Promise() = default;
  template <class... Params>
  explicit Promise(const Params&... params) : PromiseBase(params...) {}
  std::optional<T> value;
  auto get_return_object();
  template <class U>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T Take() {
    if (exception) std::rethrow_exception(exception);
    return std::move(*value);
  }
};

template <>
struct Promise<void> : PromiseBase {
  Promise() = default;
  template <class... Params>
  explicit Promise(const Params&... params) : PromiseBase(params...) {}
  auto get_return_object();
  void return_void() {}
  void Take() {
    if (exception) std::rethrow_exception(exception);
  }
};

}  // namespace internal

template <class T = void>
class [[nodiscard]] Task {
 public:
  using promise_type = internal::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  explicit Task(Handle h) : h_(h) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~Task() {
    if (h_) h_.destroy();
  }

  // Awaiting a task runs it inline, as a function call would.
  bool await_ready() const noexcept { return false; }
  template <class CallerPromise>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<CallerPromise> caller) noexcept {
    if constexpr (std::is_base_of_v<internal::PromiseBase, CallerPromise>) {
      if (caller.promise().shown_at) h_.promise().shown_at = caller.promise().shown_at;
    }
    h_.promise().continuation = caller;
    return h_;
  }
  T await_resume() { return h_.promise().Take(); }

  // For the runtime, which owns a thread's root task.
  Handle Release() { return std::exchange(h_, {}); }

 private:
  Handle h_;
};

namespace internal {
template <class T>
auto Promise<T>::get_return_object() {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline auto Promise<void>::get_return_object() {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace internal

}  // namespace lockstep
