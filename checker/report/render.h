// Rendering check reports for people (text) and tools (json).
#pragma once

#include <string>

#include "checker/report/check.h"
#include "checker/report/trace_text.h"

namespace lockstep {

std::string RenderText(const CheckReport& report, const TraceTextOptions& options = {});
// A replayed counterexample: its traces without exploration statistics.
std::string RenderReplayText(const CheckReport& report, const TraceTextOptions& options = {});
// `word` as one shell word: unchanged if it is safe, else single-quoted.
std::string ShellQuote(std::string_view word);
// The command line that replays one counterexample of the report. It starts
// with the binary that has the model: "lockstep" unless SetReplayTool() said
// otherwise (RunCli sets its own name, so a lockstep_add_model() binary prints itself).
std::string ReplayCommand(const CheckReport& report, const ViolationReport& violation);
void SetReplayTool(std::string tool);
std::string RenderJson(const CheckReport& report);

// A JSON string literal with escapes.
std::string JsonString(std::string_view s);
// Pieces of the JSON output that compare reuses (docs/json-schema.md).
std::string ViolationJson(const ViolationReport& violation);
std::string SettingsJson(const std::vector<std::pair<std::string, std::string>>& settings);
std::string StatsJson(const ExploreStats& stats, const ExploreResult::Parallel& parallel);

}  // namespace lockstep
