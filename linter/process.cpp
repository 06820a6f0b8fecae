#include "linter/process.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>

#include "linter/error.hpp"

extern char** environ;

namespace miglint {

namespace {

std::string drain(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fd);
  return out;
}

// Closes both ends of the pipes on every path out of run_command.
struct Pipes {
  int fds[6] = {-1, -1, -1, -1, -1, -1};
  ~Pipes() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close(int index) {
    ::close(fds[index]);
    fds[index] = -1;
  }
};

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd, const std::string& input,
                          const std::vector<std::string>& env) {
  // A child that exits without reading all of its input must not kill us with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  Pipes pipes;
  if (::pipe(pipes.fds) != 0 || ::pipe(pipes.fds + 2) != 0 || ::pipe(pipes.fds + 4) != 0) {
    throw Error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipes.fds[0], 0);
  posix_spawn_file_actions_adddup2(&actions, pipes.fds[3], 1);
  posix_spawn_file_actions_adddup2(&actions, pipes.fds[5], 2);
  for (int fd : pipes.fds) posix_spawn_file_actions_addclose(&actions, fd);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (std::string& arg : args) arg_pointers.push_back(arg.data());
  arg_pointers.push_back(nullptr);
  // An entry of `env` replaces the inherited one of its name: getenv finds the first of two.
  const auto named_in_env = [&env](std::string_view entry) {
    const size_t equals = entry.find('=');
    if (equals == std::string_view::npos) return false;
    const std::string_view name = entry.substr(0, equals + 1);
    return std::any_of(env.begin(), env.end(), [&](const std::string& given) { return given.starts_with(name); });
  };
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!named_in_env(*e)) environment.emplace_back(*e);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> env_pointers;
  for (std::string& entry : environment) env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);

  // Children start with no blocked signals and default handlers, whatever this process set up for
  // its own cleanup (a server started with SIGTERM blocked could not be stopped).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, arg_pointers[0], &actions, &attributes, arg_pointers.data(), env_pointers.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw Error(fmt::format("cannot run {}: {}", argv.at(0), std::strerror(spawned)));
  }
  pipes.close(0);
  pipes.close(3);
  pipes.close(5);
  const int stdin_fd = pipes.fds[1];
  pipes.fds[1] = -1;  // the feeder closes it: the child sees end of input as soon as it is written
  std::thread feeder([&] {
    size_t written = 0;
    while (written < input.size()) {
      const ssize_t n = ::write(stdin_fd, input.data() + written, input.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    ::close(stdin_fd);
  });
  CommandResult result;
  const int err_fd = pipes.fds[4];
  std::thread err_reader([&] { result.err = drain(err_fd); });
  result.out = drain(pipes.fds[2]);
  pipes.fds[2] = -1;
  err_reader.join();
  pipes.fds[4] = -1;
  feeder.join();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace miglint
