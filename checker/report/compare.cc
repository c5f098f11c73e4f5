#include "checker/report/compare.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <system_error>
#include <thread>

#include "absl/strings/str_cat.h"
#include "checker/explore/core_budget.h"
#include "checker/report/suggest.h"

namespace lockstep {

const char* CellName(Cell c) {
  switch (c) {
    case Cell::kHolds: return "holds";
    case Cell::kViolated: return "violated";
    case Cell::kInconclusive: return "inconclusive";
  }
  return "?";
}

const ViolationReport* CompareRow::Violation(const std::string& property) const {
  for (const ViolationReport& v : report.violations) {
    if (v.counterexample.violation.property == property) return &v;
  }
  return nullptr;
}

int CompareReport::ExitCode() const {
  if (interrupted) return 3;
  bool inconclusive = false;
  for (const CompareRow& r : rows) {
    for (Cell c : r.cells) {
      if (c == Cell::kViolated) return 1;
      inconclusive |= c == Cell::kInconclusive;
    }
  }
  return inconclusive ? 3 : 0;
}

namespace {

std::vector<Cell> CellsOf(const CheckReport& r, const std::vector<PropertySpec>& properties) {
  std::vector<Cell> cells;
  for (const PropertySpec& p : properties) {
    bool violated = false;
    for (const ViolationReport& v : r.violations) violated |= v.counterexample.violation.property == p.name;
    cells.push_back(violated ? Cell::kViolated : r.limit.empty() ? Cell::kHolds : Cell::kInconclusive);
  }
  return cells;
}

absl::Status CheckVariantsExist(const ModelSpec& m, const std::vector<std::string>& names,
                                const std::vector<std::string>& overrides) {
  for (const std::string& n : names) {
    if (absl::Status s = CheckNames(m, n, overrides, ""); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// The row of a variant that did not start because the run was interrupted.
CheckReport NotStarted(const ModelSpec& m, const std::string& variant, const std::vector<std::string>& overrides) {
  CheckReport r;
  r.model = m.name;
  r.variant = variant;
  r.overrides = overrides;
  r.verdict = Verdict::kInconclusive;
  r.limit = "interrupted before it started";
  r.interrupted = true;
  return r;
}

}  // namespace

absl::StatusOr<CompareReport> RunCompare(const CompareRequest& req) {
  const ModelSpec& model = *req.model;
  std::vector<std::string> names = req.variants;
  if (names.empty()) {
    for (const VariantSpec& v : model.Variants()) names.push_back(v.name);
  }
  if (absl::Status s = CheckVariantsExist(model, names, req.overrides); !s.ok()) return s;
  // Settle the overrides for every variant before any thread starts (a
  // combination the model refuses fails the run at once, naming the variant).
  for (const std::string& n : names) {
    if (absl::StatusOr<Settings> s = model.Resolve(n, req.overrides); !s.ok()) return s.status();
  }

  CompareReport out;
  out.model = model.name;
  out.properties = model.properties;
  for (const PropertySpec& p : BuiltinProperties()) out.properties.push_back(p);

  std::vector<absl::StatusOr<CheckReport>> results(names.size(), absl::UnknownError("not run"));
  std::atomic<size_t> next{0};
  std::mutex done_mu;
  int done = 0;
  const unsigned cores = req.jobs > 0 ? req.jobs : std::max(1u, std::thread::hardware_concurrency());
  // One core per variant under way; a variant explores on more of them when
  // fewer variants than cores are left.
  CoreBudget budget(static_cast<int>(cores));
  auto worker = [&] {
    if (!budget.TryTake()) return;
    for (size_t i; (i = next.fetch_add(1)) < names.size();) {
      CheckRequest c;
      c.model = &model;
      c.variant = names[i];
      c.overrides = req.overrides;
      c.explore = req.explore;
      c.explore.stop_at_first_violation = false;
      c.explore.progress = nullptr;
      if (req.progress) {
        c.explore.progress = [&, name = names[i]](const Progress& p) {
          std::lock_guard<std::mutex> lock(done_mu);
          req.progress(name, p);
        };
      }
      c.explore.observer = nullptr;
      c.explore.jobs = static_cast<int>(cores);
      c.explore.cores = &budget;
      const bool interrupted = req.explore.interrupt != nullptr && req.explore.interrupt->load() != 0;
      results[i] = interrupted ? NotStarted(model, names[i], req.overrides) : RunCheck(c);
      std::lock_guard<std::mutex> lock(done_mu);
      ++done;
      if (req.on_done && results[i].ok()) req.on_done(*results[i], done, static_cast<int>(names.size()));
    }
    budget.Give();
  };
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  try {
    for (unsigned k = 0; k < std::min<size_t>(cores, names.size()); ++k) pool.emplace_back(worker);
  } catch (const std::system_error&) {
    // No more threads (a memory limit): the ones started do the work.
  }
  if (pool.empty()) worker();
  for (std::thread& t : pool) t.join();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (size_t i = 0; i < names.size(); ++i) {
    if (!results[i].ok()) {
      return absl::Status(results[i].status().code(),
                          absl::StrCat("variant '", names[i], "': ", results[i].status().message()));
    }
    out.interrupted |= results[i]->interrupted;
    CompareRow row;
    row.summary = model.FindVariant(names[i])->summary;
    row.cells = CellsOf(*results[i], out.properties);
    row.report = std::move(*results[i]);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace lockstep
