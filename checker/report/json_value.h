// A small JSON reader: enough to read back what Lockstep writes (replay
// --trace-file) and to validate our output in tests, without a dependency.
// Numbers are doubles; object keys keep their order; duplicate keys: the
// first wins on lookup.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace lockstep {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is(Type t) const { return type_ == t; }
  bool boolean() const { return bool_; }
  double number() const { return number_; }
  const std::string& string() const { return string_; }
  const std::vector<JsonValue>& array() const { return array_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }
  // nullptr when this is not an object or has no such key.
  const JsonValue* Find(std::string_view key) const;

  static const char* TypeName(Type t);

 private:
  friend class JsonParser;
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> array_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

// The whole text must be one JSON value (surrounding whitespace allowed).
// Errors name the byte offset.
absl::StatusOr<JsonValue> ParseJson(std::string_view text);

}  // namespace lockstep
