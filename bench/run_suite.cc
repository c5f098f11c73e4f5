#include "bench/run_suite.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bench/suite.h"

namespace lockstep::bench {
namespace {

constexpr char kUsage[] =
    "usage: lockstep_bench --suite [--smallest] [--repeat N] [--jobs N] [--format text|json|markdown]\n"
    "                              [NAME[:VARIANT][=SIZE] ...]\n"
    "  Runs benchmarks of the classic DPOR suite as `lockstep check` would, each run in a\n"
    "  fresh process, and prints the run with the median exploration time of each.\n"
    "  NAME[=SIZE]          a benchmark at SIZE, or at its reference size (default: all of them)\n"
    "  NAME:VARIANT[=SIZE]  the same in one of its variants (indexer:mutex=13)\n"
    "  --smallest           every benchmark (or each NAME) at its smallest size\n"
    "  --repeat N           runs of each benchmark (default 3)\n"
    "  --jobs N             threads exploring each benchmark (lockstep check --jobs; default 1)\n"
    "exit: 0 all hold with 0 sleep-set-blocked executions, 1 one did not, 2 usage, 3 a run failed\n";

struct Job {
  const Benchmark* benchmark = nullptr;
  std::string variant;
  int64_t size = 0;
  int threads = 1;
};

// What one run sends back to the parent through a pipe (plain data).
struct RunFigures {
  bool ok = false;
  bool holds = false;
  char error[200] = {};
  uint64_t executions = 0;
  uint64_t events = 0;
  uint64_t sleep_set_blocked = 0;
  double explore_seconds = 0;
};

struct Measured {
  RunFigures run;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system time of the run's process
  double peak_rss_mib = 0;
};

void RunChild(const Job& job, int out) {
  RunFigures f;
  auto report = CheckBenchmark(*job.benchmark, job.size, job.variant, job.threads);
  if (!report.ok()) {
    std::snprintf(f.error, sizeof f.error, "%s", std::string(report.status().message()).c_str());
  } else {
    f.ok = true;
    f.holds = report->verdict == Verdict::kHolds;
    f.executions = report->stats.executions;
    f.events = report->stats.events;
    f.sleep_set_blocked = report->stats.sleep_set_blocked;
    f.explore_seconds = report->stats.seconds;
  }
  const ssize_t written = write(out, &f, sizeof f);
  _exit(written == static_cast<ssize_t>(sizeof f) ? 0 : 3);
}

// One run in a forked process: its figures, wall time and peak RSS (wait4).
Measured RunOnce(const Job& job) {
  Measured m;
  int fds[2];
  if (pipe(fds) != 0) {
    std::snprintf(m.run.error, sizeof m.run.error, "pipe: %s", std::strerror(errno));
    return m;
  }
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    RunChild(job, fds[1]);
  }
  close(fds[1]);
  if (child < 0) {
    close(fds[0]);
    std::snprintf(m.run.error, sizeof m.run.error, "fork: %s", std::strerror(errno));
    return m;
  }
  const ssize_t got = read(fds[0], &m.run, sizeof m.run);
  close(fds[0]);
  int status = 0;
  struct rusage usage {};
  wait4(child, &status, 0, &usage);
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.peak_rss_mib = usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
  if (got != static_cast<ssize_t>(sizeof m.run)) {
    m.run = RunFigures{};
    std::snprintf(m.run.error, sizeof m.run.error, "the run died (wait status %d)", status);
  }
  return m;
}

std::string Label(const Job& job) {
  return absl::StrCat(job.benchmark->model.name, job.variant.empty() ? "" : ":", job.variant, "(", job.size,
                      ")");
}

void PrintText(const Job& job, const Measured& m, double rss_median) {
  if (!m.run.ok) {
    std::printf("%-22s error: %s\n", Label(job).c_str(), m.run.error);
    return;
  }
  std::printf("%-22s %-8s %12llu %14llu %6llu %9.3f %9.3f %9.3f %14.0f %8.1f\n", Label(job).c_str(),
              m.run.holds ? "holds" : "NOT", static_cast<unsigned long long>(m.run.executions),
              static_cast<unsigned long long>(m.run.events),
              static_cast<unsigned long long>(m.run.sleep_set_blocked), m.run.explore_seconds, m.wall_seconds,
              m.cpu_seconds, m.run.events / std::max(m.run.explore_seconds, 1e-9), rss_median);
}

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
  return digits;
}

