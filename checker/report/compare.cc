#include "checker/report/compare.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"

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

absl::Status CheckVariantsExist(const ModelSpec& m, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (m.FindVariant(n) == nullptr) return m.Resolve(n, {}).status();  // the usual "no variant" message
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CompareReport> RunCompare(const CompareRequest& req) {
  const ModelSpec& model = *req.model;
  std::vector<std::string> names = req.variants;
  if (names.empty()) {
    for (const VariantSpec& v : model.Variants()) names.push_back(v.name);
  }
  if (absl::Status s = CheckVariantsExist(model, names); !s.ok()) return s;
  // Settle the overrides once, before any thread starts.
  if (absl::StatusOr<Settings> s = model.Resolve(names.front(), req.overrides); !s.ok()) return s.status();

  CompareReport out;
  out.model = model.name;
  out.properties = model.properties;
  for (const PropertySpec& p : BuiltinProperties()) out.properties.push_back(p);

  std::vector<absl::StatusOr<CheckReport>> results(names.size(), absl::UnknownError("not run"));
  std::atomic<size_t> next{0};
  std::mutex done_mu;
  int done = 0;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < names.size();) {
      CheckRequest c;
      c.model = &model;
      c.variant = names[i];
      c.overrides = req.overrides;
      c.explore = req.explore;
      c.explore.stop_at_first_violation = false;
      c.explore.progress = nullptr;
      c.explore.observer = nullptr;
      results[i] = RunCheck(c);
      std::lock_guard<std::mutex> lock(done_mu);
      ++done;
      if (req.on_done && results[i].ok()) req.on_done(*results[i], done, static_cast<int>(names.size()));
    }
  };
  const unsigned cores = req.jobs > 0 ? req.jobs : std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < std::min<size_t>(cores, names.size()); ++k) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (size_t i = 0; i < names.size(); ++i) {
    if (!results[i].ok()) {
      return absl::Status(results[i].status().code(),
                          absl::StrCat("variant '", names[i], "': ", results[i].status().message()));
    }
    CompareRow row;
    row.summary = model.FindVariant(names[i])->summary;
    row.cells = CellsOf(*results[i], out.properties);
    row.report = std::move(*results[i]);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace lockstep
