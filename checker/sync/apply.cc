// The one dispatch from an operation to the primitive that implements it.
#include "checker/runtime/apply.h"

#include "checker/runtime/runtime.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"
#include "checker/sync/freeable.h"
#include "checker/sync/mutex.h"
#include "checker/sync/refcount.h"
#include "checker/sync/rwsem.h"
#include "checker/sync/task_state.h"

namespace lockstep {

Applied Apply(Runtime& rt, ThreadId t, const Operation& op, ObjectBase* object) {
  if (object == nullptr) {
    throw ModelError("an operation touched an object that no longer exists "
                     "(make shared objects with Runtime::Make or in setup, not as thread locals)");
  }
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
      return static_cast<Mutex*>(object)->Apply(rt, t, op);
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
      return static_cast<TaskState*>(object)->Apply(rt, t, op);
    case OpKind::kRefGet:
    case OpKind::kRefGetNotZero:
    case OpKind::kRefPut:
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
