// Runtime: one execution of a model, replayable from the start.
//
// The model's setup function runs first (plain code: it makes shared objects
// and spawns threads). Each thread is primed up to its first co_await, where
// the awaiter publishes its pending Operation. The explorer then repeatedly
// picks a thread; Execute() applies that thread's operation to its object
// (sync/apply.cc), resumes the thread to its next co_await, and resumes any
// thread the operation woke (an rwsem hand-off, a finished join target).
//
// Model-facing free functions (check, assume, choose, spawn, join) act on the
// runtime of the calling OS thread, so several runtimes can run in parallel.
#pragma once

#include <concepts>
#include <coroutine>
#include <deque>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "checker/core/model_error.h"
#include "checker/core/recycling_stack.h"
#include "checker/core/system.h"
#include "checker/runtime/frame_arena.h"
#include "checker/runtime/object.h"
#include "checker/runtime/object_name.h"
#include "checker/runtime/task.h"

namespace lockstep {

class Runtime;
class TaskState;

// Counts the thread resumptions of every runtime in the process (in batches
// of 1024 per OS thread), so that a watchdog can tell a model stuck in a loop
// without co_await (which nothing can interrupt) from a long but progressing
// run.
uint64_t ResumptionsSoFar();

using ModelSetup = std::function<void(Runtime&)>;

// Which properties count. Empty = all.
struct PropertyFilter {
  std::string only;
  bool Checks(absl::string_view property) const { return only.empty() || only == property; }
  // The properties the model declares (ModelSpec::Filter fills it); using any
  // other one is a ModelError. Empty: not checked (a bare setup in engine tests).
  std::vector<std::string> declared = {};
  void RequireDeclared(absl::string_view property) const;
};

// Returns an error message when the property is violated, nullopt when it holds.
using EndCheck = std::function<std::optional<std::string>()>;

enum class ThreadState : uint8_t {
  kReady,    // has a pending operation
  kWaiting,  // queued on a lock or joining an unfinished thread
  kFinished,
  kKilled,         // a check() failed in this thread
  kAssumeBlocked,  // an assume() failed in this thread
};

struct ThreadHandle {
  ThreadId id = kNoThread;
};

class Runtime final : public System {
 public:
  Runtime(ModelSetup setup, PropertyFilter filter = {});
  ~Runtime() override;

  // ---- Model-facing API (setup code and thread code) ----
  // An object that lives until the end of the execution (in the execution's
  // arena: making it allocates nothing once the arena has grown).
  template <class T, class... Args>
  T& Make(Args&&... args) {
    static_assert(alignof(Holder<T>) <= FrameArena::kAlignment, "over-aligned object");
    auto* owned = new (objects_arena_.Allocate(sizeof(Holder<T>))) Holder<T>(std::forward<Args>(args)...);
    owned_.push_back(owned);
    return owned->value;
  }
  ThreadHandle Spawn(ObjectName name, Task<void> body);
  // The thread's task state (sync/task_state.h), made when it was spawned.
  ObjectBase& TaskOf(ThreadId t) const;
  // Checked at the end of every execution in which all threads finished.
  // `check` returns an error message when the property is violated, nullopt
  // when it holds. It is kept in the execution's arena, like what Make()
  // makes, so its captures take nothing from the heap.
  template <class Check>
  void AtEnd(absl::string_view property, Check check) {
    end_checks_.push_back(PropertyCheck{&Property(property), std::ref(Make<Check>(std::move(check)))});
  }
  // Checked after every event on any of `objects`. The objects are merged into
  // one conflict location, so that DPOR orders every write to them and the
  // states the predicate sees are the same in every equivalent interleaving.
  template <class Check>
  void Invariant(absl::string_view property, std::initializer_list<const ObjectBase*> objects, Check check) {
    AddInvariant(Property(property), objects, std::ref(Make<Check>(std::move(check))));
  }
  // The property's name, kept for the runtime's life: properties are named
  // in every execution, by check() and warn_on() on every call, so the name
  // is copied (and checked against the model's declared properties) once.
  // An undeclared one is an error even when it holds.
  const std::string& Property(absl::string_view name);

