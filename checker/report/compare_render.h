// Rendering a compare report: a table with variants as rows and properties as
// columns, for terminals (text), pull requests (markdown), tools (json) and
// browsers (html: html_report.cc, with a swimlane picture per violation).
#pragma once

#include <string>

#include "checker/report/compare.h"

namespace lockstep {

std::string RenderCompareText(const CompareReport& report);
std::string RenderCompareMarkdown(const CompareReport& report);
std::string RenderCompareJson(const CompareReport& report);
std::string RenderCompareHtml(const CompareReport& report);

// "holds", "violated (2)" (preemptions of the counterexample), "inconclusive".
std::string CellText(const CompareRow& row, size_t column, const CompareReport& report);

}  // namespace lockstep
