// ObjectBase: what every shared object (sync/) tells the runtime about itself.
// Objects register with the running execution when constructed, so ids follow
// creation order and are the same in every replay.
#pragma once

#include <xxhash.h>

#include <string>
#include <vector>

#include "checker/core/ids.h"
#include "checker/core/operation.h"
#include "checker/runtime/object_name.h"

namespace lockstep {

class Runtime;

class ObjectBase {
 public:
  explicit ObjectBase(ObjectName name);
  virtual ~ObjectBase();
  ObjectBase(const ObjectBase&) = delete;
  ObjectBase& operator=(const ObjectBase&) = delete;

  ObjectId id() const { return id_; }
  // The execution this object belongs to (for thread names in Describe()).
  const Runtime& runtime() const { return *runtime_; }
  // A copy: names are kept without a std::string (runtime/object_name.h).
  std::string name() const { return std::string(name_.Text()); }
  // The conflict location of this object's operations (sync/bits.h adds the bit).
  Location location() const { return location_; }

  // Human-readable state, for traces ("R=1, writer queued").
  virtual std::string Describe() const = 0;
  virtual void Digest(XXH64_state_t* h) const = 0;
  // Lock-like objects: does `t` hold it, and who stands in the way of `t`,
  // which is waiting on it (for deadlock reports)?
  virtual bool HeldBy(ThreadId) const { return false; }
  virtual void Blockers(ThreadId, std::vector<ThreadId>*) const {}

  // Waiting (operations marked kMayWait in op_kinds.def). The part of the
  // state that decides whether such an operation can run, packed in a word,
  // so the runtime can keep it for every event and the explorer can ask
  // whether an operation could have run at an earlier point of the execution
  // (System::CouldRunBefore). CanRun(WaitState(), t, op) is whether `op` of
  // thread t can run now; when it cannot, t is blocked.
  virtual uint64_t WaitState() const { return 0; }
  virtual bool CanRun(uint64_t /*wait_state*/, ThreadId, const Operation&) const { return true; }
  // Whether `op` of thread t, run in the state WaitState() packs, changes
  // nothing (a failed cmpxchg): it then counts as a read for dependence. The
  // packed state must decide this as well as CanRun.
  virtual bool ChangesNothing(uint64_t /*wait_state*/, ThreadId, const Operation&) const { return false; }

  // An object kept from one execution to the next (a thread's task state)
  // joins the new execution as if it had been made at this point.
  void Rejoin();
  void Rename(ObjectName name) { name_ = std::move(name); }

  // Used by Runtime::Invariant to merge objects into one conflict location.
  void set_location(Location l) {
    location_ = l;
    merged_ = true;
  }
  // Whether set_location merged this object's location with others': that
  // is, whether an invariant reads it (Runtime::Invariant).
  bool merged() const { return merged_; }

 private:
  Runtime* runtime_;
  ObjectId id_;
  Location location_;
  bool merged_ = false;
  ObjectName name_;
};

}  // namespace lockstep
