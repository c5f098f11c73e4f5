// lockstep: the command line. Exit codes: 0 every checked property holds
// (exhaustively), 1 a property is violated, 2 usage or input error, 3
// inconclusive (a limit was hit). Results go to stdout, progress to stderr.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "checker/report/check.h"
#include "checker/report/compare.h"
#include "checker/report/compare_render.h"
#include "checker/report/render.h"
#include "checker/report/replay.h"
#include "cli/cli.h"
#include "models/registry.h"

namespace lockstep {
namespace {

constexpr int kUsageError = 2;

int Fail(const std::string& message) {
  std::cerr << "lockstep: " << message << "\n";
  return kUsageError;
}

void ListModel(const ModelSpec& m) {
  std::cout << m.name << ": " << m.summary << "\n  variants:\n";
  for (const VariantSpec& v : m.Variants()) {
    std::vector<std::string> set;
    for (const auto& [k, val] : v.settings) set.push_back(k + "=" + val);
    std::cout << absl::StrFormat("    %-22s %s%s\n", v.name, v.summary,
                                 set.empty() ? "" : " [" + absl::StrJoin(set, " ") + "]");
  }
  std::cout << "  switches (--set name=value):\n";
  for (const SwitchSpec& s : m.switches) {
    const std::string range = s.values.empty() ? absl::StrFormat("%d..%d", s.min_value, s.max_value) : absl::StrJoin(s.values, "|");
    std::cout << absl::StrFormat("    %-22s %s (%s, default %s)\n", s.name, s.meaning, range,
                                 m.ValueText(s.name, s.default_value));
  }
  std::cout << "  properties (--property P):\n";
  for (const PropertySpec& p : m.properties) std::cout << absl::StrFormat("    %-22s %s\n", p.name, p.meaning);
  for (const PropertySpec& p : BuiltinProperties()) {
    std::cout << absl::StrFormat("    %-22s %s (built in)\n", p.name, p.meaning);
  }
}

int RunList(const std::string& name) {
  if (name.empty()) {
    for (const ModelSpec& m : models::All()) ListModel(m);
    return 0;
  }
  const ModelSpec* m = models::Find(name);
  if (m == nullptr) return Fail("unknown model '" + name + "' (see: lockstep list)");
  ListModel(*m);
  return 0;
}

TraceTextOptions TraceStyleOf(const std::string& style) {
  TraceTextOptions o;
  o.style = style == "columns" ? TraceStyle::kColumns : style == "lines" ? TraceStyle::kLines : TraceStyle::kAuto;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && std::atoi(columns) > 40) {
    o.width = std::atoi(columns);
  }
  return o;
}

// The exploration limits `check` and `compare` share.
struct Limits {
  uint64_t max_executions = 0;
  int preemption_bound = -1;
  uint32_t max_steps = 20000;

