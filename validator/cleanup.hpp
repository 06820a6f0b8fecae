#pragma once

#include <cstddef>
#include <functional>

namespace miglint::validate {

/// Cleanups that must run however the process ends: servers to stop, directories to remove.
/// Objects register on creation and unregister when they clean up normally; on SIGINT or SIGTERM
/// a watcher thread runs what is left and exits with 128 + the signal number.
class Cleanups {
 public:
  /// The process-wide registry.
  static Cleanups& instance();
  /// Blocks SIGINT/SIGTERM/SIGHUP in the calling thread (and so in threads it starts later) and
  /// starts the watcher. Call early in main, before other threads exist; calling again is harmless.
  void watch_signals();
  /// Registers a cleanup; returns a handle for remove().
  size_t add(std::function<void()> cleanup);
  /// Unregisters a cleanup that has run (or is no longer needed).
  void remove(size_t handle);
  /// Runs every registered cleanup, newest first, and forgets them.
  void run_all();
  /// Called by main before it returns: when a signal's cleanup is under way (the interrupted work
  /// may fail and unwind meanwhile), waits for it, so the process ends with the signal's status
  /// and nothing left behind.
  void before_exit();
};

}  // namespace miglint::validate
