// hello: two CPUs count one event each in a shared counter. "racy" reads the
// counter and writes it back plus one (two steps: an event can be lost);
// "atomic" adds with one fetch_add.
#include <lockstep/lockstep.h>

using namespace lockstep;

Task<void> count_event(Atomic<int>& events, bool atomic) {
  if (atomic) {
    co_await events.fetch_add(1);
  } else {
    const int seen = co_await events.load();  // the race window
    co_await events.store(seen + 1);
  }
}

ModelSpec Hello() {
  ModelSpec m;
  m.name = "hello";
  m.summary = "two CPUs count one event each";
  m.switches = {{"atomic", 0, "count with one fetch_add instead of a load and a store", {}, 1}};
  m.variants = {{"racy", "load, then store", {}}, {"atomic", "fetch_add", {{"atomic", "1"}}}};
  m.properties = {{"no-lost-event", "the counter ends at 2"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Atomic<int>& events = rt.Make<Atomic<int>>("events");
    spawn("cpu0", count_event(events, s.on("atomic")));
    spawn("cpu1", count_event(events, s.on("atomic")));
    rt.AtEnd("no-lost-event", [&events]() -> std::optional<std::string> {
      if (events.peek() == 2) return std::nullopt;
      return "an event was lost: events = " + std::to_string(events.peek());
    });
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(Hello);
