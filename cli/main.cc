// lockstep: the command line. Exit codes: 0 every checked property holds
// (exhaustively), 1 a property is violated, 2 usage, input or output error
// (one line on stderr; also when the results could not be written), 3
// inconclusive (a limit was hit, memory ran out, or SIGINT/SIGTERM stopped
// the run). Results go to stdout, progress to stderr.
#include <unistd.h>

#include <filesystem>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "checker/report/check.h"
#include "checker/report/compare.h"
#include "checker/report/compare_render.h"
#include "checker/report/render.h"
#include "checker/report/replay.h"
#include "checker/report/suggest.h"
#include "checker/report/watchdog.h"
#include "cli/cli.h"
#include "models/registry.h"

namespace lockstep {
namespace {

constexpr int kUsageError = 2;  // also: input or output error
constexpr int kInconclusive = 3;
// A trace file is read whole and parsed; this bounds the memory it costs.
constexpr size_t kMaxTraceFileBytes = size_t{256} << 20;

// User input echoed in a message: control characters are escaped, so the
// message stays one line.
std::string Printable(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      out += absl::StrFormat("\\x%02x", u);
    } else {
      out += c;
    }
  }
  return out;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "lockstep: %s\n", Printable(message).c_str());
  return kUsageError;
}

// --- Signals: the first SIGINT/SIGTERM asks the run to stop and report what
// it found; a second one ends the process at once.

std::atomic<int> interrupt_signal{0};

extern "C" void OnInterrupt(int signal) {
  if (interrupt_signal.exchange(signal) != 0) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

void CatchInterrupts() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}


// --- Output: every write is checked; results that could not be written are
// never reported as delivered.

int Deliver(const std::string& text, std::FILE* out, const std::string& where) {
  errno = 0;
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  const bool flushed = std::fflush(out) == 0;
  if (written && flushed && !std::ferror(out)) return 0;
  return Fail(absl::StrCat("cannot write the results to ", where, ": ", std::strerror(errno ? errno : EIO)));
}

int DeliverToStdout(const std::string& text) { return Deliver(text, stdout, "stdout"); }

// Progress on stderr: on a terminal one line rewritten in place every second,
// elsewhere (a CI log) a plain line every ten seconds for each `key` (each
// compare variant).
class ProgressLine {
 public:
  ProgressLine() : terminal_(isatty(STDERR_FILENO) == 1) {}

  void Show(const std::string& key, const std::string& text) {
    OutsideModelCode writing;  // a stalled stderr is not a stalled model
    const auto now = std::chrono::steady_clock::now();
    auto [last, first] = last_.try_emplace(key, now);
    if (!terminal_ && !first && now - last->second < std::chrono::seconds(10)) return;
    last->second = now;
    if (terminal_) {
      std::fprintf(stderr, "\r%-79s", text.c_str());
      open_ = true;
    } else {
      std::fprintf(stderr, "%s\n", text.c_str());
    }
    std::fflush(stderr);
  }
  // Ends an open in-place line, before anything else is written.
  void Close() {
    if (open_) std::fputc('\n', stderr);
    open_ = false;
  }

 private:
  bool terminal_;
  bool open_ = false;
  absl::flat_hash_map<std::string, std::chrono::steady_clock::time_point> last_;
};

std::string ProgressText(const Progress& p) {
  return absl::StrFormat("lockstep: %d executions, %.0f/s, %.1f s", p.executions,
                         p.seconds > 0 ? p.executions / p.seconds : 0.0, p.seconds);
}

// --- Names.

std::vector<std::string> ModelNames() {
  std::vector<std::string> names;
  for (const ModelSpec& m : models::All()) names.push_back(m.name);
  return names;
}

const ModelSpec* FindModel(const std::string& name, std::string* error) {
  const ModelSpec* m = models::Find(name);
  if (m == nullptr)
    *error = "unknown model '" + name + "'" + DidYouMean(name, ModelNames()) + " (see: lockstep list)";
  return m;
}

// --- list.

