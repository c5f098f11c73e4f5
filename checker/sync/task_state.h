// TaskState: a task's __state as the scheduler sees it, for sleeping and
// waking the way kernel code does (set_current_state, schedule,
// wake_up_process). Every model thread has one (task_of(), current()).
//
//   op                  condition             effect                     result  access
//   set_state(s)        -                     state = s                  -       write
//   schedule()          state == RUNNING      -                          -       read
//                       otherwise             blocked until woken (no step)
//   try_to_wake_up()    state != RUNNING      state = RUNNING            1       write
//                       state == RUNNING      -                          0       write
//   might_sleep()       -                     -                          -       local
//
// might_sleep() is the kernel's annotation at the top of a function that may
// sleep (synchronize_rcu, wait_event): a step independent of everything, so
// that running it while holding a spinlock is reported (no-sleep-in-atomic).
//
// schedule() sleeps only if the state is not TASK_RUNNING; a wake-up between
// set_current_state() and schedule() makes it return at once. A sleeper that
// nobody wakes stays blocked at the end of the execution: a hang.
// Departure from the kernel: signals are not modelled, so TASK_INTERRUPTIBLE
// and TASK_UNINTERRUPTIBLE sleep alike and only a wake-up ends them.
//
// Dependence: every operation on one task's state is dependent, except that
// schedule() calls (reads) commute with each other.
#pragma once

#include <source_location>
#include <string>

#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"

namespace lockstep {

enum TaskStateValue : int64_t {
  TASK_RUNNING = 0,
  TASK_INTERRUPTIBLE = 1,
  TASK_UNINTERRUPTIBLE = 2,
};

class TaskState : public ObjectBase {
  using Loc = std::source_location;

 public:
  TaskState(ObjectName name, ThreadId task) : ObjectBase(std::move(name)), task_(task) {}

  OpAwaiter<void> set_state(TaskStateValue s, Loc w = Loc::current()) { return {Op(OpKind::kSetTaskState, s, w)}; }
  OpAwaiter<void> schedule(Loc w = Loc::current()) { return {Op(OpKind::kSchedule, 0, w)}; }
  OpAwaiter<bool> try_to_wake_up(Loc w = Loc::current()) { return {Op(OpKind::kTryToWakeUp, 0, w)}; }
  OpAwaiter<void> might_sleep(Loc w = Loc::current()) { return {Op(OpKind::kMightSleep, 0, w)}; }

  ThreadId task() const { return task_; }
  // Back to TASK_RUNNING, for a new execution (Runtime keeps task states).
  void Reset() { state_ = TASK_RUNNING; }
  int64_t state() const { return state_; }
  static std::string ValueName(int64_t s);

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override { return ValueName(state_); }
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &state_, sizeof state_); }
  uint64_t WaitState() const override { return static_cast<uint64_t>(state_); }
  bool CanRun(uint64_t state, ThreadId, const Operation& op) const override {
    return op.kind != OpKind::kSchedule || state == TASK_RUNNING;
  }
  // Waking a running task changes nothing.
  bool ChangesNothing(uint64_t state, ThreadId, const Operation& op) const override {
    return op.kind == OpKind::kTryToWakeUp && state == TASK_RUNNING;
  }

 private:
  Operation Op(OpKind kind, int64_t arg, Loc w) const { return Operation{kind, id(), location(), arg, 0, w}; }
  ThreadId task_;
  int64_t state_ = TASK_RUNNING;
};

// The kernel's names, for the calling thread (`current`) and others:
//
//   co_await set_current_state(TASK_UNINTERRUPTIBLE);  // also for __set_current_state
//   if (!condition) co_await schedule();
//   ...
//   co_await wake_up_process(sleeper);                 // returns whether it woke it
inline TaskState& current() {
  Runtime& rt = Runtime::Current();
  return static_cast<TaskState&>(rt.TaskOf(rt.CurrentThread()));
}
inline TaskState& task_of(ThreadHandle t) { return static_cast<TaskState&>(Runtime::Current().TaskOf(t.id)); }
inline OpAwaiter<void> set_current_state(TaskStateValue s, std::source_location w = std::source_location::current()) {
  return current().set_state(s, w);
}
inline OpAwaiter<void> schedule(std::source_location w = std::source_location::current()) {
  return current().schedule(w);
}
inline OpAwaiter<void> might_sleep(std::source_location w = std::source_location::current()) {
  return current().might_sleep(w);
}
inline OpAwaiter<bool> wake_up_process(ThreadHandle t, std::source_location w = std::source_location::current()) {
  return task_of(t).try_to_wake_up(w);
}

}  // namespace lockstep
