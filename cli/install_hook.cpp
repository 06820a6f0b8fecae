#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/error.hpp"
#include "linter/process.hpp"

namespace miglint::cli {

namespace {

namespace fs = std::filesystem;

// The hook lints the directories of the staged .sql files against HEAD, so the whole history is
// replayed but only what the commit adds or changes is reported. MIGLINT overrides the binary.
constexpr std::string_view kHook = R"(#!/bin/sh
# Installed by `miglint install-hook`: lints the migrations this commit adds or changes.
# Skip once with `git commit --no-verify`; remove this file to uninstall.
miglint="${{MIGLINT:-{}}}"
IFS='
'
set -- $(git diff --cached --name-only --diff-filter=ACMR -- '*.sql' | sed -e 's|/[^/]*$||' -e t -e 's|.*|.|' | sort -u)
[ $# -gt 0 ] || exit 0
if git rev-parse --verify --quiet HEAD > /dev/null; then
  exec "$miglint" lint --base HEAD -- "$@"
fi
exec "$miglint" lint -- "$@"
)";

std::string git_output(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult result = run_command(argv);
  if (result.exit_code != 0) throw Error("install-hook: not inside a git repository");
  std::string out = result.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// This very binary, so the hook runs the miglint that installed it.
std::string own_path() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("miglint") : self.string();
}

}  // namespace

int run_install_hook(const Invocation& call) {
  Command command({
      .name = "install-hook",
      .synopsis = "miglint install-hook [--force]",
      .description = "Writes a git pre-commit hook (in the repository of the current directory, or core.hooksPath)\n"
                     "that lints the migrations a commit adds or changes, replaying the whole history from HEAD.\n"
                     "For the pre-commit framework, use the `miglint` hook of .pre-commit-hooks.yaml instead.",
  });
  command.add_options()("force", "replace an existing pre-commit hook");
  if (!command.parse(call.args, call.out)) return 0;
  const fs::path hook = git_output({"rev-parse", "--path-format=absolute", "--git-path", "hooks/pre-commit"});
  if (fs::exists(hook) && !command.has("force")) {
    throw Error(fmt::format("{} already exists: add `miglint lint --base HEAD DIR` to it yourself, or run "
                            "`miglint install-hook --force` to replace it",
                            hook.string()));
  }
  std::error_code ec;
  fs::create_directories(hook.parent_path(), ec);
  const fs::path temp = hook.string() + ".miglint-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << fmt::format(kHook, own_path());
    if (!out) throw Error(fmt::format("cannot write {}", temp.string()));
  }
  fs::permissions(temp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                            fs::perms::others_exec, ec);
  fs::rename(temp, hook, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw Error(fmt::format("cannot write {}", hook.string()));
  }
  call.out << fmt::format("installed {}\n", hook.string());
  return 0;
}

}  // namespace miglint::cli
