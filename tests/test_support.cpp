#include "tests/test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace miglint::test {

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / ("miglint-test-" + std::to_string(random()) + std::to_string(::getpid()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& relative, const std::string& text) const {
  const std::filesystem::path full = path_ / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << text;
  return full;
}

LintResult lint_texts(const std::vector<std::pair<std::string, std::string>>& files, int pg_version, const Config& config) {
  std::vector<std::unique_ptr<SourceFile>> sources;
  for (const auto& [path, text] : files) {
    sources.push_back(std::make_unique<SourceFile>(path, text));
  }
  std::vector<MigrationSet> sets;
  sets.push_back(load_loose_files(std::move(sources)));
  const RuleSet rules(RuleRegistry::builtin(), config, std::nullopt, {});
  return lint_sets(std::move(sets), rules, {pg_version, 1});
}

LintResult lint_text(const std::string& sql, int pg_version) { return lint_texts({{"test.sql", sql}}, pg_version); }

std::vector<std::string> rule_ids(const LintResult& result) {
  std::vector<std::string> ids;
  for (const FileResult& file : result.results) {
    for (const Diagnostic& d : file.diagnostics) {
      ids.push_back(d.rule);
    }
  }
  return ids;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path source_dir() { return MIGLINT_SOURCE_DIR; }

namespace {

std::string drain(int fd) {
  std::string out;
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace

RunResult run_miglint(const std::vector<std::string>& args, const std::filesystem::path& cwd, const std::string& stdin_text,
                      const std::vector<std::string>& env) {
  ::signal(SIGPIPE, SIG_IGN);  // miglint may exit without reading all of stdin
  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  if (!cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  }
  std::vector<std::string> argv_storage = {MIGLINT_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (!entry.starts_with("NO_COLOR=")) env_storage.push_back(entry);
  }
  env_storage.insert(env_storage.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + argv_storage[0]);
  }
  std::thread feeder([&] {
    size_t written = 0;
    while (written < stdin_text.size()) {
      const ssize_t n = ::write(in_pipe[1], stdin_text.data() + written, stdin_text.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    ::close(in_pipe[1]);
  });
  RunResult result;
  std::thread err_reader([&] { result.err = drain(err_pipe[0]); });
  result.out = drain(out_pipe[0]);
  err_reader.join();
  feeder.join();
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace miglint::test
