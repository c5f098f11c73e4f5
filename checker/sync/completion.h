// Completion: struct completion, a count of "done" events (the state table is
// in sync/semaphore.h). wait_for_completion() blocks until a complete() of
// another thread; complete_all() lets every waiter, present and future, pass.
// Departure from the kernel: the waiters' FIFO order (swait queue) is not
// modelled; any waiter may take a complete().
#pragma once

#include <source_location>
#include <string>

#include "checker/sync/semaphore.h"

namespace lockstep {

class Completion : public Semaphore {
  using Loc = std::source_location;

 public:
  explicit Completion(ObjectName name) : Semaphore(std::move(name), 0) {}

  OpAwaiter<void> wait(Loc w = Loc::current()) { return {Op(OpKind::kCompletionWait, w)}; }
  OpAwaiter<bool> try_wait(Loc w = Loc::current()) { return {Op(OpKind::kCompletionTryWait, w)}; }
  OpAwaiter<void> complete(Loc w = Loc::current()) { return {Op(OpKind::kComplete, w)}; }
  OpAwaiter<void> complete_all(Loc w = Loc::current()) { return {Op(OpKind::kCompleteAll, w)}; }
  OpAwaiter<bool> done(Loc w = Loc::current()) { return {Op(OpKind::kCompletionDone, w)}; }
};

// The kernel's names (include/linux/completion.h).
inline OpAwaiter<void> wait_for_completion(Completion& c, std::source_location w = std::source_location::current()) {
  return c.wait(w);
}
inline OpAwaiter<bool> try_wait_for_completion(Completion& c,
                                               std::source_location w = std::source_location::current()) {
  return c.try_wait(w);
}
inline OpAwaiter<void> complete(Completion& c, std::source_location w = std::source_location::current()) {
  return c.complete(w);
}
inline OpAwaiter<void> complete_all(Completion& c, std::source_location w = std::source_location::current()) {
  return c.complete_all(w);
}
inline OpAwaiter<bool> completion_done(Completion& c, std::source_location w = std::source_location::current()) {
  return c.done(w);
}

}  // namespace lockstep