std::string ListModel(const ModelSpec& m) {
  std::string out = absl::StrCat(m.name, ": ", m.summary, "\n  variants:\n");
  for (const VariantSpec& v : m.Variants()) {
    std::vector<std::string> set;
    for (const auto& [k, val] : v.settings) set.push_back(k + "=" + val);
    absl::StrAppend(&out, absl::StrFormat("    %-22s %s%s\n", v.name, v.summary,
                                          set.empty() ? "" : " [" + absl::StrJoin(set, " ") + "]"));
  }
  absl::StrAppend(&out, "  switches (--set name=value):\n");
  for (const SwitchSpec& s : m.switches) {
    absl::StrAppend(&out, absl::StrFormat("    %-22s %s (%s, default %s)\n", s.name, s.meaning, s.Accepted(),
                                          m.ValueText(s.name, s.default_value)));
  }
  if (!m.invalid_combinations.empty()) {
    absl::StrAppend(&out, "  refused combinations (they make the scenario meaningless):\n");
    for (const InvalidCombination& c : m.invalid_combinations) {
      absl::StrAppend(&out, absl::StrFormat("    %s: %s\n", c.Text(), c.reason));
    }
  }
  absl::StrAppend(&out, "  properties (--property P):\n");
  for (const PropertySpec& p : m.properties)
    absl::StrAppend(&out, absl::StrFormat("    %-22s %s\n", p.name, p.meaning));
  for (const PropertySpec& p : BuiltinProperties()) {
    absl::StrAppend(&out, absl::StrFormat("    %-22s %s (built in)\n", p.name, p.meaning));
  }
  return out;
}

int RunList(const std::string& name) {
  std::string out;
  if (name.empty()) {
    for (const ModelSpec& m : models::All()) absl::StrAppend(&out, ListModel(m));
  } else {
    std::string error;
    const ModelSpec* m = FindModel(name, &error);
    if (m == nullptr) return Fail(error);
    out = ListModel(*m);
  }
  return DeliverToStdout(out);
}

TraceTextOptions TraceStyleOf(const std::string& style) {
  TraceTextOptions o;
  o.style = style == "columns" ? TraceStyle::kColumns
            : style == "lines" ? TraceStyle::kLines
                               : TraceStyle::kAuto;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && std::atoi(columns) > 40) {
    o.width = std::atoi(columns);
  }
  return o;
}

// A whole number option, read as text so that the error can say what is
// allowed: CLI11's range checks print doubles with 309 digits, and unsigned
// options accept -5 as 2^64-5.
bool ParseWhole(const std::string& option, const std::string& text, uint64_t min, uint64_t max, uint64_t* out,
                std::string* error, const std::string& zero_means = "") {
  uint64_t v = 0;
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
  if (!digits || !absl::SimpleAtoi(text, &v) || v < min || v > max) {
    *error =
        absl::StrCat(option, " takes a whole number from ", min,
                     zero_means.empty() ? "" : " (" + zero_means + ")", " to ", max, ", not '", text, "'");
    return false;
  }
  *out = v;
  return true;
}

constexpr uint64_t kMaxJobs = 1024;

int Cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// The exploration limits `check` and `compare` share.
struct Limits {
  std::string max_executions = "0", preemption_bound, max_steps = "20000";

  void AddOptions(CLI::App* app) {
    app->add_option("--max-executions", max_executions,
                    "stop after N executions (inconclusive); 0, the default, means no limit");
    app->add_option("--preemption-bound", preemption_bound,
                    "cut executions with more than K preemptions, K >= 0 (inconclusive if any are cut); "
                    "default: no bound");
    app->add_option("--max-steps", max_steps,
                    "steps in one execution before the run stops as inconclusive (default 20000)");
  }
  bool ApplyTo(ExploreOptions* o, std::string* error) const {
    uint64_t executions = 0, bound = 0, steps = 0;
    if (!ParseWhole("--max-executions", max_executions, 0, UINT64_MAX, &executions, error, "no limit"))
      return false;
    if (!preemption_bound.empty() &&
        !ParseWhole("--preemption-bound", preemption_bound, 0, 1000000, &bound, error)) {
      return false;
    }
    if (!ParseWhole("--max-steps", max_steps, 1, 10000000, &steps, error)) return false;
    o->max_executions = executions;
    o->preemption_bound = preemption_bound.empty() ? -1 : static_cast<int>(bound);
    o->max_steps = static_cast<uint32_t>(steps);
    o->interrupt = &interrupt_signal;
    return true;
  }
};

// --- check.

struct CheckArgs {
  std::string model, variant, property, format = "text", strategy = "dpor", trace_style = "auto", jobs = "1";
  std::vector<std::string> sets;
  Limits limits;
};

