// Task<T>: the coroutine type of model code.
//
// A model thread is a Task<void>; a helper that does visible work is a Task<T>
// that the caller co_awaits. Every co_await of a primitive's operation is one
// visible step; everything between two such co_awaits is thread-local and
// invisible to the scheduler.
//
//   lockstep::Task<bool> oom_reap_task_mm(Mm& mm) {
//     if (!co_await mm.mmap_sem.down_read_trylock()) co_return false;
//     ...
//   }
//
// Frames come from the running execution's FrameArena (see runtime.h).
//
// GCC 12 workaround: for some coroutines (e.g. one containing
// `if (co_await f())`) GCC 12 lays out the frame with the promise at another
// offset than std::coroutine_handle::from_promise()/promise() assume, so both
// give wrong addresses. Task therefore never converts between a handle and its
// promise: the handle comes from the frame allocation (a frame starts where
// operator new put it) and the promise pointer from the promise itself.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <utility>

namespace lockstep {

void* AllocateFrame(std::size_t n);  // runtime.cc: the current execution's arena
[[noreturn]] void FrameLayoutBug();  // runtime.cc: reports an impossible frame

namespace internal {

struct PromiseBase {
  std::coroutine_handle<> continuation;  // null for a thread's root task
  std::exception_ptr exception;
  bool started_inline = false;  // the caller's await_suspend is running us

  static inline thread_local std::byte* last_frame = nullptr;
  static inline thread_local std::size_t last_size = 0;
  static void* operator new(std::size_t n) {
    last_size = n;
    return last_frame = static_cast<std::byte*>(AllocateFrame(n));
  }
  static void operator delete(void*) noexcept {}  // the arena is rewound per execution

  // The frame this promise lives in: the allocation just made for it.
  std::coroutine_handle<> Frame() const {
    const auto* self = reinterpret_cast<const std::byte*>(this);
    if (self < last_frame || self >= last_frame + last_size) FrameLayoutBug();
    return std::coroutine_handle<>::from_address(last_frame);
  }

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    PromiseBase* promise;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept {
      // Finished inside the caller's await_suspend, or a thread's root: return
      // to whoever resumed us; the caller continues without suspending.
      if (promise->started_inline || !promise->continuation) return std::noop_coroutine();
      return promise->continuation;
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {this}; }
  void unhandled_exception() { exception = std::current_exception(); }
};

template <class T>
struct Promise : PromiseBase {
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
  auto get_return_object();
  void return_void() {}
  void Take() {
    if (exception) std::rethrow_exception(exception);
  }
};

}  // namespace internal

// A thread's root task, as the runtime keeps it.
struct RootFrame {
  std::coroutine_handle<> handle;
  internal::PromiseBase* promise = nullptr;
};

template <class T = void>
class [[nodiscard]] Task {
 public:
  using promise_type = internal::Promise<T>;

  Task(std::coroutine_handle<> h, promise_type* p) : h_(h), p_(p) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})), p_(std::exchange(o.p_, nullptr)) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  ~Task() {
    if (h_) h_.destroy();
  }

  // Awaiting a task runs it inline, as a function call would: the callee runs
  // from inside await_suspend up to its first visible operation (or to its end,
  // and then the caller does not suspend at all); when it finishes later, its
  // final awaiter resumes the caller.
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> caller) {
    p_->continuation = caller;
    p_->started_inline = true;
    h_.resume();
    p_->started_inline = false;
    return !h_.done();  // false: finished already, continue the caller now
  }
  T await_resume() { return p_->Take(); }

  // For the runtime, which owns a thread's root task.
  RootFrame Release() { return {std::exchange(h_, {}), std::exchange(p_, nullptr)}; }

 private:
  std::coroutine_handle<> h_;
  promise_type* p_;
};

namespace internal {
template <class T>
auto Promise<T>::get_return_object() {
  return Task<T>(Frame(), this);
}
inline auto Promise<void>::get_return_object() { return Task<void>(Frame(), this); }
}  // namespace internal

}  // namespace lockstep
