#include "checker/report/trace_text.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace lockstep {
namespace {

constexpr std::string_view kMark = "=>";  // the violating step
constexpr size_t kGap = 2;

std::string Pad(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string StepNumber(const Trace& t, const TraceStep& s) {
  return absl::StrFormat("%2s %3d", s.index == t.violating_step ? kMark : "", s.index);
}

std::string Cell(const TraceStep& s) { return absl::StrCat(s.function, ": ", StepText(s)); }

struct Layout {
  std::vector<size_t> thread_width;
  size_t state_width = 5;
  size_t at_width = 2;
  size_t Total() const {
    size_t w = 6 + kGap + state_width + kGap + at_width;
    for (size_t x : thread_width) w += x + kGap;
    return w;
  }
};

Layout LayoutOf(const Trace& t) {
  Layout l;
  for (const std::string& name : t.threads) l.thread_width.push_back(name.size());
  for (const TraceStep& s : t.steps) {
    if (static_cast<size_t>(s.thread_id) >= l.thread_width.size()) l.thread_width.resize(s.thread_id + 1, 0);
    l.thread_width[s.thread_id] = std::max(l.thread_width[s.thread_id], Cell(s).size());
    l.state_width = std::max(l.state_width, StateChange(s).size());
    l.at_width = std::max(l.at_width, s.location.size());
  }
  return l;
}

std::string Row(const Layout& l, const std::string& number, const std::vector<std::string>& cells,
                const std::string& state, const std::string& at) {
  std::string row = Pad(number, 6 + kGap);
  for (size_t i = 0; i < l.thread_width.size(); ++i) {
    absl::StrAppend(&row, Pad(i < cells.size() ? cells[i] : "", l.thread_width[i] + kGap));
  }
  absl::StrAppend(&row, Pad(state, l.state_width + kGap), at);
  while (!row.empty() && row.back() == ' ') row.pop_back();
  return row + "\n";
}

}  // namespace

std::string StepText(const TraceStep& s) {
  std::string text = s.object.empty() ? s.operation : absl::StrCat(s.object, ".", s.operation);
  if (!s.result.empty()) absl::StrAppend(&text, " -> ", s.result);
  return text;
}

std::string StateChange(const TraceStep& s) {
  if (s.object.empty()) return "";
  if (s.before == s.after) return absl::StrCat(s.object, ": ", s.after);
  return absl::StrCat(s.object, ": ", s.before, " -> ", s.after);
}

std::string RenderTraceColumns(const Trace& t) {
  const Layout l = LayoutOf(t);
  std::vector<std::string> names(t.threads.begin(), t.threads.end());
  names.resize(l.thread_width.size());
  std::string out = Row(l, "  step", names, "state", "at");
  std::vector<std::string> rules;
  for (size_t w : l.thread_width) rules.push_back(std::string(w, '-'));
  absl::StrAppend(&out, Row(l, "  ----", rules, std::string(l.state_width, '-'), std::string(l.at_width, '-')));
  for (const TraceStep& s : t.steps) {
    std::vector<std::string> cells(l.thread_width.size());
    cells[s.thread_id] = Cell(s);
    absl::StrAppend(&out, Row(l, StepNumber(t, s), cells, StateChange(s), s.location));
  }
  return out;
}

std::string RenderTraceLines(const Trace& t) {
  size_t width = 6;
  for (const TraceStep& s : t.steps) width = std::max(width, s.thread.size());
  std::string out;
  for (const TraceStep& s : t.steps) {
    std::string line = absl::StrFormat("%s  %-*s  %s", StepNumber(t, s), static_cast<int>(width), s.thread,
                                       StepText(s));
    if (!s.object.empty() && s.before != s.after) absl::StrAppend(&line, "   [", s.before, " -> ", s.after, "]");
    absl::StrAppend(&line, "   ", s.function, " (", s.location, ")");
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

std::string RenderTraceSteps(const Trace& t, const TraceTextOptions& o) {
  switch (o.style) {
    case TraceStyle::kColumns: return RenderTraceColumns(t);
    case TraceStyle::kLines: return RenderTraceLines(t);
    case TraceStyle::kAuto: break;
  }
  return LayoutOf(t).Total() <= static_cast<size_t>(o.width) ? RenderTraceColumns(t) : RenderTraceLines(t);
}

}  // namespace lockstep
