// ObjectName: the name an object is shown by in traces and reports, given
// whole ("mmap_sem") or as element i of an Array ("pte" and 3, shown as
// "pte[3]"). An element's text is made only when something asks for it:
// models make their objects anew in every execution, and most executions
// are never shown, so an array of n objects should not cost n strings each
// time.
#pragma once

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"

namespace lockstep {

class ObjectName {
 public:
  // Implicit, so that a primitive is still made from a string: Atomic<int> x{"x"}.
  ObjectName(std::string text) : text_(std::move(text)) {}
  ObjectName(const char* text) : text_(text) {}
  // Element `index` of the array named *array, which outlives the object.
  ObjectName(const std::string* array, std::size_t index) : array_(array), index_(index) {}

  // The text, made on first use.
  const std::string& Text() const {
    if (array_ != nullptr) {
      text_ = absl::StrCat(*array_, "[", index_, "]");
      array_ = nullptr;
    }
    return text_;
  }

 private:
  mutable std::string text_;
  mutable const std::string* array_ = nullptr;
  std::size_t index_ = 0;
};

}  // namespace lockstep
