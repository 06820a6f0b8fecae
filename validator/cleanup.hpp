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
  /// When a signal's cleanup is under way, blocks until it ends the process; otherwise returns at
  /// once. Called by main before it returns and by objects before they clean up themselves, so
  /// the interrupted work, failing and unwinding meanwhile, never races the signal's cleanup.
  void wait_if_terminating();
};

}  // namespace miglint::validate
