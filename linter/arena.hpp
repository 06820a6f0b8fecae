#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace miglint {

/// A bump allocator for memory whose pieces all die together (a file's parse trees): an
/// allocation is a pointer increment, and freeing is one call for everything.
class Arena {
 public:
  /// Memory for `size` bytes, aligned for any scalar; valid until clear() or destruction.
  void* allocate(size_t size);
  /// Frees everything allocated so far.
  void clear();

 private:
  static constexpr size_t kAlignment = alignof(std::max_align_t);
  static constexpr size_t kFirstBlock = 4096;
  static constexpr size_t kLargestBlock = 64 * 1024;

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  size_t left_ = 0;
  size_t block_size_ = kFirstBlock;
};

}  // namespace miglint
