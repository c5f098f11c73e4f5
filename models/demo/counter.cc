// counter: the lost update. Each thread increments a shared counter, either
// as a load and a store (racy) or under a mutex (correct); at the end the
// counter must equal the number of increments.
#include "absl/strings/str_cat.h"
#include "lockstep/lockstep.h"

namespace lockstep::models {
namespace {

struct Counter {
  Atomic<int> value{"counter"};
  Mutex lock{"counter_lock"};
};

Task<void> Increment(Counter& c, bool locked) {
  if (locked) co_await c.lock.lock();
  const int v = co_await c.value.load();
  co_await c.value.store(v + 1);
  if (locked) co_await c.lock.unlock();
}

}  // namespace

ModelSpec CounterModel() {
  ModelSpec m;
  m.name = "counter";
  m.summary = "the lost update: load+store increments, racy or under a mutex";
  m.switches = {
      {"locked", 0, "increment under counter_lock", {}, 1},
      {"threads", 2, "number of incrementing threads", {}, 6, 1},
  };
  m.variants = {
      {"racy", "load, then store the value plus one", {}},
      {"locked", "the same under a mutex", {{"locked", "1"}}},
  };
  m.properties = {{"no-lost-update", "at the end, counter == number of threads"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Counter& c = rt.Make<Counter>();
    const int n = static_cast<int>(s["threads"]);
    for (int i = 0; i < n; ++i) spawn("cpu" + std::to_string(i), Increment(c, s.on("locked")));
    rt.AtEnd("no-lost-update", [&c, n]() -> std::optional<std::string> {
      if (c.value.peek() == n) return std::nullopt;
      return absl::StrCat("counter is ", c.value.peek(), " after ", n, " increments");
    });
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(CounterModel);

}  // namespace lockstep::models
