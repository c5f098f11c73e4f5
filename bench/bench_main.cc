// lockstep_bench: speed of the engine, as figures (not asserted anywhere).
// Each benchmark runs --repeat times (default 5); the median is printed with
// executions/s and events/s. Results are recorded in bench/RESULTS.md.
// `lockstep_bench --suite ...` runs the classic DPOR suite instead (run_suite.h).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bench/run_suite.h"
#include "checker/explore/brute_force.h"
#include "checker/explore/dpor.h"
#include "checker/lockstep.h"
#include "checker/report/check.h"
#include "models/registry.h"

namespace lockstep {
namespace {

struct Figures {
  double seconds = 0;
  uint64_t executions = 0;
  uint64_t events = 0;
};

struct Vars {
  explicit Vars(int n) {
    for (int i = 0; i < n; ++i) x.push_back(std::make_unique<Atomic<int>>("x" + std::to_string(i)));
  }
  std::vector<std::unique_ptr<Atomic<int>>> x;
};

// Loads and stores only: `ops` steps on variable `var` (shared or private).
Task<void> LoadsAndStores(Atomic<int>& x, int ops) {
  for (int i = 0; i < ops; ++i) {
    const int v = co_await x.load();
    co_await x.store(v + 1);
  }
}

Figures Explore(int threads, int ops, bool shared, bool dpor) {
  Runtime rt([=](Runtime& r) {
    Vars& v = r.Make<Vars>(shared ? 1 : threads);
    for (int t = 0; t < threads; ++t)
      spawn("t" + std::to_string(t), LoadsAndStores(*v.x[shared ? 0 : t], ops));
  });
  ExploreOptions o;
  o.max_steps = 1u << 30;
  const ExploreResult r = dpor ? ExploreDpor(rt, o) : ExploreBruteForce(rt, o);
  return {r.stats.seconds, r.stats.executions, r.stats.events};
}

Figures Model(const char* name, const char* variant) {
  CheckRequest req;
  req.model = models::Find(name);
  if (req.model == nullptr) return {};
  req.variant = variant;
  req.explore.stop_at_first_violation = false;
  auto report = RunCheck(req);
  if (!report.ok()) return {};
  return {report->stats.seconds, report->stats.executions, report->stats.events};
}

std::string only;  // --only SUBSTRING: run the matching benchmarks only

void Print(const char* name, int repeat, const std::function<Figures()>& run) {
  if (!only.empty() && std::string(name).find(only) == std::string::npos) return;
  std::vector<Figures> runs;
  for (int i = 0; i < repeat; ++i) runs.push_back(run());
  std::sort(runs.begin(), runs.end(),
            [](const Figures& a, const Figures& b) { return a.seconds < b.seconds; });
  const Figures& m = runs[runs.size() / 2];
  if (m.executions == 0) {
    std::printf("%-44s (not available)\n", name);
    return;
  }
  std::printf("%-44s %10llu %12llu %9.4f %12.0f %12.0f\n", name,
              static_cast<unsigned long long>(m.executions), static_cast<unsigned long long>(m.events),
              m.seconds, m.executions / m.seconds, m.events / m.seconds);
}

}  // namespace
}  // namespace lockstep

int main(int argc, char** argv) {
  using namespace lockstep;
  if (argc > 1 && std::strcmp(argv[1], "--suite") == 0) {
    return bench::RunSuite(std::vector<std::string>(argv + 2, argv + argc));
  }
  if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::printf(
        "usage: lockstep_bench [--repeat N] [--only SUBSTRING]   the engine's figures\n"
        "       lockstep_bench --suite --help                    the classic DPOR suite\n");
    return 0;
  }
  int repeat = 5;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  std::printf("median of %d runs, one core\n", repeat);
  std::printf("%-44s %10s %12s %9s %12s %12s\n", "benchmark", "executions", "events", "seconds", "execs/s",
              "events/s");
  Print("1 execution: 4 threads x 50000 private ld/st", repeat,
        [] { return Explore(4, 50000, false, true); });
  Print("dpor: 3 threads x 2 ld/st, one variable", repeat, [] { return Explore(3, 2, true, true); });
  Print("brute force: same program", repeat, [] { return Explore(3, 2, true, false); });
  Print("dpor: 4 threads x 2 ld/st, one variable", repeat, [] { return Explore(4, 2, true, true); });
  Print("model counter --variant locked (2 threads)", repeat, [] { return Model("counter", "locked"); });
  Print("model oom-reaper --variant v4.14", repeat, [] { return Model("oom-reaper", "v4.14"); });
  Print("model oom-reaper --variant v6.0", repeat, [] { return Model("oom-reaper", "v6.0"); });
  Print("model robust-futex --variant v5.17", repeat, [] { return Model("robust-futex", "v5.17"); });
  Print("model robust-futex --variant v5.18-delay", repeat,
        [] { return Model("robust-futex", "v5.18-delay"); });
  return 0;
}
