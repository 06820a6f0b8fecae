#pragma once

#include <cstddef>
#include <functional>

namespace miglint {

/// Runs `task(i)` for every i in [0, count) on up to `jobs` threads (0 = one per core). Blocks
/// until all are done; the first exception thrown by a task is rethrown here.
void parallel_for(size_t count, size_t jobs, const std::function<void(size_t)>& task);

}  // namespace miglint
