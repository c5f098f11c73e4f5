// The watchdog. A model thread that loops without reaching a co_await cannot
// be interrupted, so rather than hang, the process says so and exits once no
// model thread has resumed for a while. It watches model code only: the time
// spent reading input, writing output or waiting for a reader does not count,
// so a slow pipe or a large file never trips it.
#pragma once

namespace lockstep {

// Marks the calling OS thread as running model code for its lifetime.
class ModelCodeScope {
 public:
  ModelCodeScope();
  ~ModelCodeScope();
  ModelCodeScope(const ModelCodeScope&) = delete;
  ModelCodeScope& operator=(const ModelCodeScope&) = delete;
};

// Inside a ModelCodeScope, marks a stretch that is not model code (a progress
// callback writing to stderr).
class OutsideModelCode {
 public:
  OutsideModelCode();
  ~OutsideModelCode();
  OutsideModelCode(const OutsideModelCode&) = delete;
  OutsideModelCode& operator=(const OutsideModelCode&) = delete;
};

// Starts the watchdog thread: after `stall_seconds` in which some thread was
// in model code the whole time and no model thread resumed, it prints one
// line to stderr and ends the process with `exit_code`.
void StartWatchdog(int stall_seconds, int exit_code);

}  // namespace lockstep
