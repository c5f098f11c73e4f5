// Array<T>: n primitives of one kind, made at once and named "name[i]", for
// models with several pages, PTEs, locks or counters:
//
//   struct Pages {
//     Array<Atomic<int>> pte{"pte", 4, kPresent};  // pte[0] .. pte[3], each starting at kPresent
//     Array<Mutex> ptl{"ptl", 4};
//   };
//   co_await pages.pte[i].exchange(kNone);
//
// Each element is an ordinary object of its own (its own conflict location),
// made in index order, so ids are the same in every replay. Elements never
// move: a reference to one stays valid for the whole execution.
#pragma once

#include <cstddef>
#include <deque>
#include <string>

#include "checker/core/model_error.h"

namespace lockstep {

template <class T>
class Array {
 public:
  // Makes `n` elements; each is T("name[i]", args...).
  template <class... Args>
  Array(const std::string& name, std::size_t n, const Args&... args) : name_(name) {
    for (std::size_t i = 0; i < n; ++i) elements_.emplace_back(name + "[" + std::to_string(i) + "]", args...);
  }
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;

  T& operator[](std::size_t i) { return elements_[Checked(i)]; }
  const T& operator[](std::size_t i) const { return elements_[Checked(i)]; }
  std::size_t size() const { return elements_.size(); }
  auto begin() { return elements_.begin(); }
  auto end() { return elements_.end(); }
  auto begin() const { return elements_.begin(); }
  auto end() const { return elements_.end(); }

 private:
  std::size_t Checked(std::size_t i) const {
    if (i >= elements_.size()) {
      throw ModelError(name_ + "[" + std::to_string(i) + "] is out of range (the array has " +
                       std::to_string(elements_.size()) + " elements)");
    }
    return i;
  }

  std::string name_;
  std::deque<T> elements_;  // deque: elements are made in place and never move
};

}  // namespace lockstep
