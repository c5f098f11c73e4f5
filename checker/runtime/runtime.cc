#include "checker/runtime/runtime.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "checker/core/property_names.h"
#include "checker/runtime/apply.h"
#include "checker/sync/task_state.h"

namespace lockstep {
namespace {

thread_local Runtime* tls_current = nullptr;
// Counted per OS thread and added to the shared count in batches: the
// watchdog only needs to see that model code goes on resuming, and a counter
// written at every step by several exploring threads would bounce between
// their cores.
std::atomic<uint64_t> resumptions{0};
thread_local uint32_t unpublished_resumptions = 0;
constexpr uint32_t kResumptionBatch = 1024;

// Thrown by check() and assume() to stop the calling thread; caught by the
// thread's root promise, so they never escape the runtime.
struct ThreadKilled {};
struct AssumeFailed {};

// Makes `rt` the runtime of the calling OS thread for one call.
class CurrentScope {
 public:
  explicit CurrentScope(Runtime* rt) : saved_(std::exchange(tls_current, rt)) {}
  ~CurrentScope() { tls_current = saved_; }

 private:
  Runtime* saved_;
};

}  // namespace

uint64_t ResumptionsSoFar() { return resumptions.load(std::memory_order_relaxed); }

void* AllocateFrame(std::size_t n) { return Runtime::Current().AllocateFrame(n); }

Runtime& Runtime::Current() {
  if (tls_current == nullptr) {
    throw ModelError("[lockstep internal bug] model code ran outside an execution");
  }
  return *tls_current;
}

ObjectBase::ObjectBase(ObjectName name)
    : runtime_(&Runtime::Current()),
      id_(runtime_->Register(this)),
      location_(Location{id_} << 7),
      name_(std::move(name)) {}

// An object that dies before the execution ends (a thread-local one) must not
// be digested or described afterwards.
ObjectBase::~ObjectBase() { runtime_->Unregister(id_, this); }

void ObjectBase::Rejoin() {
  id_ = runtime_->Register(this);
  location_ = Location{id_} << 7;
  merged_ = false;
}

Runtime::Runtime(ModelSetup setup, PropertyFilter filter)
    : setup_(std::move(setup)), filter_(std::move(filter)) {}

Runtime::~Runtime() {
  CurrentScope scope(this);
  Teardown();
}

ObjectId Runtime::Register(ObjectBase* object) {
  objects_.push_back(object);
  return static_cast<ObjectId>(objects_.size() - 1);
}

void Runtime::Teardown() {
  // Frames first: objects living in frames unregister themselves.
  for (Thread& t : threads_) {
    if (t.root) t.root.destroy();
  }
  threads_.clear();
  while (!owned_.empty()) {  // reverse creation order
    owned_.back()->~HolderBase();
    owned_.pop_back();
  }
  objects_.clear();
  end_checks_.clear();
  invariants_.clear();
  to_resume_.clear();
  violations_.clear();
  event_states_.clear();
  arena_.Rewind();
  objects_arena_.Rewind();
  events_ = 0;
  current_ = kNoThread;
}

void Runtime::Restart() {
  CurrentScope scope(this);
  Teardown();
  setup_(*this);
  RunPending();
}

ThreadHandle Runtime::Spawn(ObjectName name, Task<void> body) {
  if (threads_.size() >= kMaxThreads) {
    throw ModelError(absl::StrCat("a model may have at most ", kMaxThreads, " threads"));
  }
  const ThreadId id = static_cast<ThreadId>(threads_.size());
  Thread& t = threads_.emplace_back();
  const bool renamed = !t.name.SameAs(name);
  if (renamed) t.name = std::move(name);
  KeepTaskState(t, id, renamed);
  t.root = body.Release();
  t.leaf = t.root;
  if (current_ != kNoThread) {  // spawned by a thread: after its past events
    const Thread& parent = threads_[current_];
    t.wakers = parent.wakers;
    if (parent.last_event >= 0) t.wakers.push_back(static_cast<EventIndex>(parent.last_event));
  }
  to_resume_.push_back(id);
  return ThreadHandle{id};
}

// The slot's task state joins this execution; the first thread in a slot
// makes it.
void Runtime::KeepTaskState(Thread& t, ThreadId id, bool renamed) {
  if (t.task == nullptr) {
    t.task = std::make_unique<TaskState>(ObjectName{t.name.Text(), ".state"}, id);
    return;
  }
  t.task->Rejoin();
  t.task->Reset();
  if (renamed) t.task->Rename({t.name.Text(), ".state"});
}

ObjectBase& Runtime::TaskOf(ThreadId t) const {
  if (t >= threads_.size()) throw ModelError("task_of: no such thread");
  return *threads_[t].task;
}

void PropertyFilter::RequireDeclared(absl::string_view property) const {
  if (declared.empty() || std::find(declared.begin(), declared.end(), property) != declared.end()) return;
  throw ModelError(absl::StrCat("property '", property,
                                "' is used but not declared: add it to the ModelSpec's properties"));
}

const std::string& Runtime::Property(absl::string_view name) {
  for (const std::string& known : property_names_) {
    if (known == name) return known;
  }
  filter_.RequireDeclared(name);
  return property_names_.emplace_back(name);
}

void Runtime::AddInvariant(const std::string& property, std::initializer_list<const ObjectBase*> objects,
                           EndCheck check) {
  Location merged = ~Location{0};
  for (const ObjectBase* o : objects) merged = std::min(merged, o->location());
  PropertyCheck& inv = invariants_.emplace_back(PropertyCheck{&property, std::move(check)});
  for (const ObjectBase* o : objects) {
    const_cast<ObjectBase*>(o)->set_location(merged);
    inv.objects.push_back(o->id());
  }
}

void Runtime::Publish(const Operation& op, std::coroutine_handle<> leaf) {
  Thread& t = threads_[current_];
  t.pending = op;
  t.leaf = leaf;
  t.state = ThreadState::kReady;
  published_ = true;
}

void Runtime::BlockOn(const ObjectBase* object, const char* mode) {
  Thread& t = threads_[current_];
  t.state = ThreadState::kWaiting;
  t.waiting_on = object;
  t.wait_mode = mode;
}

void Runtime::Wake(ThreadId t, int64_t result) {
  Thread& th = threads_[t];
  th.result = result;
  th.waiting_on = nullptr;
  th.wakers.push_back(events_);
  to_resume_.push_back(t);
}

void Runtime::Violate(const std::string& property, std::string message, ThreadId thread) {
  filter_.RequireDeclared(property);
  if (!filter_.Checks(property)) return;
  violations_.push_back(Violation{property, std::move(message), events_, thread});
}

void Runtime::FailCheck(const std::string& property, std::string message) {
  Violate(property, std::move(message), current_);
  throw ThreadKilled{};
}

void Runtime::FailAssume() { throw AssumeFailed{}; }

bool Runtime::JoinNow(ThreadId target) {
  if (target >= threads_.size()) throw ModelError("join: no such thread");
  const Thread& done = threads_[target];
  Thread& me = threads_[current_];
  if (done.state != ThreadState::kFinished && done.state != ThreadState::kKilled) {
    me.join_target = target;
    threads_[target].joiners.push_back(current_);
    return false;
  }
  if (done.last_event >= 0) me.wakers.push_back(static_cast<EventIndex>(done.last_event));
  return true;
}

void Runtime::WaitForJoin(std::coroutine_handle<> leaf) {
  Thread& me = threads_[current_];
  me.leaf = leaf;
  me.state = ThreadState::kWaiting;
}

void Runtime::Execute(ThreadId t, int64_t choice, StepInfo* out) {
  CurrentScope scope(this);
  Thread& th = threads_[t];
  out->op = th.pending;
  out->wakers.assign(th.wakers.begin(), th.wakers.end());  // mostly none: cheaper than a move
  th.wakers.clear();
  const size_t violations_before = violations_.size();
  current_ = t;
  th.last_event = events_;

  Applied applied{false, choice};
  bool watched = false;  // an invariant reads the object
  if (out->op.kind == OpKind::kChoose) {
    out->op.arg2 = choice;
    event_states_.push_back({kNoObject, 0, t, out->op.kind});
  } else {
    ObjectBase* object = objects_[out->op.object];
    if (object != nullptr) {
      const uint64_t before = object->WaitState();
      event_states_.push_back({object->id(), before, t, out->op.kind});
      out->op.read_only =
          AccessOf(out->op.kind) == Access::kWrite && object->ChangesNothing(before, t, out->op);
      // Invariant() merges the location of every object an invariant reads,
      // and only those: the others need no look through the invariants.
      watched = object->merged();
    }
    applied = Apply(*this, t, out->op, object);
  }
  out->result = applied.result;
  if (watched) CheckInvariants(out->op.object);
  ++events_;
  if (!applied.blocked) {  // the thread goes on first, then those its operation woke
    th.result = applied.result;
    Resume(t);
  }
  RunPending();
  out->violated = violations_.size() > violations_before;
}

uint64_t Runtime::StateBefore(EventIndex i, const ObjectBase& object) const {
  // Its state before its first event at or after i (events on other objects
  // sharing a merged location leave it be), or its state now if it has none.
  for (size_t k = i; k < event_states_.size(); ++k) {
    if (event_states_[k].object == object.id()) return event_states_[k].wait_state;
  }
  return object.WaitState();
}

bool Runtime::CouldRunBefore(EventIndex i, ThreadId t, const Operation& op) const {
  const ObjectBase& o = *objects_[op.object];
  return o.CanRun(StateBefore(i, o), t, op);
}

bool Runtime::ChangesNothingBefore(EventIndex i, ThreadId t, const Operation& op) const {
  const ObjectBase& o = *objects_[op.object];
  return o.ChangesNothing(StateBefore(i, o), t, op);
}

void Runtime::RunPending() {
  for (size_t i = 0; i < to_resume_.size(); ++i) Resume(to_resume_[i]);
  to_resume_.clear();
}

void Runtime::Resume(ThreadId t) {
  if (threads_[t].leaf.done()) {
    throw ModelError(absl::StrCat("[lockstep internal bug] resuming finished code of thread ",
                                  threads_[t].name.Text(), " (state ", static_cast<int>(threads_[t].state),
                                  ")"));
  }
  current_ = t;
  threads_[t].state = ThreadState::kReady;
  published_ = false;
  if (++unpublished_resumptions == kResumptionBatch) {
    resumptions.fetch_add(kResumptionBatch, std::memory_order_relaxed);
    unpublished_resumptions = 0;
  }
  threads_[t].leaf.resume();
  current_ = t;
  if (!threads_[t].root.done() && threads_[t].state == ThreadState::kReady && !published_) {
    throw ModelError(
        absl::StrCat("thread '", threads_[t].name.Text(),
                     "' suspended without a visible operation. Either it co_awaits something "
                     "that is not a lockstep primitive, choose(), join() or Task<T>, or GCC 12 "
                     "miscompiled `if (co_await ...)` with co_await or co_return in its body (bind "
                     "the result to a local first; see checker/runtime/task.h)"));
  }
  if (threads_[t].root.done()) OnThreadDone(t);
  current_ = kNoThread;
}

void Runtime::OnThreadDone(ThreadId t) {
  Thread& th = threads_[t];
  th.state = ThreadState::kFinished;
  if (std::exception_ptr e = th.root.promise().exception) {
    try {
      std::rethrow_exception(e);
    } catch (const ThreadKilled&) {
      th.state = ThreadState::kKilled;
    } catch (const AssumeFailed&) {
      th.state = ThreadState::kAssumeBlocked;
      return;
    } catch (const ModelError&) {
      throw;
    } catch (const std::exception& ex) {
      throw ModelError(absl::StrCat("thread '", th.name.Text(), "' threw: ", ex.what()));
    } catch (...) {
      throw ModelError(absl::StrCat("thread '", th.name.Text(), "' threw a non-standard exception"));
    }
  }
  if (th.state == ThreadState::kFinished && th.locks_held > 0) {
    std::vector<std::string> held;
    for (const ObjectBase* o : objects_) {
      if (o != nullptr && o->HeldBy(t)) held.emplace_back(o->name());
    }
    Violate("no-lock-misuse", absl::StrCat(th.name.Text(), " ended holding ", absl::StrJoin(held, ", ")), t);
  }
  for (ThreadId j : th.joiners) {
    Thread& joiner = threads_[j];
    joiner.join_target = kNoThread;
    if (th.last_event >= 0) joiner.wakers.push_back(static_cast<EventIndex>(th.last_event));
    to_resume_.push_back(j);
  }
  th.joiners.clear();
}

void Runtime::CheckInvariants(ObjectId touched) {
  for (const PropertyCheck& inv : invariants_) {
    if (std::find(inv.objects.begin(), inv.objects.end(), touched) == inv.objects.end()) continue;
    if (auto message = inv.check()) Violate(*inv.property, *message, current_);
  }
}

bool Runtime::End(EndKind* kind) {
  CurrentScope scope(this);
  bool waiting = false;
  for (const Thread& t : threads_) {
    if (t.state == ThreadState::kAssumeBlocked) {
      *kind = EndKind::kAssumeBlocked;
      return false;
    }
    if (t.state == ThreadState::kWaiting || t.state == ThreadState::kReady) waiting = true;
  }
  const size_t before = violations_.size();
  if (waiting) {
    *kind = EndKind::kDeadlock;
    if (filter_.Checks(kNoHang)) Violate(kNoHang, DescribeDeadlock(), kNoThread);
  } else {
    *kind = EndKind::kComplete;
    for (const PropertyCheck& end : end_checks_) {
      if (!filter_.Checks(*end.property)) continue;
      if (auto message = end.check()) Violate(*end.property, *message, kNoThread);
    }
  }
  return violations_.size() > before;
}

const ObjectBase* Runtime::WaitedOn(const Thread& th) const {
  if (th.state == ThreadState::kWaiting) return th.waiting_on;
  if (th.state == ThreadState::kReady && Blocked(th)) return objects_[th.pending.object];
  return nullptr;
}

std::vector<ThreadId> Runtime::WaitsFor(ThreadId t) const {
  std::vector<ThreadId> out;
  const Thread& th = threads_[t];
  if (th.join_target != kNoThread) {
    out.push_back(th.join_target);
  } else if (const ObjectBase* o = WaitedOn(th)) {
    o->Blockers(t, &out);
  }
  return out;
}

// Who last touched the object a thread waits on (the wake-up that came too
// early, the unlock before the lock was taken again), for hang reports.
std::string Runtime::LastTouch(const ObjectBase& object, ThreadId waiter) const {
  for (size_t k = event_states_.size(); k-- > 0;) {
    const EventState& e = event_states_[k];
    if (e.object != object.id() || e.thread == waiter) continue;
    return absl::StrCat(" (last touched by ", threads_[e.thread].name.Text(), "'s ",
                        std::string(NameOf(e.kind)), " at step ", k + 1, ")");
  }
  return " (no other thread touched it)";
}

std::string Runtime::DescribeDeadlock() const {
  std::vector<std::string> lines;
  for (ThreadId t = 0; t < threads_.size(); ++t) {
    const Thread& th = threads_[t];
    const ObjectBase* object = WaitedOn(th);
    if (th.join_target == kNoThread && object == nullptr) continue;
    std::vector<std::string> blockers;
    for (ThreadId b : WaitsFor(t)) blockers.emplace_back(threads_[b].name.Text());
    const char* mode = th.state == ThreadState::kWaiting ? th.wait_mode : NameOf(th.pending.kind).data();
    const std::string what = th.join_target != kNoThread
                                 ? absl::StrCat("join(", threads_[th.join_target].name.Text(), ")")
                                 : absl::StrCat(object->name(), " (", mode, ")");
    lines.push_back(
        absl::StrCat(th.name.Text(), " waits for ", what,
                     blockers.empty() ? "" : absl::StrCat(" behind ", absl::StrJoin(blockers, ", ")),
                     object != nullptr ? LastTouch(*object, t) : ""));
  }
  // A wait-for cycle, if any: follow the first blocker from each waiting thread.
  for (ThreadId start = 0; start < threads_.size(); ++start) {
    std::vector<ThreadId> path{start};
    while (path.size() <= threads_.size()) {
      const auto next = WaitsFor(path.back());
      if (next.empty()) break;
      const auto seen = std::find(path.begin(), path.end(), next.front());
      if (seen != path.end()) {
        std::vector<std::string> names;
        for (auto it = seen; it != path.end(); ++it) names.emplace_back(threads_[*it].name.Text());
        names.emplace_back(threads_[*seen].name.Text());
        lines.push_back(absl::StrCat("wait-for cycle: ", absl::StrJoin(names, " -> ")));
        return absl::StrJoin(lines, "; ");
      }
      path.push_back(next.front());
    }
  }
  return absl::StrJoin(lines, "; ");
}

uint64_t Runtime::StateDigest() const {
  XXH64_state_t* h = XXH64_createState();
  XXH64_reset(h, 0);
  for (const ObjectBase* o : objects_) {
    if (o != nullptr) o->Digest(h);
  }
  for (const Thread& t : threads_) XXH64_update(h, &t.state, sizeof t.state);
  const uint64_t digest = XXH64_digest(h);
  XXH64_freeState(h);
  return digest;
}

}  // namespace lockstep
