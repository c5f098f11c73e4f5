// The JSON that check, replay and compare print matches docs/json-schema.md:
// this test reads the tables of that file as the schema, so the document and
// the output cannot drift apart.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "checker/report/check.h"
#include "checker/report/compare.h"
#include "checker/report/compare_render.h"
#include "checker/report/json_value.h"
#include "checker/report/render.h"
#include "checker/report/replay.h"
#include "models/registry.h"

namespace lockstep {
namespace {

struct Key {
  std::string type;
  bool optional = false;
};
using Table = std::map<std::string, Key>;
using Schema = std::map<std::string, Table>;

// "## name" starts a table; rows are "| `key` | type | meaning |".
Schema ReadSchema() {
  std::ifstream in(LOCKSTEP_SOURCE_DIR "/docs/json-schema.md");
  Schema schema;
  std::string line, table;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, "## ")) table = line.substr(3);
    if (table.empty() || !absl::StartsWith(line, "| `")) continue;
    std::vector<std::string> cols = absl::StrSplit(line, '|');
    if (cols.size() < 4) continue;
    const std::string key(absl::StripPrefix(absl::StripSuffix(absl::StripAsciiWhitespace(cols[1]), "`"), "`"));
    schema[table][key] = Key{std::string(absl::StripAsciiWhitespace(cols[2])),
                             absl::StartsWith(absl::StripAsciiWhitespace(cols[3]), "*optional*")};
  }
  return schema;
}

void Validate(const Schema& schema, const JsonValue& v, const std::string& type, const std::string& path);

void ValidateObject(const Schema& schema, const JsonValue& v, const Table& table, const std::string& path) {
  ASSERT_TRUE(v.is(JsonValue::Type::kObject)) << path << " is not an object";
  for (const auto& [key, spec] : table) {
    const JsonValue* member = v.Find(key);
    if (member == nullptr) {
      EXPECT_TRUE(spec.optional) << path << "." << key << " is missing";
      continue;
    }
    Validate(schema, *member, spec.type, path + "." + key);
  }
  for (const auto& [key, member] : v.members()) {
    EXPECT_TRUE(table.contains(key)) << path << "." << key << " is not in docs/json-schema.md";
  }
}

void Validate(const Schema& schema, const JsonValue& v, const std::string& type, const std::string& path) {
  using T = JsonValue::Type;
  if (absl::StartsWith(type, "array of ")) {
    ASSERT_TRUE(v.is(T::kArray)) << path << " is not an array";
    for (size_t i = 0; i < v.array().size(); ++i) {
      Validate(schema, v.array()[i], type.substr(9), path + "[" + std::to_string(i) + "]");
    }
  } else if (absl::StartsWith(type, "map of ")) {
    ASSERT_TRUE(v.is(T::kObject)) << path << " is not an object";
    for (const auto& [k, m] : v.members()) Validate(schema, m, type.substr(7), path + "." + k);
  } else if (type == "string") {
    EXPECT_TRUE(v.is(T::kString)) << path << " is not a string";
  } else if (type == "integer") {
    EXPECT_TRUE(v.is(T::kNumber) && std::floor(v.number()) == v.number()) << path << " is not an integer";
  } else if (type == "number") {
    EXPECT_TRUE(v.is(T::kNumber)) << path << " is not a number";
  } else if (type == "boolean") {
    EXPECT_TRUE(v.is(T::kBool)) << path << " is not a boolean";
  } else {
    auto table = schema.find(type);
    ASSERT_NE(table, schema.end()) << "docs/json-schema.md: unknown type '" << type << "' at " << path;
    ValidateObject(schema, v, table->second, path);
  }
}

void ExpectMatches(const std::string& json, const std::string& type) {
  absl::StatusOr<JsonValue> v = ParseJson(json);
  ASSERT_TRUE(v.ok()) << v.status();
  Validate(ReadSchema(), *v, type, type);
}

CheckReport Check(const std::string& model, const std::string& variant) {
  CheckRequest req;
  req.model = models::Find(model);
  req.variant = variant;
  absl::StatusOr<CheckReport> r = RunCheck(req);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : CheckReport{};
}

TEST(JsonSchema, TheDocumentHasEveryTable) {
  const Schema s = ReadSchema();
  for (const char* t : {"check", "stats", "violation", "step", "compare", "property", "variant", "cell"}) {
    EXPECT_TRUE(s.contains(t)) << t;
  }
}

TEST(JsonSchema, CheckOutputMatches) {
  for (const auto& [model, variant] : std::vector<std::pair<std::string, std::string>>{
           {"flag-lock", "check-then-set"}, {"flag-lock", "exchange"}, {"counter", "racy"}}) {
    SCOPED_TRACE(model + "/" + variant);
    ExpectMatches(RenderJson(Check(model, variant)), "check");
  }
}

TEST(JsonSchema, ViolationOutputIsATraceDocument) {
  const CheckReport r = Check("flag-lock", "check-then-set");
  ASSERT_FALSE(r.violations.empty());
  ExpectMatches(ViolationJson(r.violations[0]), "violation");
}

TEST(JsonSchema, ReplayOutputMatchesAndReadsBack) {
  const ModelSpec* m = models::Find("flag-lock");
  const std::string json = RenderJson(Check("flag-lock", "check-then-set"));
  ReplayRequest req{m, "", {}, "", ""};
  ASSERT_TRUE(FillFromJson(json, &req).ok());
  absl::StatusOr<ReplayResult> r = Replay(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectMatches(RenderJson(r->report), "check");
}

TEST(JsonSchema, CompareOutputMatchesAndReadsBack) {
  for (const char* model : {"flag-lock", "counter"}) {
    CompareRequest req;
    req.model = models::Find(model);
    absl::StatusOr<CompareReport> r = RunCompare(req);
    ASSERT_TRUE(r.ok()) << r.status();
    const std::string json = RenderCompareJson(*r);
    ExpectMatches(json, "compare");
    ReplayRequest back{req.model, "", {}, "", ""};
    EXPECT_TRUE(FillFromJson(json, &back).ok());
  }
}

TEST(JsonSchema, ReaderRejectsMalformedJson) {
  for (const char* bad : {"", "{", "{\"a\":}", "[1,]", "\"\\x\"", "{\"a\":1} x", "nul", "-", "1.", "[\"\n\"]"}) {
    EXPECT_FALSE(ParseJson(bad).ok()) << bad;
  }
  absl::StatusOr<JsonValue> ok = ParseJson(R"({"a":[1,-2.5e3,true,false,null,"\u00e9\n"]})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->Find("a")->array()[1].number(), -2500);
  EXPECT_EQ(ok->Find("a")->array()[5].string(), "\xc3\xa9\n");
}

}  // namespace
}  // namespace lockstep
