#include "linter/prefetch.hpp"

#include <algorithm>
#include <utility>

namespace miglint {

Prefetcher::Prefetcher(size_t count, size_t helpers, size_t window, Step produce, Step discard)
    : count_(count), window_(window == 0 ? 1 : window), produce_(std::move(produce)), discard_(std::move(discard)),
      produced_(count, false) {
  helpers_.reserve(helpers);
  for (size_t i = 0; i < helpers; ++i) helpers_.emplace_back([this] { help(); });
}

Prefetcher::~Prefetcher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

void Prefetcher::run_step(const Step& step, size_t item, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  try {
    step(item);
  } catch (...) {
    lock.lock();
    if (!failure_) failure_ = std::current_exception();
    return;
  }
  lock.lock();
}

void Prefetcher::produce_next(std::unique_lock<std::mutex>& lock) {
  const size_t item = next_++;
  ++live_;
  run_step(produce_, item, lock);
  produced_[item] = true;  // also after a failure, so that no one waits for it forever
  changed_.notify_all();
}

void Prefetcher::discard_one(std::unique_lock<std::mutex>& lock) {
  const size_t item = discards_.back();
  discards_.pop_back();
  ++discarding_;
  run_step(discard_, item, lock);
  --discarding_;
  --live_;
  changed_.notify_all();
}

void Prefetcher::help() {
  std::unique_lock lock(mutex_);
  for (;;) {
    // Discards first: they are what keeps the window moving.
    if (!discards_.empty()) {
      discard_one(lock);
    } else if (!stopping_ && next_ < count_ && live_ < window_ && !failure_) {
      produce_next(lock);
    } else if (stopping_) {
      return;
    } else {
      changed_.wait(lock);
    }
  }
}

void Prefetcher::rethrow_failure() {
  if (failure_) std::rethrow_exception(failure_);
}

void Prefetcher::wait_for(size_t item) {
  std::unique_lock lock(mutex_);
  while (!produced_[item]) {
    if (next_ <= item && !discards_.empty()) {
      // Helpers that are not getting a core leave their discards to this thread too, or memory
      // would grow without bound. The lock is released meanwhile: look again afterwards.
      discard_one(lock);
    } else if (next_ <= item) {
      produce_next(lock);  // no helper has started it: waiting would only waste this thread
    } else {
      changed_.wait(lock);
    }
  }
  rethrow_failure();
}

void Prefetcher::discard(size_t item) {
  std::unique_lock lock(mutex_);
  if (helpers_.empty()) {
    run_step(discard_, item, lock);
    --live_;
  } else {
    discards_.push_back(item);
    changed_.notify_all();
  }
  rethrow_failure();
}

void Prefetcher::finish() {
  if (count_ > 0) wait_for(count_ - 1);
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return std::all_of(produced_.begin(), produced_.end(), [](bool done) { return done; }) && discards_.empty() &&
           discarding_ == 0;
  });
  rethrow_failure();
}

}  // namespace miglint