int RunCheckCommand(const CheckArgs& a) {
  std::string error;
  const ModelSpec* m = FindModel(a.model, &error);
  if (m == nullptr) return Fail(error);
  CheckRequest req;
  req.model = m;
  req.variant = a.variant;
  req.overrides = a.sets;
  req.property = a.property;
  req.strategy = a.strategy == "brute-force" ? Strategy::kBruteForce : Strategy::kDpor;
  if (!a.limits.ApplyTo(&req.explore, &error)) return Fail(error);
  uint64_t jobs = 1;
  if (!ParseWhole("--jobs", a.jobs, 0, kMaxJobs, &jobs, &error, "one per core")) return Fail(error);
  req.explore.jobs = jobs == 0 ? Cores() : static_cast<int>(jobs);
  if (req.explore.jobs > 1 && req.strategy != Strategy::kDpor) return Fail("--jobs needs --strategy dpor");
  // Every property gets its own counterexample and the counts are complete;
  // only a single property may stop at its first violation.
  req.explore.stop_at_first_violation = !a.property.empty();
  ProgressLine progress;
  req.explore.progress = [&](const Progress& p) { progress.Show("", ProgressText(p)); };
  absl::StatusOr<CheckReport> report = RunCheck(req);
  progress.Close();
  if (!report.ok()) return Fail(std::string(report.status().message()));
  const std::string text =
      a.format == "json" ? RenderJson(*report) : RenderText(*report, TraceStyleOf(a.trace_style));
  if (DeliverToStdout(text) != 0) return kUsageError;
  // A run cut short by a signal is inconclusive whatever it found.
  return report->interrupted ? kInconclusive : ExitCode(report->verdict);
}

// --- replay.

struct ReplayArgs {
  std::string model, variant, property, token, trace_file, format = "text", trace_style = "auto",
                                                           max_steps = "20000";
  std::vector<std::string> sets;
};

// Reads a trace file ("-": stdin), at most kMaxTraceFileBytes.
absl::StatusOr<std::string> ReadTraceFile(const std::string& path) {
  const bool stdin_ = path == "-";
  std::FILE* in = stdin_ ? stdin : std::fopen(path.c_str(), "rb");
  const std::string name = stdin_ ? "stdin" : "'" + path + "'";
  if (in == nullptr)
    return absl::NotFoundError(absl::StrCat("cannot read ", name, ": ", std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0 && text.size() <= kMaxTraceFileBytes) {
    text.append(buffer, n);
  }
  const int read_errno = std::ferror(in) ? errno : 0;
  if (!stdin_) std::fclose(in);
  if (read_errno != 0)
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", name, ": ", std::strerror(read_errno)));
  if (text.size() > kMaxTraceFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, " is larger than ", kMaxTraceFileBytes >> 20, " MiB: not a lockstep trace file"));
  }
  return text;
}

int RunReplayCommand(const ReplayArgs& a) {
  std::string error;
  const ModelSpec* m = FindModel(a.model, &error);
  if (m == nullptr) return Fail(error);
  if (a.token.empty() == a.trace_file.empty())
    return Fail("replay takes a TOKEN or --trace-file FILE (one of them)");
  ReplayRequest req{m, a.variant, a.sets, a.property, a.token, 20000};
  uint64_t max_steps = 0;
  if (!ParseWhole("--max-steps", a.max_steps, 1, 10000000, &max_steps, &error)) return Fail(error);
  req.max_steps = max_steps;
  if (!a.trace_file.empty()) {
    absl::StatusOr<std::string> text = ReadTraceFile(a.trace_file);
    if (!text.ok()) return Fail(std::string(text.status().message()));
    if (absl::Status s = FillFromJson(*text, &req); !s.ok()) {
      return Fail((a.trace_file == "-" ? "stdin" : a.trace_file) + ": " + std::string(s.message()));
    }
  }
  absl::StatusOr<ReplayResult> result = Replay(req);
  if (!result.ok()) return Fail(std::string(result.status().message()));
  std::string text;
  if (a.format == "json") {
    text = RenderJson(result->report);
  } else if (result->report.violations.empty()) {
    text = absl::StrFormat("model %s, variant %s: %s\n", m->name, result->report.variant, result->outcome);
  } else {
    text = RenderReplayText(result->report, TraceStyleOf(a.trace_style));
  }
  if (DeliverToStdout(text) != 0) return kUsageError;
  return ExitCode(result->report.verdict);
}

