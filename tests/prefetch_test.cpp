#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "linter/arena.hpp"
#include "linter/prefetch.hpp"

namespace miglint {
namespace {

// What the steps saw, shared with helper threads.
struct Trace {
  std::vector<std::atomic<int>> produced;
  std::vector<std::atomic<int>> discarded;
  std::atomic<int> live{0};
  std::atomic<int> most_live{0};

  explicit Trace(size_t count) : produced(count), discarded(count) {}

  Prefetcher::Step produce() {
    return [this](size_t item) {
      ++produced[item];
      const int now = ++live;
      int seen = most_live.load();
      while (now > seen && !most_live.compare_exchange_weak(seen, now)) {
      }
    };
  }
  Prefetcher::Step discard() {
    return [this](size_t item) {
      ++discarded[item];
      --live;
    };
  }
};

TEST(Prefetcher, ProducesEachItemOnceBeforeItIsNeededAndDiscardsItOnce) {
  constexpr size_t kCount = 500;
  for (const size_t helpers : {0, 1, 3}) {
    Trace trace(kCount);
    {
      Prefetcher prefetcher(kCount, helpers, 8, trace.produce(), trace.discard());
      for (size_t i = 0; i < kCount; ++i) {
        prefetcher.wait_for(i);
        ASSERT_EQ(trace.produced[i].load(), 1) << "item " << i << " with " << helpers << " helpers";
        prefetcher.discard(i);
      }
      prefetcher.finish();
    }
    for (size_t i = 0; i < kCount; ++i) {
      EXPECT_EQ(trace.produced[i].load(), 1);
      EXPECT_EQ(trace.discarded[i].load(), 1);
    }
    EXPECT_EQ(trace.live.load(), 0);
  }
}

// A consumer that does a starved helper's discards releases the lock meanwhile: it must look
// again before producing, or it would claim an item past the one it waits for (past the end).
TEST(Prefetcher, SlowDiscardsNeverMakeTheConsumerClaimPastTheItemItNeeds) {
  constexpr size_t kCount = 400;
  std::vector<std::atomic<int>> produced(kCount);
  Prefetcher prefetcher(
      kCount, 2, 4, [&](size_t item) { ++produced.at(item); },
      [](size_t) { std::this_thread::sleep_for(std::chrono::microseconds(20)); });
  for (size_t i = 0; i < kCount; ++i) {
    prefetcher.wait_for(i);
    prefetcher.discard(i);
  }
  prefetcher.finish();
  EXPECT_TRUE(std::all_of(produced.begin(), produced.end(), [](const std::atomic<int>& n) { return n == 1; }));
}

TEST(Prefetcher, HelpersStayWithinTheWindow) {
  constexpr size_t kCount = 300;
  constexpr size_t kWindow = 5;
  Trace trace(kCount);
  Prefetcher prefetcher(kCount, 4, kWindow, trace.produce(), trace.discard());
  for (size_t i = 0; i < kCount; ++i) {
    prefetcher.wait_for(i);
    std::this_thread::yield();  // give the helpers every chance to run ahead
    prefetcher.discard(i);
  }
  prefetcher.finish();
  // The consumer may produce the item it needs on top of a full window.
  EXPECT_LE(trace.most_live.load(), static_cast<int>(kWindow) + 1);
  EXPECT_GE(trace.most_live.load(), 1);
}

TEST(Prefetcher, KeepsItemsThatAreNotDiscarded) {
  Trace trace(40);
  Prefetcher prefetcher(40, 2, SIZE_MAX, trace.produce(), trace.discard());
  prefetcher.finish();
  EXPECT_EQ(trace.live.load(), 40);
}

TEST(Prefetcher, AFailingStepIsRethrownToTheConsumer) {
  for (const size_t helpers : {0, 2}) {
    Prefetcher prefetcher(
        20, helpers, 4,
        [](size_t item) {
          if (item == 7) throw std::runtime_error("item 7");
        },
        [](size_t) {});
    EXPECT_THROW(
        {
          for (size_t i = 0; i < 20; ++i) {
            prefetcher.wait_for(i);
            prefetcher.discard(i);
          }
          prefetcher.finish();
        },
        std::runtime_error)
        << helpers << " helpers";
  }
}

TEST(Arena, AllocationsAreAlignedDistinctAndSurviveLargeOnes) {
  Arena arena;
  std::vector<unsigned char*> pieces;
  for (size_t size : {1, 7, 16, 100, 5000, 3, 200000, 24}) {
    auto* piece = static_cast<unsigned char*>(arena.allocate(size));
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(piece) % alignof(std::max_align_t), 0U) << size;
    std::fill(piece, piece + size, static_cast<unsigned char>(size));
    pieces.push_back(piece);
  }
  // Each piece still holds what was written into it: none overlaps another.
  size_t i = 0;
  for (size_t size : {1, 7, 16, 100, 5000, 3, 200000, 24}) {
    EXPECT_TRUE(std::all_of(pieces[i], pieces[i] + size, [&](unsigned char c) { return c == static_cast<unsigned char>(size); }))
        << size;
    ++i;
  }
  arena.clear();
  EXPECT_NE(arena.allocate(8), nullptr);
}

}  // namespace
}  // namespace miglint
