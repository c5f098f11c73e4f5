// ObjectName: the name an object or a thread is shown by in traces and
// reports, given whole ("mmap_sem"), as element i of an Array ("pte" and 3,
// shown as "pte[3]"), or as a stem and a number ({"writer", 3}, shown as
// "writer3"). The text of the last two is made only when something asks for
// it: models make their objects and threads anew in every execution, and
// most executions are never shown, so n objects or threads should not cost
// n strings each time.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace lockstep {

class ObjectName {
 public:
  // Implicit, so that a primitive is still made from a string: Atomic<int> x{"x"}.
  ObjectName(std::string text) : text_(std::move(text)) {}
  ObjectName(const char* text) : text_(text) {}
  // Element `index` of the array named *array, which outlives the object.
  ObjectName(const std::string* array, std::size_t index)
      : form_(Form::kElement), array_(array), number_(static_cast<int64_t>(index)) {}
  // A stem and a number: spawn({"writer", j}, ...).
  template <std::integral N>
  ObjectName(std::string stem, N number)
      : form_(Form::kNumbered), text_(std::move(stem)), number_(static_cast<int64_t>(number)) {
    stem_size_ = text_.size();
  }

  // The text, made on first use.
  const std::string& Text() const {
    if (form_ != Form::kWhole && !made_) {
      if (form_ == Form::kElement) {
        absl::StrAppend(&text_, *array_, "[", number_, "]");
      } else {
        absl::StrAppend(&text_, number_);
      }
      made_ = true;
    }
    return text_;
  }

  // Whether the two are given the same way (and so have the same text),
  // without making either text.
  bool SameAs(const ObjectName& o) const {
    if (form_ != o.form_ || number_ != o.number_) return false;
    switch (form_) {
      case Form::kWhole: return text_ == o.text_;
      case Form::kElement: return array_ == o.array_;
      case Form::kNumbered: return Stem() == o.Stem();
    }
    return false;
  }

 private:
  enum class Form : uint8_t { kWhole, kElement, kNumbered };
  std::string_view Stem() const { return std::string_view(text_).substr(0, stem_size_); }
  Form form_ = Form::kWhole;
  mutable bool made_ = false;   // kElement, kNumbered: text_ is the whole text
  uint32_t stem_size_ = 0;      // kNumbered: text_ starts with the stem
  mutable std::string text_;    // the whole text, or the stem until made
  const std::string* array_ = nullptr;
  int64_t number_ = 0;
};

}  // namespace lockstep
