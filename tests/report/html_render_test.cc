// The HTML compare report renders in a real browser: headless Chromium takes a
// screenshot of a generated file, and the PNG must be a full-size image that
// is not one blank colour. Skipped only when /usr/bin/chromium is absent (CI
// installs the Debian package "chromium").
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "checker/report/compare.h"
#include "checker/report/compare_render.h"
#include "models/registry.h"

namespace lockstep {
namespace {

namespace fs = std::filesystem;
constexpr char kChromium[] = "/usr/bin/chromium";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

uint32_t BigEndian(const std::string& s, size_t at) {
  return (uint32_t{static_cast<uint8_t>(s[at])} << 24) | (uint32_t{static_cast<uint8_t>(s[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(s[at + 2])} << 8) | uint32_t{static_cast<uint8_t>(s[at + 3])};
}

// Screenshots `html` at 1200x900 and returns the PNG bytes ("" on failure).
std::string Screenshot(const fs::path& dir, const std::string& name, const std::string& html) {
  const fs::path page = dir / (name + ".html"), png = dir / (name + ".png"), profile = dir / (name + "-profile");
  std::ofstream(page) << html;
  const std::string cmd = std::string(kChromium) +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update --disable-sync"
                          " --user-data-dir=" + profile.string() + " --screenshot=" + png.string() +
                          " --window-size=1200,900 file://" + page.string() + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return "";
  return ReadAll(png);
}

TEST(HtmlRender, CompareReportRendersInChromium) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " is not installed (Debian package: chromium)";
  const ModelSpec* m = models::Find("flag-lock");
  ASSERT_NE(m, nullptr);
  CompareRequest req;
  req.model = m;
  absl::StatusOr<CompareReport> report = RunCompare(req);
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string html = RenderCompareHtml(*report);
  ASSERT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // the only URL: the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);

  char dir_template[] = "/tmp/lockstep-html-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const fs::path dir(dir_template);
  const std::string png = Screenshot(dir, "report", html);
  const std::string blank = Screenshot(dir, "blank", "<!DOCTYPE html><html><body style=\"background:#fafbfc\"></body></html>");
  ASSERT_GT(png.size(), 33u) << "no screenshot in " << dir;
  ASSERT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(BigEndian(png, 16), 1200u);  // IHDR width
  EXPECT_EQ(BigEndian(png, 20), 900u);   // IHDR height
  // A single-colour screenshot compresses to a few kilobytes; the report, with
  // its table, text and diagram, to many times more.
  ASSERT_FALSE(blank.empty());
  EXPECT_GT(png.size(), 5 * blank.size()) << "report " << png.size() << " bytes, blank " << blank.size();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lockstep