void PrintMarkdown(const Job& job, const Measured& m, double rss_median) {
  if (!m.run.ok) {
    std::printf("| %s | error: %s | | | | | | | |\n", Label(job).c_str(), m.run.error);
    return;
  }
  std::printf("| %s | %s | %s | %s | %llu | %.3f | %.3f | %.3f | %s | %.1f |\n", Label(job).c_str(),
              m.run.holds ? "holds" : "**not**", Thousands(m.run.executions).c_str(),
              Thousands(m.run.events).c_str(), static_cast<unsigned long long>(m.run.sleep_set_blocked),
              m.run.explore_seconds, m.wall_seconds, m.cpu_seconds,
              Thousands(static_cast<uint64_t>(m.run.events / std::max(m.run.explore_seconds, 1e-9))).c_str(),
              rss_median);
}

void PrintJson(const Job& job, const Measured& m, double rss_median, bool first) {
  std::printf("%s\n  {\"benchmark\": \"%s\", \"variant\": \"%s\", \"size\": %lld, ", first ? "" : ",",
              job.benchmark->model.name.c_str(), job.variant.c_str(), static_cast<long long>(job.size));
  if (!m.run.ok) {
    std::string error;
    for (const char* c = m.run.error; *c != '\0'; ++c) {
      if (*c == '"' || *c == '\\') error += '\\';
      error += *c;
    }
    std::printf("\"error\": \"%s\"}", error.c_str());
    return;
  }
  std::printf(
      "\"verdict\": \"%s\", \"executions\": %llu, \"events\": %llu, \"sleep_set_blocked\": %llu, "
      "\"seconds\": %.6f, \"wall_seconds\": %.6f, \"cpu_seconds\": %.6f, \"events_per_second\": %.0f, "
      "\"peak_rss_mib\": %.1f}",
      m.run.holds ? "holds" : "not-holds", static_cast<unsigned long long>(m.run.executions),
      static_cast<unsigned long long>(m.run.events), static_cast<unsigned long long>(m.run.sleep_set_blocked),
      m.run.explore_seconds, m.wall_seconds, m.cpu_seconds,
      m.run.events / std::max(m.run.explore_seconds, 1e-9), rss_median);
}

// NAME[:VARIANT][=SIZE]
bool ParseJob(const std::string& arg, bool smallest, Job* job, std::string* error) {
  const size_t eq = arg.find('=');
  std::string name = arg.substr(0, eq);
  const size_t colon = name.find(':');
  if (colon != std::string::npos) {
    job->variant = name.substr(colon + 1);
    name.resize(colon);
  }
  job->benchmark = FindBenchmark(name);
  if (job->benchmark == nullptr) {
    *error = absl::StrCat("no benchmark '", name, "' (lockstep_bench --suite --help lists them)");
    return false;
  }
  if (!job->variant.empty() && job->benchmark->model.FindVariant(job->variant) == nullptr) {
    *error = absl::StrCat("benchmark '", name, "' has no variant '", job->variant, "'");
    return false;
  }
  job->size = smallest ? job->benchmark->smallest() : job->benchmark->reference_size;
  if (eq == std::string::npos) return true;
  const SwitchSpec& size = *job->benchmark->model.FindSwitch("size");
  if (!absl::SimpleAtoi(arg.substr(eq + 1), &job->size) || job->size < size.min_value ||
      job->size > size.max_value) {
    *error = absl::StrCat("benchmark '", name, "' takes sizes ", size.min_value, "..", size.max_value,
                          ", not '", arg.substr(eq + 1), "'");
    return false;
  }
  return true;
}

