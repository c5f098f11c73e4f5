#include "checker/report/compare_render.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "checker/report/render.h"

namespace lockstep {
namespace {

std::string Seconds(double s) { return absl::StrFormat("%.3f s", s); }

// The rows of the table as text cells: header first.
std::vector<std::vector<std::string>> Table(const CompareReport& r) {
  std::vector<std::string> header{"variant"};
  for (const PropertySpec& p : r.properties) header.push_back(p.name);
  header.push_back("executions");
  header.push_back("time");
  std::vector<std::vector<std::string>> table{header};
  for (const CompareRow& row : r.rows) {
    std::vector<std::string> line{row.report.variant};
    for (size_t c = 0; c < r.properties.size(); ++c) line.push_back(CellText(row, c, r));
    line.push_back(absl::StrCat(row.report.stats.executions));
    line.push_back(Seconds(row.report.stats.seconds));
    table.push_back(std::move(line));
  }
  return table;
}

std::string Counterexamples(const CompareReport& r, bool markdown) {
  std::string out;
  for (const CompareRow& row : r.rows) {
    for (const ViolationReport& v : row.report.violations) {
      const std::string replay = ReplayCommand(row.report, v);
      absl::StrAppend(&out, markdown ? "- **" : "  ", row.report.variant, " / ", v.counterexample.violation.property,
                      markdown ? "**: " : ": ", v.trace.summary, "\n", markdown ? "  `" : "    replay: ", replay,
                      markdown ? "`\n" : "\n");
    }
  }
  return out;
}

// Why each inconclusive variant is inconclusive.
std::string Limits(const CompareReport& r, bool markdown) {
  std::string out;
  for (const CompareRow& row : r.rows) {
    if (row.report.limit.empty()) continue;
    absl::StrAppend(&out, markdown ? "- **" : "  ", row.report.variant, markdown ? "**: " : ": ", row.report.limit, "\n");
  }
  return out;
}

std::string Header(const CompareReport& r) {
  return absl::StrCat("model ", r.model, ": ", r.rows.size(), " variants x ", r.properties.size(), " properties, ",
                      Seconds(r.seconds), " wall clock");
}

}  // namespace

std::string CellText(const CompareRow& row, size_t column, const CompareReport& r) {
  const Cell c = row.cells[column];
  if (c != Cell::kViolated) return CellName(c);
  const ViolationReport* v = row.Violation(r.properties[column].name);
  return absl::StrCat("violated (", v ? v->counterexample.preemptions : 0, ")");
}

std::string RenderCompareText(const CompareReport& r) {
  const auto table = Table(r);
  std::vector<size_t> width(table.front().size(), 0);
  for (const auto& line : table) {
    for (size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  }
  std::string out = Header(r) + "\n\n";
  for (const auto& line : table) {
    std::string row;
    for (size_t i = 0; i < line.size(); ++i) {
      const bool right = i + 2 >= line.size();  // numbers
      absl::StrAppend(&row, absl::StrFormat(right ? "%*s  " : "%-*s  ", static_cast<int>(width[i]), line[i]));
    }
    while (!row.empty() && row.back() == ' ') row.pop_back();
    absl::StrAppend(&out, row, "\n");
  }
  absl::StrAppend(&out, "\nviolated (n): n preemptions in the counterexample; inconclusive: a limit was hit\n");
  if (const std::string limits = Limits(r, false); !limits.empty()) absl::StrAppend(&out, "\nlimits:\n", limits);
  const std::string ces = Counterexamples(r, false);
  if (!ces.empty()) absl::StrAppend(&out, "\ncounterexamples:\n", ces);
  return out;
}

std::string RenderCompareMarkdown(const CompareReport& r) {
  const auto table = Table(r);
  std::string out = absl::StrCat("**", Header(r), "**\n\n");
  for (size_t l = 0; l < table.size(); ++l) {
    std::vector<std::string> cells = table[l];
    if (l > 0) {
      for (std::string& c : cells) {
        if (c.starts_with("violated")) c = absl::StrCat("**", c, "**");
      }
    }
    absl::StrAppend(&out, "| ", absl::StrJoin(cells, " | "), " |\n");
    if (l == 0) {
      std::vector<std::string> rule(cells.size(), "---");
      rule[rule.size() - 1] = rule[rule.size() - 2] = "---:";
      absl::StrAppend(&out, "|", absl::StrJoin(rule, "|"), "|\n");
    }
  }
  absl::StrAppend(&out, "\n*violated (n)*: n preemptions in the counterexample.\n");
  if (const std::string limits = Limits(r, true); !limits.empty()) absl::StrAppend(&out, "\nLimits:\n\n", limits);
  const std::string ces = Counterexamples(r, true);
  if (!ces.empty()) absl::StrAppend(&out, "\nCounterexamples:\n\n", ces);
  return out;
}

std::string RenderCompareJson(const CompareReport& r) {
  std::vector<std::string> properties;
  const size_t own = r.properties.size() - BuiltinProperties().size();
  for (size_t i = 0; i < r.properties.size(); ++i) {
    properties.push_back(absl::StrCat("{\"name\":", JsonString(r.properties[i].name),
                                      ",\"meaning\":", JsonString(r.properties[i].meaning),
                                      ",\"builtin\":", i >= own ? "true" : "false", "}"));
  }
  std::vector<std::string> rows;
  for (const CompareRow& row : r.rows) {
    std::vector<std::string> cells, violations;
    for (size_t c = 0; c < r.properties.size(); ++c) {
      const ViolationReport* v = row.Violation(r.properties[c].name);
      cells.push_back(absl::StrCat(JsonString(r.properties[c].name), ":{\"verdict\":", JsonString(CellName(row.cells[c])),
                                   v ? absl::StrCat(",\"preemptions\":", v->counterexample.preemptions) : "", "}"));
    }
    for (const ViolationReport& v : row.report.violations) violations.push_back(ViolationJson(v));
    rows.push_back(absl::StrCat(
        "{\"variant\":", JsonString(row.report.variant), ",\"summary\":", JsonString(row.summary),
        ",\"settings\":", SettingsJson(row.report.settings), ",\"verdict\":", JsonString(VerdictName(row.report.verdict)),
        ",\"limit\":", JsonString(row.report.limit), ",\"stats\":", StatsJson(row.report.stats, row.report.parallel), ",\"cells\":{",
        absl::StrJoin(cells, ","), "},\"violations\":[", absl::StrJoin(violations, ","), "]}"));
  }
  return absl::StrCat("{\"schema\":\"lockstep-compare-1\",\"model\":", JsonString(r.model), ",\"properties\":[",
                      absl::StrJoin(properties, ","), "],\"seconds\":", absl::StrFormat("%.6f", r.seconds),
                      ",\"exit_code\":", r.ExitCode(), ",\"variants\":[", absl::StrJoin(rows, ","), "]}\n");
}

}  // namespace lockstep