  // ---- Used by primitives (sync/) ----
  static Runtime& Current();
  ObjectId Register(ObjectBase* object);
  ThreadId CurrentThread() const { return current_; }
  void Publish(const Operation& op, std::coroutine_handle<> leaf);
  int64_t TakeResult() const { return threads_[current_].result; }
  // The executing thread blocks on `object`; `Wake` later hands it `result`.
  void BlockOn(const ObjectBase* object, const char* mode);
  void Wake(ThreadId t, int64_t result);
  EventIndex CurrentEvent() const { return events_; }
  void Violate(const std::string& property, std::string message, ThreadId thread);
  // The message made only when the property is among those checked: a
  // primitive that sees a misuse of an unchecked property goes on at the
  // cost of a test.
  template <std::invocable MakeMessage>
  void Violate(const std::string& property, MakeMessage&& message, ThreadId thread) {
    if (filter_.Checks(property)) Violate(property, std::string(message()), thread);
  }
  // Counts the locks a thread holds (for no-lock-misuse at its end) and,
  // among them, the spinlocks (for no-sleep-in-atomic at each operation that
  // may sleep).
  void CountLock(ThreadId t, int delta, bool spinlock = false) {
    threads_[t].locks_held += delta;
    if (spinlock) threads_[t].spinlocks_held += delta;
  }
  int SpinlocksHeld(ThreadId t) const { return threads_[t].spinlocks_held; }
  ThreadState State(ThreadId t) const { return threads_[t].state; }

  // ---- Thread-side helpers behind check/assume/join ----
  void FailCheck(const std::string& property, std::string message);
  void FailAssume();
  bool JoinNow(ThreadId target);  // false: the caller must wait
  void WaitForJoin(std::coroutine_handle<> leaf);
  void Unregister(ObjectId id, const ObjectBase* object) {
    if (id < objects_.size() && objects_[id] == object) objects_[id] = nullptr;
  }
  void* AllocateFrame(std::size_t n) { return arena_.Allocate(n); }
  // Storage that lives until the end of the execution, for objects made in
  // place (sync/array.h); they must be destroyed by then.
  void* AllocateObjects(std::size_t n) { return objects_arena_.Allocate(n); }

  // ---- System ----
  void Restart() override;
  int NumThreads() const override { return static_cast<int>(threads_.size()); }
  const Operation* NextOp(ThreadId t) const override {
    const Thread& th = threads_[t];
    return th.state == ThreadState::kReady && !Blocked(th) ? &th.pending : nullptr;
  }
  const Operation* BlockedOp(ThreadId t) const override {
    const Thread& th = threads_[t];
    return th.state == ThreadState::kReady && Blocked(th) ? &th.pending : nullptr;
  }
  const Wakers& NextWakers(ThreadId t) const override { return threads_[t].wakers; }
  bool CouldRunBefore(EventIndex i, ThreadId t, const Operation& op) const override;
  bool ChangesNothingBefore(EventIndex i, ThreadId t, const Operation& op) const override;
  void Execute(ThreadId t, int64_t choice, StepInfo* out) override;
  bool End(EndKind* kind) override;
  const std::vector<Violation>& Violations() const override { return violations_; }
  uint64_t StateDigest() const override;
  std::string ThreadName(ThreadId t) const override { return std::string(threads_[t].name.Text()); }

  // For reports: every object, in creation order.
  const std::vector<ObjectBase*>& Objects() const { return objects_; }
  // One line per waiting thread, and the wait-for cycle if there is one.
  std::string DescribeDeadlock() const;