void PrintHelp() {
  std::printf("%s\nbenchmarks (size range, reference size):\n", kUsage);
  for (const Benchmark& b : Suite()) {
    const SwitchSpec& size = *b.model.FindSwitch("size");
    std::printf("  %-12s %lld..%lld, %lld  %s\n", b.model.name.c_str(),
                static_cast<long long>(size.min_value), static_cast<long long>(size.max_value),
                static_cast<long long>(b.reference_size), b.model.summary.c_str());
  }
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "lockstep_bench: %s\n", message.c_str());
  return 2;
}

}  // namespace

int RunSuite(const std::vector<std::string>& args) {
  bool smallest = false;
  std::string format = "text";
  int repeat = 3, threads = 1;
  std::vector<std::string> names;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      PrintHelp();
      return 0;
    } else if (a == "--smallest") {
      smallest = true;
    } else if (a == "--repeat" || a == "--format" || a == "--jobs") {
      if (i + 1 == args.size()) return UsageError(a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--format" && v != "text" && v != "json" && v != "markdown") {
        return UsageError("--format takes text, json or markdown");
      }
      if (a == "--format") format = v;
      if (a == "--repeat" && (!absl::SimpleAtoi(v, &repeat) || repeat < 1)) {
        return UsageError("--repeat takes a positive number, not '" + v + "'");
      }
      if (a == "--jobs" && (!absl::SimpleAtoi(v, &threads) || threads < 1 || threads > 1024)) {
        return UsageError("--jobs takes a number from 1 to 1024, not '" + v + "'");
      }
    } else if (a.starts_with("-")) {
      return UsageError("unknown option '" + a + "' (see --suite --help)");
    } else {
      names.push_back(a);
    }
  }
  if (names.empty()) {
    for (const Benchmark& b : Suite()) names.push_back(b.model.name);
  }
  std::vector<Job> jobs;
  for (const std::string& n : names) {
    Job job;
    std::string error;
    if (!ParseJob(n, smallest, &job, &error)) return UsageError(error);
    job.threads = threads;
    jobs.push_back(job);
  }

  const char* legend =
      "median of %d runs (by exploration time), each in its own process; seconds: the exploration;\n"
      "wall and cpu: the whole process; ssb: sleep-set-blocked executions; events/s: events / seconds\n";
  if (format == "json") {
    std::printf("[");
  } else if (format == "markdown") {
    std::printf(legend, repeat);
    std::printf(
        "\n| benchmark | verdict | executions | events | ssb | seconds | wall | cpu | events/s | peak RSS "
        "MiB |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  } else {
    std::printf(legend, repeat);
    std::printf("%-22s %-8s %12s %14s %6s %9s %9s %9s %14s %8s\n", "benchmark", "verdict", "executions",
                "events", "ssb", "seconds", "wall", "cpu", "events/s", "RSS MiB");
  }
  int exit_code = 0;
  for (size_t j = 0; j < jobs.size(); ++j) {
    std::fprintf(stderr, "running %s\n", Label(jobs[j]).c_str());
    std::vector<Measured> runs;
    for (int r = 0; r < repeat; ++r) runs.push_back(RunOnce(jobs[j]));
    std::vector<double> rss;
    for (const Measured& m : runs) rss.push_back(m.peak_rss_mib);
    std::sort(rss.begin(), rss.end());
    std::sort(runs.begin(), runs.end(), [](const Measured& a, const Measured& b) {
      return a.run.explore_seconds < b.run.explore_seconds;
    });
    const Measured& median = runs[runs.size() / 2];
    if (format == "json") {
      PrintJson(jobs[j], median, rss[rss.size() / 2], j == 0);
    } else if (format == "markdown") {
      PrintMarkdown(jobs[j], median, rss[rss.size() / 2]);
    } else {
      PrintText(jobs[j], median, rss[rss.size() / 2]);
    }
    if (!median.run.ok) {
      exit_code = 3;
    } else if ((!median.run.holds || median.run.sleep_set_blocked != 0) && exit_code == 0) {
      exit_code = 1;
    }
  }
  if (format == "json") std::printf("\n]\n");
  return exit_code;
}

}  // namespace lockstep::bench
