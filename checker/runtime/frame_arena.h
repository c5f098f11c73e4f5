// A bump allocator for what lives exactly one execution: coroutine frames and
// the objects Runtime::Make() creates. All of it is destroyed before the next
// execution starts, so the arena is simply rewound: replay allocates nothing
// from the heap once the arena has grown to size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace lockstep {

class FrameArena {
 public:
  static constexpr std::size_t kAlignment = 16;

  void* Allocate(std::size_t n) {
    n = (n + kAlignment - 1) & ~(kAlignment - 1);
    while (current_ < blocks_.size() && used_ + n > blocks_[current_].size) {
      ++current_;  // the rest of this block stays unused until Rewind
      used_ = 0;
    }
    if (current_ == blocks_.size())
      blocks_.push_back(Block{std::make_unique<std::byte[]>(std::max(kBlock, n)), std::max(kBlock, n)});
    void* p = blocks_[current_].bytes.get() + used_;
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
  struct Block {
    std::unique_ptr<std::byte[]> bytes;
    std::size_t size;
  };
  std::vector<Block> blocks_;  // kept across executions
  std::size_t current_ = 0;
  std::size_t used_ = 0;
};

}  // namespace lockstep