// --- compare.

struct CompareArgs {
  std::string model, variants = "all", format = "text", output, jobs = "0";
  std::vector<std::string> sets;
  Limits limits;  // per variant
};

// "a, b,a" -> {a, b}: trimmed, in order, each once.
bool ParseVariantList(const std::string& text, std::vector<std::string>* out, std::string* error) {
  absl::flat_hash_set<std::string> seen;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    const std::string name(absl::StripAsciiWhitespace(part));
    if (name.empty()) {
      *error = "--variants takes a comma-separated list of variant names, or all; '" + text +
               "' has an empty name";
      return false;
    }
    if (seen.insert(name).second) out->push_back(name);
  }
  return true;
}

int RunCompareCommand(const CompareArgs& a) {
  std::string error;
  const ModelSpec* m = FindModel(a.model, &error);
  if (m == nullptr) return Fail(error);
  CompareRequest req;
  req.model = m;
  if (a.variants != "all" && !ParseVariantList(a.variants, &req.variants, &error)) return Fail(error);
  req.overrides = a.sets;
  if (!a.limits.ApplyTo(&req.explore, &error)) return Fail(error);
  uint64_t jobs = 0;
  if (!ParseWhole("--jobs", a.jobs, 0, kMaxJobs, &jobs, &error, "one per core")) return Fail(error);
  req.jobs = static_cast<int>(jobs);
  // Open the output before the run, so that a bad path costs no run.
  std::FILE* out = stdout;
  const bool to_file = !a.output.empty() && a.output != "-";
  if (to_file && (out = std::fopen(a.output.c_str(), "wb")) == nullptr) {
    return Fail(absl::StrCat("cannot write '", a.output, "': ", std::strerror(errno)));
  }
  const auto start = std::chrono::steady_clock::now();
  ProgressLine progress;
  req.progress = [&](const std::string& variant, const Progress& p) {
    progress.Show(variant, absl::StrCat("lockstep: ", variant, ": ", ProgressText(p).substr(10)));
  };
  req.on_done = [&](const CheckReport& r, int done, int total) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (secs > 1) {
      progress.Close();
      std::fprintf(stderr, "lockstep: %d/%d variants, %s %s, %.1f s\n", done, total, r.variant.c_str(),
                   VerdictName(r.verdict), secs);
    }
  };
  absl::StatusOr<CompareReport> report = RunCompare(req);
  progress.Close();
  if (!report.ok()) {
    if (to_file) std::fclose(out), std::remove(a.output.c_str());
    return Fail(std::string(report.status().message()));
  }
  const std::string text = a.format == "json"       ? RenderCompareJson(*report)
                           : a.format == "markdown" ? RenderCompareMarkdown(*report)
                           : a.format == "html"     ? RenderCompareHtml(*report)
                                                    : RenderCompareText(*report);
  const int written = Deliver(text, out, to_file ? "'" + a.output + "'" : "stdout");
  if (to_file && std::fclose(out) != 0 && written == 0) {
    return Fail(absl::StrCat("cannot write the results to '", a.output, "': ", std::strerror(errno)));
  }
  if (written != 0) return kUsageError;
  return report->ExitCode();
}

// How long model code may run without reaching a visible operation:
// $LOCKSTEP_STALL_SECONDS, default 20.
int StallSeconds() {
  int seconds = 0;
  const char* text = std::getenv("LOCKSTEP_STALL_SECONDS");
  return text != nullptr && absl::SimpleAtoi(text, &seconds) && seconds > 0 ? seconds : 20;
}

// An unknown first word is a mistyped subcommand, not a missing one.
int CheckSubcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return 0;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  if (std::find(names.begin(), names.end(), argv[1]) != names.end()) return 0;
  return Fail(absl::StrCat("unknown command '", argv[1], "'", DidYouMean(argv[1], names),
                           " (commands: ", absl::StrJoin(names, ", "), ")"));
}

// --set takes one name=value per occurrence, so that a positional argument
// after it (replay's TOKEN) is not taken as another setting.
CLI::Option* AddSetOption(CLI::App* app, std::vector<std::string>* sets, const std::string& help) {
  return app->add_option("--set", *sets, help)->allow_extra_args(false)->take_all();
}

}  // namespace