  void AddOptions(CLI::App* app) {
    app->add_option("--max-executions", max_executions, "stop after N executions (inconclusive)");
    app->add_option("--preemption-bound", preemption_bound,
                    "cut executions with more than K preemptions (inconclusive if any are cut)")
        ->check(CLI::NonNegativeNumber);
    app->add_option("--max-steps", max_steps, "steps in one execution before it counts as a livelock")
        ->check(CLI::PositiveNumber);
  }
  void ApplyTo(ExploreOptions* o) const {
    o->max_executions = max_executions;
    o->preemption_bound = preemption_bound;
    o->max_steps = max_steps;
  }
};

struct CheckArgs {
  std::string model, variant, property, format = "text", strategy = "dpor", trace_style = "auto";
  std::vector<std::string> sets;
  Limits limits;
};

int RunCheckCommand(const CheckArgs& a) {
  const ModelSpec* m = models::Find(a.model);
  if (m == nullptr) return Fail("unknown model '" + a.model + "' (see: lockstep list)");
  CheckRequest req;
  req.model = m;
  req.variant = a.variant;
  req.overrides = a.sets;
  req.property = a.property;
  req.strategy = a.strategy == "brute-force" ? Strategy::kBruteForce : Strategy::kDpor;
  a.limits.ApplyTo(&req.explore);
  req.explore.progress = [](const Progress& p) {
    std::cerr << absl::StrFormat("\rlockstep: %d executions, %.0f/s, %.1f s", p.executions,
                                 p.executions / p.seconds, p.seconds)
              << std::flush;
  };
  absl::StatusOr<CheckReport> report = RunCheck(req);
  if (!report.ok()) return Fail(std::string(report.status().message()));
  if (report->stats.seconds > 1) std::cerr << "\n";
  std::cout << (a.format == "json" ? RenderJson(*report) : RenderText(*report, TraceStyleOf(a.trace_style)));
  return ExitCode(report->verdict);
}

struct ReplayArgs {
  std::string model, variant, property, token, trace_file, format = "text", trace_style = "auto";
  std::vector<std::string> sets;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int RunReplayCommand(const ReplayArgs& a) {
  const ModelSpec* m = models::Find(a.model);
  if (m == nullptr) return Fail("unknown model '" + a.model + "' (see: lockstep list)");
  if (a.token.empty() == a.trace_file.empty()) return Fail("replay takes a TOKEN or --trace-file FILE (one of them)");
  ReplayRequest req{m, a.variant, a.sets, a.property, a.token};
  if (!a.trace_file.empty()) {
    absl::StatusOr<std::string> text = ReadFile(a.trace_file);
    if (!text.ok()) return Fail(std::string(text.status().message()));
    if (absl::Status s = FillFromJson(*text, &req); !s.ok()) return Fail(a.trace_file + ": " + std::string(s.message()));
  }
  absl::StatusOr<ReplayResult> result = Replay(req);
  if (!result.ok()) return Fail(std::string(result.status().message()));
  if (result->report.violations.empty()) {
    std::cout << absl::StrFormat("model %s, variant %s: the schedule ran all %d steps without violating %s\n",
                                 m->name, result->report.variant, result->steps,
                                 req.property.empty() ? "any property" : req.property);
    return 0;
  }
  std::cout << (a.format == "json" ? RenderJson(result->report)
                                   : RenderReplayText(result->report, TraceStyleOf(a.trace_style)));
  return 1;
}

struct CompareArgs {
  std::string model, variants = "all", format = "text", output;
  std::vector<std::string> sets;
  Limits limits;  // per variant
  int jobs = 0;
};

int RunCompareCommand(const CompareArgs& a) {
  const ModelSpec* m = models::Find(a.model);
  if (m == nullptr) return Fail("unknown model '" + a.model + "' (see: lockstep list)");
  CompareRequest req;
  req.model = m;
  if (a.variants != "all") req.variants = absl::StrSplit(a.variants, ',', absl::SkipEmpty());
  req.overrides = a.sets;
  a.limits.ApplyTo(&req.explore);
  req.jobs = a.jobs;
  const auto start = std::chrono::steady_clock::now();
  req.on_done = [&](const CheckReport& r, int done, int total) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (secs > 1) {
      std::cerr << absl::StrFormat("lockstep: %d/%d variants, %s %s, %.1f s\n", done, total, r.variant,
                                   VerdictName(r.verdict), secs);
    }
  };
  absl::StatusOr<CompareReport> report = RunCompare(req);
  if (!report.ok()) return Fail(std::string(report.status().message()));
  const std::string text = a.format == "json"       ? RenderCompareJson(*report)
                           : a.format == "markdown" ? RenderCompareMarkdown(*report)
                           : a.format == "html"     ? RenderCompareHtml(*report)
                                                    : RenderCompareText(*report);
  if (a.output.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(a.output, std::ios::binary);
    if (!(out << text)) return Fail("cannot write '" + a.output + "'");
  }
  return report->ExitCode();
}

// A thread that loops without ever reaching a co_await cannot be interrupted:
// rather than hang, say so and exit once nothing has resumed for a while.
void StartWatchdog() {
  constexpr int kStallSeconds = 20;
  std::thread([] {
    uint64_t last = ResumptionsSoFar();
    int stalled = 0;
    while (true) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      const uint64_t now = ResumptionsSoFar();
      stalled = now == last ? stalled + 1 : 0;
      last = now;
      if (stalled >= kStallSeconds) {
        std::fprintf(stderr,
                     "lockstep: a model thread has run for %d s without reaching a visible operation "
                     "(a loop without co_await?)\n",
                     kStallSeconds);
        std::_Exit(kUsageError);
      }
    }
  }).detach();
}

}  // namespace

