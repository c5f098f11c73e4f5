// The one dispatch from an operation to the primitive that implements it,
// and the one check that applies to every primitive: no sleeping while
// holding a spinlock.
#include "checker/runtime/apply.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"
#include "checker/sync/freeable.h"
#include "checker/sync/mutex.h"
#include "checker/core/property_names.h"
#include "checker/sync/refcount.h"
#include "checker/sync/rwsem.h"
#include "checker/sync/semaphore.h"
#include "checker/sync/spinlock.h"
#include "checker/sync/task_state.h"

namespace lockstep {
namespace {

// The kernel's might_sleep() splat, "BUG: sleeping function called from
// invalid context": an operation that may sleep while t holds a spinlock.
void CheckSleepInAtomic(Runtime& rt, ThreadId t, const Operation& op) {
  if (rt.SpinlocksHeld(t) == 0) return;
  for (const ObjectBase* o : rt.Objects()) {
    if (o == nullptr || !o->HeldBy(t) || dynamic_cast<const Spinlock*>(o) == nullptr) continue;
    rt.Violate(kNoSleepInAtomic,
               absl::StrCat(rt.ThreadName(t), " calls ", std::string(NameOf(op.kind)), ", which may sleep, while holding spinlock ",
                            o->name()),
               t);
    return;
  }
}

}  // namespace

Applied Apply(Runtime& rt, ThreadId t, const Operation& op, ObjectBase* object) {
  if (object == nullptr) {
    throw ModelError("an operation touched an object that no longer exists "
                     "(make shared objects with Runtime::Make or in setup, not as thread locals)");
  }
  if (MaySleep(op.kind)) CheckSleepInAtomic(rt, t, op);
  switch (op.kind) {
    case OpKind::kLoad:
    case OpKind::kStore:
    case OpKind::kExchange:
    case OpKind::kCompareExchange:
    case OpKind::kFetchAdd:
    case OpKind::kWaitUntil:
      return static_cast<AtomicBase*>(object)->Apply(rt, t, op);
    case OpKind::kTestBit:
    case OpKind::kSetBit:
    case OpKind::kClearBit:
    case OpKind::kTestAndSetBit:
    case OpKind::kTestAndClearBit:
      return static_cast<Bits*>(object)->Apply(rt, t, op);
    case OpKind::kMutexLock:
    case OpKind::kMutexTrylock:
    case OpKind::kMutexUnlock:
    case OpKind::kSpinLock:
    case OpKind::kSpinTrylock:
    case OpKind::kSpinUnlock:
      return static_cast<Mutex*>(object)->Apply(rt, t, op);
    case OpKind::kSemDown:
    case OpKind::kSemTrydown:
    case OpKind::kSemUp:
    case OpKind::kCompletionWait:
    case OpKind::kCompletionTryWait:
    case OpKind::kComplete:
    case OpKind::kCompleteAll:
    case OpKind::kCompletionDone:
      return static_cast<Semaphore*>(object)->Apply(rt, t, op);
    case OpKind::kDownRead:
    case OpKind::kDownReadTrylock:
    case OpKind::kUpRead:
    case OpKind::kDownWrite:
    case OpKind::kDownWriteTrylock:
    case OpKind::kUpWrite:
      return static_cast<RwSem*>(object)->Apply(rt, t, op);
    case OpKind::kSetTaskState:
    case OpKind::kSchedule:
    case OpKind::kTryToWakeUp:
    case OpKind::kMightSleep:
      return static_cast<TaskState*>(object)->Apply(rt, t, op);
    case OpKind::kRefGet:
    case OpKind::kRefGetNotZero:
    case OpKind::kRefPut:
    case OpKind::kRefDecNotOne:
    case OpKind::kRefRead:
      return static_cast<RefCount*>(object)->Apply(rt, t, op);
    case OpKind::kFree:
    case OpKind::kUse:
      return static_cast<Freeable*>(object)->Apply(rt, t, op);
    case OpKind::kChoose:
      break;  // handled by the runtime: a choice touches no object
  }
  throw ModelError("[lockstep internal bug] operation without a primitive");
}

}  // namespace lockstep
