// The compare report as one self-contained HTML page: the table, then for each
// violation its summary, replay command and swimlane diagram. No scripts, no
// network, no external fonts: it must open the same from a CI artifact.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "checker/report/compare_render.h"
#include "checker/report/render.h"
#include "checker/report/svg_swimlane.h"
#include "checker/report/trace_text.h"

namespace lockstep {
namespace {

constexpr char kStyle[] = R"(
body{font-family:system-ui,'DejaVu Sans',sans-serif;color:#1f2733;background:#fafbfc;margin:24px 32px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 6px}
.sub{color:#5a6578;margin:0 0 18px}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.08)}
th,td{border:1px solid #dde2ea;padding:7px 12px;text-align:center;font-size:14px}
th{background:#eef1f7;font-weight:600}td.v{text-align:left;font-weight:600}
td.v small{display:block;font-weight:400;color:#5a6578;max-width:320px}
td.num{text-align:right;font-variant-numeric:tabular-nums;color:#3b4556}
.holds{background:#e3f5e8;color:#1a7f37}.violated{background:#fde2e1;color:#b42318;font-weight:600}
.inconclusive{background:#fff4d6;color:#9a6700}
td a{color:inherit}
.summary{background:#fff;border-left:4px solid #d1242f;padding:8px 12px;margin:6px 0;max-width:1100px}
code{background:#eef1f7;padding:2px 6px;border-radius:4px;font-size:13px}
.diagram{overflow-x:auto;margin-top:10px}
)";

std::string Anchor(const CompareRow& row, const std::string& property) {
  return absl::StrCat("cx-", row.report.variant, "-", property);
}

std::string TableHtml(const CompareReport& r) {
  std::string out = "<table><tr><th>variant</th>";
  for (const PropertySpec& p : r.properties) {
    absl::StrAppend(&out, "<th title=\"", XmlEscape(p.meaning), "\">", XmlEscape(p.name), "</th>");
  }
  absl::StrAppend(&out, "<th>executions</th><th>time</th></tr>\n");
  for (const CompareRow& row : r.rows) {
    absl::StrAppend(&out, "<tr><td class=\"v\">", XmlEscape(row.report.variant), "<small>", XmlEscape(row.summary),
                    "</small></td>");
    for (size_t c = 0; c < r.properties.size(); ++c) {
      const std::string text = XmlEscape(CellText(row, c, r));
      const bool violated = row.cells[c] == Cell::kViolated;
      // An inconclusive cell says which limit, on hover.
      const std::string why = row.cells[c] == Cell::kInconclusive ? XmlEscape(row.report.limit) : "";
      absl::StrAppend(&out, "<td class=\"", CellName(row.cells[c]), "\"", why.empty() ? "" : " title=\"" + why + "\"", ">",
                      violated ? absl::StrCat("<a href=\"#", XmlEscape(Anchor(row, r.properties[c].name)), "\">",
                                              text, "</a>")
                               : text,
                      "</td>");
    }
    absl::StrAppend(&out, absl::StrFormat("<td class=\"num\">%d</td><td class=\"num\">%.3f s</td></tr>\n",
                                          row.report.stats.executions, row.report.stats.seconds));
  }
  absl::StrAppend(&out, "</table>\n");
  std::string limits;
  for (const CompareRow& row : r.rows) {
    if (!row.report.limit.empty()) {
      absl::StrAppend(&limits, "<li>", XmlEscape(row.report.variant), ": ", XmlEscape(row.report.limit), "</li>");
    }
  }
  if (!limits.empty()) absl::StrAppend(&out, "<p>Inconclusive because:</p><ul>", limits, "</ul>\n");
  return out;
}

std::string ViolationHtml(const CompareRow& row, const ViolationReport& v) {
  const Violation& x = v.counterexample.violation;
  return absl::StrCat(
      "<h2 id=\"", XmlEscape(Anchor(row, x.property)), "\">", XmlEscape(row.report.variant), ": ",
      XmlEscape(x.property), " violated</h2>\n<div class=\"summary\">", XmlEscape(v.trace.summary), "</div>\n<p>",
      v.trace.steps.size(), " steps, ", v.counterexample.preemptions, " preemption",
      v.counterexample.preemptions == 1 ? "" : "s", "; violated after step ", v.trace.violating_step, ": ",
      XmlEscape(x.message), "<br>replay: <code>", XmlEscape(ReplayCommand(row.report, v)),
      "</code></p>\n<div class=\"diagram\">", SwimlaneSvg(v.trace), "</div>\n");
}

}  // namespace

std::string RenderCompareHtml(const CompareReport& r) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>lockstep compare ",
      XmlEscape(r.model), "</title><style>", kStyle, "</style></head><body>\n<h1>lockstep compare: ",
      XmlEscape(r.model), "</h1>\n<p class=\"sub\">", r.rows.size(), " variants \u00d7 ", r.properties.size(),
      " properties, ", absl::StrFormat("%.3f", r.seconds),
      " s wall clock. <em>violated (n)</em>: the counterexample has n preemptions.</p>\n", TableHtml(r));
  for (const CompareRow& row : r.rows) {
    for (const ViolationReport& v : row.report.violations) absl::StrAppend(&out, ViolationHtml(row, v));
  }
  return out + "</body></html>\n";
}

}  // namespace lockstep