int RunCli(int argc, char** argv) {
  SetReplayTool(std::filesystem::path(argv[0]).filename().string());
  CLI::App app{"lockstep: an exhaustive interleaving model checker for kernel locking protocols"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lockstep 0.1");

  std::string list_model;
  CLI::App* list = app.add_subcommand("list", "list models, their variants, switches and properties");
  list->add_option("model", list_model, "only this model");

  CheckArgs c;
  CLI::App* check = app.add_subcommand("check", "explore every schedule of a model and check its properties");
  check->add_option("model", c.model, "the model (see: lockstep list)")->required();
  check->add_option("--variant", c.variant, "the variant (default: the model's first)");
  check->add_option("--set", c.sets, "override a switch: name=value (repeatable)")->take_all();
  check->add_option("--property", c.property, "check only this property (default: all)");
  check->add_option("--format", c.format, "output format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--strategy", c.strategy, "dpor (default) or brute-force (every interleaving)")
      ->check(CLI::IsMember({"dpor", "brute-force"}));
  c.limits.AddOptions(check);
  check->add_option("--trace-style", c.trace_style, "auto (columns if they fit $COLUMNS, default 160), columns, lines")
      ->check(CLI::IsMember({"auto", "columns", "lines"}));

  ReplayArgs r;
  CLI::App* replay = app.add_subcommand(
      "replay", "re-run one counterexample from its schedule token and re-check the violation "
                "(exit 1: reproduced, 0: the schedule runs without it, 2: it does not fit the model)");
  replay->add_option("model", r.model, "the model (see: lockstep list)")->required();
  replay->add_option("token", r.token, "the schedule token a report printed");
  replay->add_option("--trace-file", r.trace_file,
                     "take the token, variant, settings and property from JSON that check/replay/compare printed");
  replay->add_option("--variant", r.variant, "the variant (default: the file's, else the model's first)");
  replay->add_option("--set", r.sets, "override a switch: name=value (repeatable)")->take_all();
  replay->add_option("--property", r.property, "the property to re-check (default: the file's, else any)");
  replay->add_option("--format", r.format, "output format")->check(CLI::IsMember({"text", "json"}));
  replay->add_option("--trace-style", r.trace_style, "auto, columns, lines")
      ->check(CLI::IsMember({"auto", "columns", "lines"}));

  CompareArgs k;
  CLI::App* compare = app.add_subcommand(
      "compare", "check every variant against every property, one table (exit 0 all hold, 1 any violated, "
                 "3 any inconclusive)");
  compare->add_option("model", k.model, "the model (see: lockstep list)")->required();
  compare->add_option("--variants", k.variants, "comma-separated variants, or all (default)");
  compare->add_option("--set", k.sets, "override a switch in every variant: name=value (repeatable)")->take_all();
  compare->add_option("--format", k.format, "output format")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  compare->add_option("--output", k.output, "write to FILE instead of stdout");
  k.limits.AddOptions(compare);
  compare->add_option("--jobs", k.jobs, "variants checked at once (default: the number of cores)")
      ->check(CLI::PositiveNumber);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Fail(std::string(e.what()) + " (see: lockstep --help)");
  }
  if (*list) return RunList(list_model);
  StartWatchdog();
  if (*replay) return RunReplayCommand(r);
  if (*compare) return RunCompareCommand(k);
  return RunCheckCommand(c);
}

}  // namespace lockstep
