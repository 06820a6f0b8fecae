#include "cli/cli.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pg_query.h>

#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "linter/error.hpp"

namespace miglint::cli {

namespace {

constexpr std::string_view kUsage = R"(miglint - keeps dangerous PostgreSQL migrations out of production

Usage:
  miglint lint [OPTIONS] [PATH...]   lint migration files, directories or globs (- for stdin)
  miglint fix [OPTIONS] [PATH...]    apply the safe fixes in place (--diff to print them instead)
  miglint migrations [DIR...]        list the migrations found, their layout and transaction mode
  miglint sum [DIR...]               write DIR/miglint.sum, the checksums lint compares with
  miglint validate [DIR]             apply the migrations up, down and up again in a disposable
                                     PostgreSQL and compare the schemas (see validate --help)
  miglint status [DIR] --database-url URL
                                     compare a live database's migration history with the files
  miglint schema [DIR]               print the schema the migrations produce, as JSON
  miglint rules [--format FORMAT]    list every rule
  miglint explain RULE               print a rule's documentation
  miglint install-hook [--force]     install a git pre-commit hook that lints staged migrations
  miglint completion bash|zsh|fish   print a shell completion script
  miglint man                        print the man page (roff)
  miglint help [COMMAND]             show help for a command
  miglint --version                  print the version

A directory is one migration set: its *.sql files are replayed in version order, so rules
know which tables already hold data, each column's current type and which indexes exist.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage, configuration, I/O or internal error.

Run `miglint lint --help` for the lint options.
)";

struct CommandEntry {
  std::string_view name;
  int (*run)(const Invocation& call);
};

// Every command, in the order `miglint --help` lists them.
constexpr CommandEntry kCommands[] = {
    {"lint", run_lint},     {"fix", run_fix},           {"validate", run_validate}, {"schema", run_schema}, {"status", run_status},
    {"migrations", run_migrations}, {"sum", run_sum},   {"rules", run_rules},   {"explain", run_explain},
    {"install-hook", run_install_hook}, {"completion", run_completion}, {"man", run_man},
};

}  // namespace

std::string_view usage_text() { return kUsage; }

std::vector<std::string_view> command_names() {
  std::vector<std::string_view> names;
  for (const CommandEntry& entry : kCommands) names.push_back(entry.name);
  return names;
}

std::string command_help(std::string_view command) {
  for (const CommandEntry& entry : kCommands) {
    if (entry.name != command) continue;
    std::istringstream in;
    std::ostringstream out;
    entry.run({{"--help"}, in, out});
    return out.str();
  }
  return {};
}

int run_cli(int argc, char** argv, std::istream& in, std::ostream& out) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    out << "miglint " << MIGLINT_VERSION << " (libpg_query " << PG_VERSION << " grammar)\n";
    return 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "help") {
    if (args.empty()) {
      out << kUsage;
      return 0;
    }
    command = args[0];
    args = {"--help"};
  }
  for (const CommandEntry& entry : kCommands) {
    if (entry.name == command) return entry.run({std::move(args), in, out});
  }
  throw Error(fmt::format("unknown command `{}` (expected one of {}, or help; see `miglint --help`)", command,
                          fmt::join(command_names(), ", ")));
}

}  // namespace miglint::cli
