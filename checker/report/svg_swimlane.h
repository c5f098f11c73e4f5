// A trace as an SVG swimlane diagram: one lane (column) per thread, time
// flowing down, one box per step; arrows for happens-before between threads
// (grey: conflicting accesses to one object; orange: a lock hand-off or join);
// the violating step in red. Self-contained: no scripts, no external fonts.
#pragma once

#include <string>
#include <string_view>

#include "checker/report/trace.h"

namespace lockstep {

std::string SwimlaneSvg(const Trace& trace);

// &, <, >, " escaped for HTML and SVG text and attributes.
std::string XmlEscape(std::string_view s);

}  // namespace lockstep
