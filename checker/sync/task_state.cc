#include "checker/sync/task_state.h"

#include "absl/strings/str_cat.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

Applied TaskState::Apply(Runtime& rt, ThreadId t, const Operation& op) {
  switch (op.kind) {
    case OpKind::kSetTaskState:
      if (t != task_) {
        throw ModelError(absl::StrCat(rt.ThreadName(t), " sets the state of another task (", name(),
                                      "); only a task sets its own state, others wake it"));
      }
      state_ = op.arg;
      return {false, 0};
    case OpKind::kSchedule:  // runs only once the task is running (CanRun)
    case OpKind::kMightSleep:
      return {false, 0};
    case OpKind::kTryToWakeUp:
      if (state_ == TASK_RUNNING) return {false, 0};
      state_ = TASK_RUNNING;
      return {false, 1};
    default:
      throw ModelError("[lockstep internal bug] not a task-state operation");
  }
}

std::string TaskState::ValueName(int64_t s) {
  switch (s) {
    case TASK_RUNNING:
      return "TASK_RUNNING";
    case TASK_INTERRUPTIBLE:
      return "TASK_INTERRUPTIBLE";
    case TASK_UNINTERRUPTIBLE:
      return "TASK_UNINTERRUPTIBLE";
    default:
      return std::to_string(s);
  }
}

}  // namespace lockstep
