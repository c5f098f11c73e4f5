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
// move: a reference to one stays valid for the whole execution. They live in
// the execution's arena, so making an array allocates nothing once the arena
// has grown: an Array lives within one execution (in setup, Runtime::Make or
// a thread's frame).
#pragma once

#include <cstddef>
#include <new>
#include <string>

#include "absl/strings/str_cat.h"
#include "checker/core/model_error.h"
#include "checker/runtime/frame_arena.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

template <class T>
class Array {
  static_assert(alignof(T) <= FrameArena::kAlignment, "over-aligned element");

 public:
  // Makes `n` elements; each is T("name[i]", args...).
  template <class... Args>
  Array(const std::string& name, std::size_t n, const Args&... args)
      : name_(name), elements_(static_cast<T*>(Runtime::Current().AllocateObjects(n * sizeof(T)))) {
    try {
      for (; size_ < n; ++size_) new (elements_ + size_) T(ObjectName(&name_, size_), args...);
    } catch (...) {
      Destroy();
      throw;
    }
  }
  ~Array() { Destroy(); }
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;

  T& operator[](std::size_t i) { return elements_[Checked(i)]; }
  const T& operator[](std::size_t i) const { return elements_[Checked(i)]; }
  std::size_t size() const { return size_; }
  T* begin() { return elements_; }
  T* end() { return elements_ + size_; }
  const T* begin() const { return elements_; }
  const T* end() const { return elements_ + size_; }

 private:
  std::size_t Checked(std::size_t i) const {
    if (i >= size_) {
      throw ModelError(absl::StrCat(name_, "[", i, "] is out of range (the array has ", size_, " elements)"));
    }
    return i;
  }
  void Destroy() {
    while (size_ > 0) elements_[--size_].~T();
  }

  std::string name_;  // the elements' names refer to it
  T* elements_;  // in the execution's arena: nothing to free
  std::size_t size_ = 0;
};

}  // namespace lockstep
