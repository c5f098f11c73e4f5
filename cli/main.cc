// lockstep: the command line. Exit codes: 0 every checked property holds
// (exhaustively), 1 a property is violated, 2 usage or input error, 3
// inconclusive (a limit was hit). Results go to stdout, progress to stderr.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "checker/report/check.h"
#include "checker/report/render.h"
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
  for (const VariantSpec& v : m.variants) {
    std::vector<std::string> set;
    for (const auto& [k, val] : v.settings) set.push_back(k + "=" + val);
    std::cout << absl::StrFormat("    %-22s %s%s\n", v.name, v.summary,
                                 set.empty() ? "" : " [" + absl::StrJoin(set, " ") + "]");
  }
  std::cout << "  switches (--set name=value):\n";
  for (const SwitchSpec& s : m.switches) {
    const std::string range = s.values.empty() ? absl::StrFormat("0..%d", s.max_value) : absl::StrJoin(s.values, "|");
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

struct CheckArgs {
  std::string model, variant, property, format = "text", strategy = "dpor";
  std::vector<std::string> sets;
  uint64_t max_executions = 0;
  int preemption_bound = -1;
  uint32_t max_steps = 20000;
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
  req.explore.max_executions = a.max_executions;
  req.explore.preemption_bound = a.preemption_bound;
  req.explore.max_steps = a.max_steps;
  req.explore.progress = [](const Progress& p) {
    std::cerr << absl::StrFormat("\rlockstep: %d executions, %.0f/s, %.1f s", p.executions,
                                 p.executions / p.seconds, p.seconds)
              << std::flush;
  };
  absl::StatusOr<CheckReport> report = RunCheck(req);
  if (!report.ok()) return Fail(std::string(report.status().message()));
  if (report->stats.seconds > 1) std::cerr << "\n";
  std::cout << (a.format == "json" ? RenderJson(*report) : RenderText(*report));
  return ExitCode(report->verdict);
}

int Main(int argc, char** argv) {
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
  check->add_option("--max-executions", c.max_executions, "stop after N executions (inconclusive)");
  check->add_option("--preemption-bound", c.preemption_bound,
                    "cut executions with more than K preemptions (inconclusive if any are cut)")
      ->check(CLI::NonNegativeNumber);
  check->add_option("--max-steps", c.max_steps, "steps in one execution before it counts as a livelock")
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
  return RunCheckCommand(c);
}

}  // namespace
}  // namespace lockstep

int main(int argc, char** argv) { return lockstep::Main(argc, argv); }
