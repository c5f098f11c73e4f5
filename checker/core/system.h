// System: what the explorer needs from one replayable execution of a model.
// The runtime implements it; explore/ sees nothing else of the runtime.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "checker/core/operation.h"
#include "checker/core/violation.h"

namespace lockstep {

// Events that must happen before a thread's next event although they are not
// dependent with it: the unlock that handed it a lock, the exit of a thread it
// joined, its parent's last event before spawning it.
using Wakers = boost::container::small_vector<EventIndex, 2>;

struct StepInfo {
  Operation op;        // as executed (a choice carries its value in arg2)
  Wakers wakers;
  int64_t result = 0;  // what the operation returned to the thread
  bool violated = false;  // a checked property was violated by this step
};

enum class EndKind : uint8_t {
  kComplete,       // every thread finished
  kDeadlock,       // threads left, none can move (reported as a violation)
  kAssumeBlocked,  // an assume() failed: the execution is pruned
};

class System {
 public:
  virtual ~System() = default;
  // Starts a new execution from the initial state.
  virtual void Restart() = 0;
  virtual int NumThreads() const = 0;
  // The thread's next operation, or nullptr when it cannot move (finished,
  // blocked on a held lock or an unmet wait, waiting for a join, killed by a
  // failed check, pruned by assume).
  virtual const Operation* NextOp(ThreadId t) const = 0;
  // Whether some thread can move; when none can, the execution is over and
  // End() may be called.
  bool AnyCanMove() const {
    for (int t = 0; t < NumThreads(); ++t) {
      if (NextOp(static_cast<ThreadId>(t)) != nullptr) return true;
    }
    return false;
  }
  // Runs the thread's next operation (a choice takes `choice` as its value),
  // then the thread's local code up to its next operation.
  virtual void Execute(ThreadId t, int64_t choice, StepInfo* out) = 0;
  // A thread that cannot move because its next operation waits (MayWait) and
  // cannot run now: that operation. nullptr otherwise.
  virtual const Operation* BlockedOp(ThreadId t) const = 0;
  // The events that must happen before the thread's next event although they
  // are not dependent with it (see Wakers).
  virtual const Wakers& NextWakers(ThreadId t) const = 0;
  // For an operation that may wait (MayWait) that thread t has just executed
  // or is blocked on: could it have run in the state its object had just
  // before the earlier event i? The explorer asks this to find the write a waiting
  // operation really races with (a lock() races with the previous lock(),
  // not with the unlock() it waited for).
  virtual bool CouldRunBefore(EventIndex i, ThreadId t, const Operation& op) const = 0;
  // For an operation of thread t that has just run: would it change nothing
  // (ObjectBase::ChangesNothing) in the state its object had just before the
  // earlier event i? Planned sequences that move it before i record this.
  virtual bool ChangesNothingBefore(EventIndex i, ThreadId t, const Operation& op) const = 0;
  // When no thread can move: classifies the end and runs end-of-execution
  // checks. Returns whether a checked property was violated.
  virtual bool End(EndKind* kind) = 0;
  virtual const std::vector<Violation>& Violations() const = 0;
  // A digest of the shared state, for comparing final states in tests.
  virtual uint64_t StateDigest() const = 0;
  virtual std::string ThreadName(ThreadId t) const = 0;
};

}  // namespace lockstep
