// A stack that keeps its popped elements for the next pushes, so that the
// buffers they own (a node's sleep set, a thread's name and wakers) are
// reused instead of freed and allocated again on every backtrack or
// execution. T::Clear() empties an element.
#pragma once

#include <cstddef>
#include <vector>

namespace lockstep {

template <class T>
class RecyclingStack {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return items_[i]; }
  const T& operator[](size_t i) const { return items_[i]; }
  T& back() { return items_[size_ - 1]; }
  T* data() { return items_.data(); }
  const T* data() const { return items_.data(); }
  T* begin() { return items_.data(); }
  T* end() { return items_.data() + size_; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + size_; }

  // A cleared element on top. References to other elements may be invalidated.
  T& emplace_back() {
    if (size_ == items_.size()) items_.emplace_back();
    return items_[size_++];
  }
  void pop_back() { items_[--size_].Clear(); }
  void clear() {
    while (size_ > 0) pop_back();
  }

 private:
  std::vector<T> items_;  // [0, size_) in use, the rest cleared for reuse
  size_t size_ = 0;
};

}  // namespace lockstep
