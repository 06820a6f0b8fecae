#include "linter/git.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "linter/error.hpp"
#include "linter/process.hpp"

namespace miglint {

namespace fs = std::filesystem;

namespace {

CommandResult git(const fs::path& cwd, const std::vector<std::string>& args, const std::string& input = {}) {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  try {
    return run_command(argv, cwd, input, {"GIT_TERMINAL_PROMPT=0"});
  } catch (const Error&) {
    throw Error("--base needs git, which was not found on PATH");
  }
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Splits `git ls-tree -z` output.
std::vector<std::string> nul_separated(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\0') {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

GitSnapshot::GitSnapshot(const fs::path& directory, const std::string& ref) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(directory, ec), ec);
  const CommandResult top = git(absolute, {"rev-parse", "--show-toplevel"});
  if (top.exit_code != 0) {
    throw Error(fmt::format("{} is not inside a git repository, which --base needs", directory.string()));
  }
  const fs::path repository = trimmed(top.out);
  const CommandResult commit = git(repository, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (commit.exit_code != 0) {
    const bool shallow = trimmed(git(repository, {"rev-parse", "--is-shallow-repository"}).out) == "true";
    throw Error(shallow ? fmt::format("--base {}: not found in this shallow clone; fetch it first (`git fetch "
                                      "--depth=1 origin {}`, or the whole history with fetch-depth: 0 in "
                                      "actions/checkout)",
                                      ref, ref)
                        : fmt::format("--base {}: no such git revision in {}", ref, repository.string()));
  }
  commit_ = trimmed(commit.out);
  const std::string prefix = fs::weakly_canonical(absolute, ec).lexically_relative(fs::weakly_canonical(repository, ec)).generic_string();
  const bool whole_repository = prefix == "." || prefix.empty();
  std::vector<std::string> ls_tree = {"ls-tree", "-r", "-z", "--name-only", commit_};
  if (!whole_repository) {
    ls_tree.insert(ls_tree.end(), {"--", prefix});
  }
  const CommandResult listing = git(repository, ls_tree);
  if (listing.exit_code != 0) {
    throw Error(fmt::format("git ls-tree failed: {}", trimmed(listing.err)));
  }
  const std::vector<std::string> paths = nul_separated(listing.out);

  existed_ = !paths.empty();
  read_files(repository, paths, whole_repository ? std::string() : prefix);
}

void GitSnapshot::read_files(const fs::path& repository, const std::vector<std::string>& paths, const std::string& prefix) {
  if (paths.empty()) {
    return;
  }
  std::string requests;
  for (const std::string& path : paths) requests += commit_ + ":" + path + "\n";
  const CommandResult contents = git(repository, {"cat-file", "--batch"}, requests);
  // Each answer is `<id> <type> <size>\n<content>\n`, in request order.
  size_t at = 0;
  for (const std::string& path : paths) {
    const size_t header_end = contents.out.find('\n', at);
    if (header_end == std::string::npos) break;
    const std::string header = contents.out.substr(at, header_end - at);
    const size_t size = std::stoull(header.substr(header.rfind(' ') + 1));
    const std::string relative = prefix.empty() ? path : fs::path(path).lexically_relative(prefix).generic_string();
    files_.emplace_back(relative, contents.out.substr(header_end + 1, size));
    at = header_end + 1 + size + 1;
  }
}

}  // namespace miglint
