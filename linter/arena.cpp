#include "linter/arena.hpp"

#include <algorithm>

namespace miglint {

void* Arena::allocate(size_t size) {
  size = (std::max<size_t>(size, 1) + kAlignment - 1) & ~(kAlignment - 1);
  if (size > left_) {
    // An allocation larger than a block gets one of its own; the current block stays in use.
    if (size > block_size_ / 4) {
      blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
      return blocks_.back().get();
    }
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block_size_));
    next_ = blocks_.back().get();
    left_ = block_size_;
    block_size_ = std::min(block_size_ * 2, kLargestBlock);
  }
  void* result = next_;
  next_ += size;
  left_ -= size;
  return result;
}

void Arena::clear() {
  blocks_.clear();
  blocks_.shrink_to_fit();
  next_ = nullptr;
  left_ = 0;
  block_size_ = kFirstBlock;
}

}  // namespace miglint
