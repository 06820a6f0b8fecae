#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace miglint {

/// Produces items 0..count-1, in order, on helper threads just ahead of a consumer that needs
/// them in that order, and discards them on those threads once the consumer is done with them.
/// At most `window` items are produced and not yet discarded at once, so what they hold stays
/// bounded; the consumer produces an item itself rather than wait for a helper that has not
/// started it. With no helpers everything runs on the consumer's thread.
class Prefetcher {
 public:
  /// A step run for one item (produce or discard).
  using Step = std::function<void(size_t)>;

  /// Starts `helpers` threads. `window` = SIZE_MAX for no bound.
  Prefetcher(size_t count, size_t helpers, size_t window, Step produce, Step discard);
  /// Stops the helpers (after the discards already asked for) and joins them.
  ~Prefetcher();
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  /// Returns once `item` has been produced. Rethrows the first exception a step threw.
  void wait_for(size_t item);
  /// The consumer is done with `item` (which must have been produced): discard it.
  void discard(size_t item);
  /// Produces every item not produced yet and waits for every discard asked for.
  void finish();

 private:
  void help();
  // With the lock held: claims the next item, produces it without the lock, records it.
  void produce_next(std::unique_lock<std::mutex>& lock);
  // With the lock held: discards the newest item waiting for it.
  void discard_one(std::unique_lock<std::mutex>& lock);
  void run_step(const Step& step, size_t item, std::unique_lock<std::mutex>& lock);
  void rethrow_failure();

  size_t count_;
  size_t window_;
  Step produce_;
  Step discard_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> produced_;
  size_t next_ = 0;  // the next item to claim
  size_t live_ = 0;  // claimed and not discarded yet
  std::vector<size_t> discards_;
  size_t discarding_ = 0;  // discards taken by a helper and not finished
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> helpers_;
};

}  // namespace miglint
