// A bump allocator for coroutine frames. Every frame of one execution is
// destroyed before the next execution starts, so the arena is simply rewound:
// replay allocates nothing from the heap once the arena has grown to size.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace lockstep {

class FrameArena {
 public:
  void* Allocate(std::size_t n) {
    n = (n + 15) & ~std::size_t{15};
    if (used_ + n > capacity()) Grow(n);
    void* p = blocks_[current_].get() + used_;
    used_ += n;
    return p;
  }
  // All frames must have been destroyed.
  void Rewind() {
    current_ = 0;
    used_ = 0;
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::size_t capacity() const { return blocks_.empty() ? 0 : sizes_[current_]; }
  void Grow(std::size_t n) {
    if (!blocks_.empty() && current_ + 1 < blocks_.size() && sizes_[current_ + 1] >= n) {
      ++current_;
    } else {
      const std::size_t size = std::max(kBlock, n);
      blocks_.emplace(blocks_.begin() + (blocks_.empty() ? 0 : current_ + 1),
                      std::make_unique<std::byte[]>(size));
      sizes_.insert(sizes_.begin() + (sizes_.empty() ? 0 : current_ + 1), size);
      if (blocks_.size() > 1) ++current_;
    }
    used_ = 0;
  }

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::vector<std::size_t> sizes_;
  std::size_t current_ = 0;
  std::size_t used_ = 0;
};

}  // namespace lockstep
