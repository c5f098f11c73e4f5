// ObjectName: the name an object or a thread is shown by in traces and
// reports, given whole ("mmap_sem"), in pieces ({comm, "->futex_state"}), as
// element i of an Array ("pte" and 3, shown as "pte[3]"), or as a stem and a
// number ({"writer", 3}, shown as "writer3").
//
// Models make their objects and threads anew in every execution, hundreds of
// thousands of times, and most executions are never shown. So a name takes
// nothing from the heap: its text is kept in the name itself (up to
// kInlineText characters; a longer one goes to the heap), pieces are joined
// there without a std::string in between, and the text of the last two forms
// is made only when something asks for it.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"

namespace lockstep {

class ObjectName {
 public:
  static constexpr std::size_t kInlineText = 40;

  // Implicit, so that a primitive is still made from a string: Atomic<int> x{"x"}.
  ObjectName(absl::string_view text) { Append(text); }
  ObjectName(const std::string& text) : ObjectName(absl::string_view(text)) {}
  ObjectName(const char* text) : ObjectName(absl::string_view(text)) {}
  // The pieces joined: Atomic<int> futex_state({comm, "->futex_state"}, 0).
  ObjectName(std::initializer_list<absl::string_view> pieces) {
    for (absl::string_view p : pieces) Append(p);
  }
  // Element `index` of the array named *array, which outlives the object.
  ObjectName(const std::string* array, std::size_t index)
      : form_(Form::kElement), array_(array), number_(static_cast<int64_t>(index)) {}
  // A stem and a number: spawn({"writer", j}, ...).
  template <std::integral N>
  ObjectName(absl::string_view stem, N number)
      : form_(Form::kNumbered), number_(static_cast<int64_t>(number)) {
    Append(stem);
    stem_size_ = static_cast<uint32_t>(text_.size());
  }

  // The text, made on first use.
  absl::string_view Text() const {
    if (form_ != Form::kWhole && !made_) {
      if (form_ == Form::kElement) {
        Append(*array_);
        Append("[");
        AppendNumber();
        Append("]");
      } else {
        AppendNumber();
      }
      made_ = true;
    }
    return absl::string_view(text_.data(), text_.size());
  }

  // Whether the two are given the same way (and so have the same text),
  // without making either text.
  bool SameAs(const ObjectName& o) const {
    if (form_ != o.form_ || number_ != o.number_) return false;
    switch (form_) {
      case Form::kWhole:
        return Whole() == o.Whole();
      case Form::kElement:
        return array_ == o.array_;
      case Form::kNumbered:
        return Stem() == o.Stem();
    }
    return false;
  }

 private:
  enum class Form : uint8_t { kWhole, kElement, kNumbered };
  void Append(absl::string_view s) const { text_.insert(text_.end(), s.begin(), s.end()); }
  void AppendNumber() const {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number_).ptr;
    Append(absl::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  absl::string_view Whole() const { return absl::string_view(text_.data(), text_.size()); }
  absl::string_view Stem() const { return absl::string_view(text_.data(), stem_size_); }
  Form form_ = Form::kWhole;
  mutable bool made_ = false;  // kElement, kNumbered: text_ is the whole text
  uint32_t stem_size_ = 0;     // kNumbered: text_ starts with the stem
  // The whole text, or the stem until made.
  mutable boost::container::small_vector<char, kInlineText> text_;
  const std::string* array_ = nullptr;
  int64_t number_ = 0;
};

}  // namespace lockstep
