#include "checker/report/compare_render.h"

namespace lockstep {

std::string RenderCompareHtml(const CompareReport& r) { return RenderCompareText(r); }

}  // namespace lockstep
