// A user's own protocol, checked from a program of its own rather than from
// the lockstep CLI: lazy initialisation with double-checked locking.
//
//   build/examples/lazy_init/lazy_init          # exit 1: the broken variant races
//   build/examples/lazy_init/lazy_init fixed    # exit 0
//
// The broken variant publishes the "initialised" flag before the data.
#include <lockstep/lockstep.h>

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "checker/report/check.h"
#include "checker/report/render.h"

namespace {

using namespace lockstep;

struct Lazy {
  Mutex lock{"init_lock"};
  Atomic<bool> ready{"ready"};
  Atomic<int> data{"data"};
};

Task<void> Init(Lazy& l, bool fixed) {
  co_await l.lock.lock();
  const bool already = co_await l.ready.load();
  if (!already) {
    if (fixed) {
      co_await l.data.store(42);
      co_await l.ready.store(true);
    } else {
      co_await l.ready.store(true);  // published too early
      co_await l.data.store(42);
    }
  }
  co_await l.lock.unlock();
}

Task<void> User(Lazy& l, bool fixed) {
  const bool ready = co_await l.ready.load();  // the unlocked fast path
  if (!ready) co_await Init(l, fixed);
  const int value = co_await l.data.load();
  check(value == 42, "sees-initialised-data", absl::StrCat("read ", value, " instead of 42"));
}

ModelSpec LazyInit() {
  ModelSpec m;
  m.name = "lazy-init";
  m.summary = "double-checked locking";
  m.switches = {{"fixed", 0, "store the data before the flag", {}, 1}};
  m.variants = {{"flag-first", "publishes the flag before the data", {}},
                {"fixed", "data first, then the flag", {{"fixed", "1"}}}};
  m.properties = {{"sees-initialised-data", "every user reads the initialised value"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Lazy& l = rt.Make<Lazy>();
    spawn("cpu0", User(l, s.on("fixed")));
    spawn("cpu1", User(l, s.on("fixed")));
  };
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const ModelSpec model = LazyInit();
  CheckRequest req;
  req.model = &model;
  req.variant = argc > 1 ? argv[1] : "flag-first";
  absl::StatusOr<CheckReport> report = RunCheck(req);
  if (!report.ok()) {
    std::fprintf(stderr, "lazy_init: %s\n", std::string(report.status().message()).c_str());
    return 2;
  }
  std::fputs(RenderText(*report).c_str(), stdout);
  return ExitCode(report->verdict);
}