 private:
  struct HolderBase {
    virtual ~HolderBase() = default;
  };
  template <class T>
  struct Holder : HolderBase {
    template <class... Args>
    explicit Holder(Args&&... args) : value(std::forward<Args>(args)...) {}
    T value;
  };
  struct Thread {
    ObjectName name{""};
    std::coroutine_handle<internal::Promise<void>> root;
    std::coroutine_handle<> leaf;
    Operation pending;
    ThreadState state = ThreadState::kReady;
    int64_t result = 0;
    Wakers wakers;  // must happen before this thread's next event
    int64_t last_event = -1;
    int locks_held = 0;
    int spinlocks_held = 0;
    const ObjectBase* waiting_on = nullptr;
    const char* wait_mode = "";
    ThreadId join_target = kNoThread;
    std::vector<ThreadId> joiners;
    // Kept with the slot from one execution to the next, like the buffers:
    // made by the first thread in the slot, renamed only when a thread of
    // another name takes it.
    std::unique_ptr<TaskState> task;
    // For the next execution's thread in this slot. Keeps the name, which
    // the next Spawn() compares, the task state and the buffers.
    void Clear() {
      root = {};
      leaf = {};
      pending = {};
      state = ThreadState::kReady;
      result = 0;
      wakers.clear();
      last_event = -1;
      locks_held = 0;
      spinlocks_held = 0;
      waiting_on = nullptr;
      wait_mode = "";
      join_target = kNoThread;
      joiners.clear();
    }
  };
  struct PropertyCheck {
    const std::string* property;  // in property_names_
    EndCheck check;
    boost::container::small_vector<ObjectId, 2> objects = {};  // an invariant's
  };

  // A ready thread whose operation waits and cannot run in its object's state.
  bool Blocked(const Thread& th) const {
    if (!MayWait(th.pending.kind)) return false;
    const ObjectBase* o = objects_[th.pending.object];
    return !o->CanRun(o->WaitState(), static_cast<ThreadId>(&th - threads_.data()), th.pending);
  }
  // What an object waited on, for deadlock and hang reports: a join target, a
  // queue (waiting_on), or a blocked operation's object.
  const ObjectBase* WaitedOn(const Thread& th) const;
  std::string LastTouch(const ObjectBase& object, ThreadId waiter) const;
  // The object's WaitState() just before event i of this execution.
  uint64_t StateBefore(EventIndex i, const ObjectBase& object) const;
  void Teardown();
  void Resume(ThreadId t);
  void RunPending();  // resumes threads that were spawned or woken
  void OnThreadDone(ThreadId t);
  void CheckInvariants(ObjectId touched);
  void AddInvariant(const std::string& property, std::initializer_list<const ObjectBase*> objects,
                    EndCheck check);
  std::vector<ThreadId> WaitsFor(ThreadId t) const;

  ModelSetup setup_;
  PropertyFilter filter_;
  FrameArena arena_;          // coroutine frames
  FrameArena objects_arena_;  // what Make() makes
  void KeepTaskState(Thread& t, ThreadId id, bool renamed);

  std::vector<ObjectBase*> objects_;
  std::vector<HolderBase*> owned_;  // in objects_arena_, destroyed by Teardown
  // Slots kept across executions, so that spawning a thread allocates
  // nothing. After objects_, which their task states' destructors update.
  RecyclingStack<Thread> threads_;
  std::deque<std::string> property_names_;  // kept across executions (Property)
  std::vector<PropertyCheck> end_checks_;
  std::vector<PropertyCheck> invariants_;
  std::vector<ThreadId> to_resume_;
  std::vector<Violation> violations_;
  // Per event of this execution: its object and that object's WaitState()
  // just before it (CouldRunBefore reads them).
  struct EventState {
    ObjectId object;
    uint64_t wait_state;
    ThreadId thread;
    OpKind kind;
  };
  std::vector<EventState> event_states_;
  ThreadId current_ = kNoThread;
  EventIndex events_ = 0;
  bool published_ = false;       // the resumed thread reached a visible operation
  Runtime* previous_ = nullptr;  // the runtime current before this one was
};

}  // namespace lockstep