static int Main(int argc, char** argv) {
  SetReplayTool(std::filesystem::path(argv[0]).filename().string());
  CLI::App app{"lockstep: an exhaustive interleaving model checker for kernel locking protocols"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lockstep 0.1");
  app.footer(
      "Exit codes: 0 every checked property holds, 1 a property is violated, 2 usage, input or output error, "
      "3 inconclusive (a limit, out of memory, or interrupted by SIGINT/SIGTERM).");

  std::string list_model;
  CLI::App* list = app.add_subcommand("list", "list models, their variants, switches and properties");
  list->add_option("model", list_model, "only this model");

  CheckArgs c;
  CLI::App* check = app.add_subcommand(
      "check",
      "explore every schedule of a model and check its properties (every violated property is "
      "reported, each with its own minimal counterexample)");
  check->add_option("model", c.model, "the model (see: lockstep list)")->required();
  check->add_option("--variant", c.variant, "the variant (default: the model's first)");
  AddSetOption(check, &c.sets, "override a switch: name=value (repeatable)");
  check->add_option("--property", c.property,
                    "check only this property, and stop at its first violation (default: all)");
  check->add_option("--format", c.format, "output format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--strategy", c.strategy, "dpor (default) or brute-force (every interleaving)")
      ->check(CLI::IsMember({"dpor", "brute-force"}));
  c.limits.AddOptions(check);
  check->add_option("--jobs", c.jobs,
                    "threads exploring the model at once (default 1; 0: one per core); the result is the "
                    "same as with 1");
  check
      ->add_option("--trace-style", c.trace_style,
                   "auto (columns if they fit $COLUMNS, default 160), columns, lines")
      ->check(CLI::IsMember({"auto", "columns", "lines"}));

  ReplayArgs r;
  CLI::App* replay = app.add_subcommand(
      "replay",
      "re-run one counterexample from its schedule token and re-check the violation "
      "(exit 1: reproduced, 0: the schedule runs to the end of its execution without it, "
      "3: the schedule ends before its execution does, without it; 2: it does not fit the model)");
  replay->add_option("model", r.model, "the model (see: lockstep list)")->required();
  replay->add_option("token", r.token, "the schedule token a report printed");
  replay->add_option(
      "--trace-file", r.trace_file,
      "take the token, variant, settings and property from JSON that check/replay/compare printed "
      "(- reads stdin)");
  replay->add_option("--variant", r.variant, "the variant (default: the file's, else the model's first)");
  AddSetOption(replay, &r.sets, "override a switch: name=value (repeatable)");
  replay->add_option("--property", r.property, "the property to re-check (default: the file's, else any)");
  replay->add_option("--format", r.format, "output format")->check(CLI::IsMember({"text", "json"}));
  replay->add_option("--trace-style", r.trace_style, "auto, columns, lines")
      ->check(CLI::IsMember({"auto", "columns", "lines"}));
  replay->add_option("--max-steps", r.max_steps, "refuse a schedule of more steps (default 20000)");

  CompareArgs k;
  CLI::App* compare = app.add_subcommand(
      "compare",
      "check every variant against every property, one table (exit 0 all hold, 1 any violated, "
      "3 any inconclusive)");
  compare->add_option("model", k.model, "the model (see: lockstep list)")->required();
  compare->add_option("--variants", k.variants, "comma-separated variants, or all (default)");
  AddSetOption(compare, &k.sets, "override a switch in every variant: name=value (repeatable)");
  compare->add_option("--format", k.format, "output format")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  compare->add_option("--output", k.output, "write to FILE instead of stdout (- is stdout)");
  k.limits.AddOptions(compare);
  compare->add_option("--jobs", k.jobs,
                      "threads: variants checked at once, and inside a variant once fewer are left "
                      "(default 0: the number of cores); the results do not depend on it");

  if (const int bad = CheckSubcommand(app, argc, argv); bad != 0) return bad;
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
  CatchInterrupts();
  StartWatchdog(StallSeconds(), kUsageError);
  if (*replay) return RunReplayCommand(r);
  if (*compare) return RunCompareCommand(k);
  return RunCheckCommand(c);
}

int RunCli(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::bad_alloc&) {
    // Outside a run (a run keeps what it found): nothing to report but this.
    std::fputs("lockstep: out of memory\n", stderr);
    return kInconclusive;
  }
}

}  // namespace lockstep
