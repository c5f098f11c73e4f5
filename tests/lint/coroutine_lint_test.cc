// Rejects a pattern GCC 12 miscompiles: a co_await in the condition of an
// if/while/switch whose body (or else branch) also contains co_await or
// co_return, e.g.
//     if (co_await f()) co_return 1;
//     if (co_await f()) co_await g();
//     switch (co_await f()) { case 1: co_await g(); }
// The coroutine then skips the awaited code or runs on a corrupt frame (no
// error, wrong results or a crash). Measured on g++ 12.2 at -O0..-O3; a few
// such statements happen to compile correctly, so this rule is conservative.
// Bind the awaited value to a local first:
//     const bool ok = co_await f();
//     if (ok) co_return 1;
// See checker/runtime/task.h. This test scans every C++ file of the tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Blanks out comments and string/char literals, keeping line structure.
std::string StripCommentsAndStrings(const std::string& s) {
  std::string out = s;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "//") == 0) {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
    } else if (out.compare(i, 2, "/*") == 0) {
      while (i + 1 < out.size() && out.compare(i, 2, "*/") != 0) {
        if (out[i] != '\n') out[i] = ' ';
        ++i;
      }
      if (i + 1 < out.size()) out[i] = out[i + 1] = ' ';
    } else if (out[i] == '"' || out[i] == '\'') {
      const char quote = out[i++];
      while (i < out.size() && out[i] != quote) {
        if (out[i] == '\\') out[i++] = ' ';
        if (i < out.size() && out[i] != '\n') out[i] = ' ';
        ++i;
      }
    }
  }
  return out;
}

size_t SkipSpace(const std::string& s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// End (exclusive) of the balanced group opening at s[i].
size_t MatchGroup(const std::string& s, size_t i, char open, char close) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == open) ++depth;
    if (s[i] == close && --depth == 0) return i + 1;
  }
  return s.size();
}

// End of the statement starting at s[i]: a block, or up to its ';'.
size_t StatementEnd(const std::string& s, size_t i) {
  i = SkipSpace(s, i);
  if (i < s.size() && s[i] == '{') return MatchGroup(s, i, '{', '}');
  if (s.compare(i, 2, "if") == 0 || s.compare(i, 5, "while") == 0) {
    const size_t paren = s.find('(', i);
    if (paren == std::string::npos) return s.size();
    return StatementEnd(s, MatchGroup(s, paren, '(', ')'));
  }
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '(' || s[i] == '{') ++depth;
    if (s[i] == ')' || s[i] == '}') --depth;
    if (s[i] == ';' && depth <= 0) return i + 1;
  }
  return s.size();
}

bool IsWordAt(const std::string& s, size_t i, const std::string& word) {
  if (s.compare(i, word.size(), word) != 0) return false;
  const bool left = i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_');
  const size_t j = i + word.size();
  const bool right = j >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_');
  return left && right;
}

// Line numbers of the offending if/while statements in `code`.
std::vector<int> FindMiscompiledPattern(const std::string& raw) {
  const std::string s = StripCommentsAndStrings(raw);
  std::vector<int> lines;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t keyword = 0;
    for (const char* k : {"if", "while", "switch"}) {
      if (IsWordAt(s, i, k)) keyword = std::char_traits<char>::length(k);
    }
    if (keyword == 0) continue;
    const size_t paren = SkipSpace(s, i + keyword);
    if (paren >= s.size() || s[paren] != '(') continue;
    const size_t cond_end = MatchGroup(s, paren, '(', ')');
    if (s.substr(paren, cond_end - paren).find("co_await") == std::string::npos) continue;
    size_t end = StatementEnd(s, cond_end);
    const size_t after = SkipSpace(s, end);
    if (IsWordAt(s, after, "else")) end = StatementEnd(s, after + 4);
    const std::string body = s.substr(cond_end, end - cond_end);
    if (body.find("co_return") != std::string::npos || body.find("co_await") != std::string::npos) {
      lines.push_back(static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(i), '\n')) + 1);
    }
  }
  return lines;
}

TEST(CoroutineLint, FindsThePattern) {
  EXPECT_EQ(FindMiscompiledPattern("if (co_await f()) co_return 1;").size(), 1u);
  EXPECT_EQ(FindMiscompiledPattern("while (!co_await f()) { x(); co_return; }").size(), 1u);
  EXPECT_EQ(FindMiscompiledPattern("if (co_await f()) { a(); } else { co_return 2; }").size(), 1u);
  EXPECT_EQ(FindMiscompiledPattern("\n\nif (a &&\n co_await f()) co_return;").front(), 3);
  EXPECT_EQ(FindMiscompiledPattern("if (co_await f()) co_await g();").size(), 1u);
  EXPECT_EQ(FindMiscompiledPattern("switch (co_await f()) { case 1: co_await g(); }").size(), 1u);
}

TEST(CoroutineLint, AcceptsTheSafeForms) {
  EXPECT_TRUE(FindMiscompiledPattern("const bool ok = co_await f(); if (ok) co_return 1;").empty());
  EXPECT_TRUE(FindMiscompiledPattern("if (co_await f()) x = 1; co_return x;").empty());
  EXPECT_TRUE(FindMiscompiledPattern("if (ok) co_await g(); if (co_await f()) x = 1;").empty());
  EXPECT_TRUE(FindMiscompiledPattern("// if (co_await f()) co_return 1;").empty());
  EXPECT_TRUE(FindMiscompiledPattern("verify(\"if (co_await f()) co_return\");").empty());
}

TEST(CoroutineLint, TheTreeHasNoMiscompiledPattern) {
  const std::filesystem::path root = LOCKSTEP_SOURCE_DIR;
  std::vector<std::string> found;
  for (const char* dir : {"checker", "models", "properties", "examples", "bench", "cli", "tests"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cc" && ext != ".h") continue;
      if (entry.path().filename() == "coroutine_lint_test.cc") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      for (int line : FindMiscompiledPattern(text.str())) {
        found.push_back(std::filesystem::relative(entry.path(), root).string() + ":" + std::to_string(line));
      }
    }
  }
  EXPECT_TRUE(found.empty()) << "GCC 12 miscompiles `if/while/switch (co_await ...)` with co_await or co_return in its body; "
                                "bind the awaited value to a local first. At:\n  "
                             << ::testing::PrintToString(found);
}

}  // namespace
