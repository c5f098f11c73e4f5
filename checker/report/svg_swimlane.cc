#include "checker/report/svg_swimlane.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "checker/report/happens_before.h"
#include "checker/report/trace_text.h"

namespace lockstep {
namespace {

// Geometry, in pixels. Text is monospace so a width in characters is exact enough.
constexpr int kGutter = 44;      // step numbers
constexpr int kLaneWidth = 270;
constexpr int kLaneGap = 40;     // room for arrows between lanes
constexpr int kHeader = 40;
constexpr int kRow = 58;
constexpr int kBoxHeight = 46;
constexpr int kCharWidth = 7;    // 11.5px monospace
constexpr int kPad = 8;

int LaneX(int lane) { return kGutter + lane * (kLaneWidth + kLaneGap); }
int RowY(int index) { return kHeader + (index - 1) * kRow + 6; }

std::string Fit(std::string_view s, int width_px) {
  const size_t max = static_cast<size_t>(std::max(4, (width_px - 2 * kPad) / kCharWidth));
  if (s.size() <= max) return std::string(s);
  return std::string(s.substr(0, max - 1)) + "\u2026";
}

int LaneCount(const Trace& t) {
  int n = static_cast<int>(t.threads.size());
  for (const TraceStep& s : t.steps) n = std::max(n, s.thread_id + 1);
  return std::max(n, 1);
}

std::string Defs() {
  return "<defs>"
         "<marker id=\"hb\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7a90\"/></marker>"
         "<marker id=\"handoff\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
         "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#d9822b\"/></marker>"
         "</defs>";
}

std::string Lanes(const Trace& t, int lanes, int height) {
  std::string out;
  for (int l = 0; l < lanes; ++l) {
    const int x = LaneX(l);
    const std::string name = l < static_cast<int>(t.threads.size()) ? t.threads[l] : absl::StrCat("thread ", l);
    absl::StrAppend(&out, absl::StrFormat(
        "<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\"/>", x - 6, kLaneWidth + 12, height,
        l % 2 ? "#f4f6fa" : "#eef1f7"));
    absl::StrAppend(&out, absl::StrFormat(
        "<text x=\"%d\" y=\"24\" class=\"lane\" text-anchor=\"middle\">%s</text>", x + kLaneWidth / 2,
        XmlEscape(Fit(name, kLaneWidth))));
  }
  return out;
}

std::string Box(const Trace& t, const TraceStep& s) {
  const int x = LaneX(s.thread_id), y = RowY(s.index);
  const bool bad = s.index == t.violating_step;
  std::string out = absl::StrFormat("<g><title>%s</title>",
                                    XmlEscape(absl::StrCat("step ", s.index, " ", s.thread, ": ", s.function, ": ",
                                                           StepText(s), "  ", StateChange(s), "  (", s.location, ")")));
  absl::StrAppend(&out, absl::StrFormat(
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>", x,
      y, kLaneWidth, kBoxHeight, bad ? "#fde2e1" : "#ffffff", bad ? "#d1242f" : "#9aa6b8", bad ? "2.5" : "1"));
  absl::StrAppend(&out, absl::StrFormat("<text x=\"%d\" y=\"%d\" class=\"op\">%s</text>", x + kPad, y + 18,
                                        XmlEscape(Fit(StepText(s), kLaneWidth))));
  const std::string state = StateChange(s);
  const std::string second = state.empty() ? s.function : absl::StrCat(s.function, " \u00b7 ", state);
  absl::StrAppend(&out, absl::StrFormat("<text x=\"%d\" y=\"%d\" class=\"fn\">%s</text>", x + kPad, y + 36,
                                        XmlEscape(Fit(second, kLaneWidth))));
  absl::StrAppend(&out, absl::StrFormat("<text x=\"%d\" y=\"%d\" class=\"num%s\" text-anchor=\"end\">%d</text></g>",
                                        kGutter - 12, y + 28, bad ? " bad" : "", s.index));
  return out;
}

// An arrow from the side of one box to the facing side of a later box in another lane.
std::string Arrow(const Trace& t, const HbEdge& e) {
  const TraceStep& a = t.steps[e.from - 1];
  const TraceStep& b = t.steps[e.to - 1];
  const bool right = b.thread_id > a.thread_id;
  const int x1 = LaneX(a.thread_id) + (right ? kLaneWidth : 0);
  const int x2 = LaneX(b.thread_id) + (right ? 0 : kLaneWidth);
  const int y1 = RowY(a.index) + kBoxHeight / 2 + 6, y2 = RowY(b.index) + kBoxHeight / 2 - 6;
  const int bend = right ? 30 : -30;
  const bool handoff = e.kind == EdgeKind::kHandOff;
  return absl::StrFormat(
      "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" %s "
      "marker-end=\"url(#%s)\"><title>%s</title></path>",
      x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2, handoff ? "#d9822b" : "#6b7a90", handoff ? "2" : "1.3",
      handoff ? "" : "stroke-dasharray=\"5 3\"", handoff ? "handoff" : "hb",
      XmlEscape(absl::StrCat(handoff ? "hand-off: step " : "happens before: step ", e.from, " \u2192 step ", e.to)));
}

std::string Legend(int y) {
  return absl::StrFormat(
      "<g class=\"legend\" transform=\"translate(%d,%d)\">"
      "<path d=\"M0,0 L36,0\" stroke=\"#6b7a90\" stroke-width=\"1.3\" stroke-dasharray=\"5 3\" marker-end=\"url(#hb)\"/>"
      "<text x=\"44\" y=\"4\">conflicting accesses (happens before)</text>"
      "<path d=\"M290,0 L326,0\" stroke=\"#d9822b\" stroke-width=\"2\" marker-end=\"url(#handoff)\"/>"
      "<text x=\"334\" y=\"4\">lock hand-off / join</text>"
      "<rect x=\"500\" y=\"-8\" width=\"26\" height=\"16\" rx=\"3\" fill=\"#fde2e1\" stroke=\"#d1242f\" stroke-width=\"2\"/>"
      "<text x=\"534\" y=\"4\">violating step</text></g>",
      kGutter, y);
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SwimlaneSvg(const Trace& t) {
  const int lanes = LaneCount(t);
  const int body = kHeader + static_cast<int>(t.steps.size()) * kRow + 8;
  const int width = std::max(LaneX(lanes) - kLaneGap + 12, kGutter + 660);  // room for the legend
  const int height = body + 36;
  std::string out = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
      "role=\"img\" class=\"swimlane\">",
      width, height, width, height);
  absl::StrAppend(&out, "<style>text{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:11.5px;fill:#1f2733}"
                        ".lane{font-family:system-ui,'DejaVu Sans',sans-serif;font-size:14px;font-weight:600}"
                        ".op{font-weight:600}.fn{fill:#5a6578}.num{fill:#8a94a6}.bad{fill:#d1242f;font-weight:700}"
                        ".legend text{font-family:system-ui,'DejaVu Sans',sans-serif;font-size:12px;fill:#5a6578}"
                        "</style>");
  absl::StrAppend(&out, Defs(), Lanes(t, lanes, body));
  // Arrows under the boxes: a long arrow passing a lane hides behind its boxes.
  for (const HbEdge& e : HappensBefore(t)) absl::StrAppend(&out, Arrow(t, e));
  for (const TraceStep& s : t.steps) absl::StrAppend(&out, Box(t, s));
  absl::StrAppend(&out, Legend(body + 20), "</svg>");
  return out;
}

}  // namespace lockstep
