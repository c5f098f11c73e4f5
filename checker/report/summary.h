// The one-line story of a counterexample, on top of every report: who did what
// to which object, after which step of which other thread, and what broke.
// Derived from the trace alone, so it works for every model; a property may
// give its own template (PropertySpec::story in model/model.h).
#pragma once

#include <string>

#include "checker/report/trace.h"

namespace lockstep {

// `story` empty: the generic summary. Otherwise its placeholders are filled in
// (see PropertySpec::story); unknown placeholders are left as they are.
std::string Summarize(const Trace& trace, const std::string& story);

}  // namespace lockstep
