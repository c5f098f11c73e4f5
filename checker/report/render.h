// Rendering check reports for people (text) and tools (json).
#pragma once

#include <string>

#include "checker/report/check.h"

namespace lockstep {

std::string RenderText(const CheckReport& report);
std::string RenderJson(const CheckReport& report);

// A JSON string literal with escapes.
std::string JsonString(std::string_view s);

}  // namespace lockstep
