#include "validator/cleanup.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <thread>

namespace miglint::validate {

namespace {

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Held by the signal watcher from the signal until _exit.
std::mutex& exit_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<size_t, std::function<void()>>& registry() {
  static std::map<size_t, std::function<void()>> cleanups;
  return cleanups;
}

}  // namespace

Cleanups& Cleanups::instance() {
  static Cleanups cleanups;
  return cleanups;
}

void Cleanups::watch_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
      int received = 0;
      sigwait(&signals, &received);
      exit_mutex().lock();  // never unlocked: the process ends below
      Cleanups::instance().run_all();
      ::_exit(128 + received);
    }).detach();
  });
}

size_t Cleanups::add(std::function<void()> cleanup) {
  const std::lock_guard lock(registry_mutex());
  static size_t next = 0;
  registry().emplace(++next, std::move(cleanup));
  return next;
}

void Cleanups::remove(size_t handle) {
  const std::lock_guard lock(registry_mutex());
  registry().erase(handle);
}

void Cleanups::wait_if_terminating() {
  const std::lock_guard wait(exit_mutex());
}

void Cleanups::run_all() {
  std::map<size_t, std::function<void()>> pending;
  {
    const std::lock_guard lock(registry_mutex());
    pending.swap(registry());
  }
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    try {
      it->second();
    } catch (...) {
      // Cleanup is best effort; the other cleanups must still run.
    }
  }
}

}  // namespace miglint::validate
