#include "checker/report/watchdog.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <thread>

#include "checker/runtime/runtime.h"

namespace lockstep {
namespace {

// OS threads in model code now.
std::atomic<int> in_model_code{0};

void Watch(int stall_seconds, int exit_code) {
  uint64_t last = ResumptionsSoFar();
  int stalled = 0;
  while (true) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const uint64_t now = ResumptionsSoFar();
    // A second counts only if model code ran through it without resuming.
    stalled = now == last && in_model_code.load() > 0 ? stalled + 1 : 0;
    last = now;
    if (stalled >= stall_seconds) {
      std::fprintf(stderr,
                   "lockstep: a model thread has run for %d s without reaching a visible operation "
                   "(a loop without co_await?)\n",
                   stall_seconds);
      std::_Exit(exit_code);
    }
  }
}

}  // namespace

ModelCodeScope::ModelCodeScope() { in_model_code.fetch_add(1); }
ModelCodeScope::~ModelCodeScope() { in_model_code.fetch_sub(1); }
OutsideModelCode::OutsideModelCode() { in_model_code.fetch_sub(1); }
OutsideModelCode::~OutsideModelCode() { in_model_code.fetch_add(1); }

void StartWatchdog(int stall_seconds, int exit_code) {
  // Without a thread to spare (a memory limit), run without the watchdog.
  try {
    std::thread(Watch, stall_seconds, exit_code).detach();
  } catch (const std::system_error&) {
  }
}

}  // namespace lockstep
