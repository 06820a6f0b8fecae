#include "tests/test_support.hpp"

#include "linter/error.hpp"
#include "linter/process.hpp"
#include "validator/temp_cluster.hpp"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

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
  const RuleSet rules(builtin_rules(), config, std::nullopt, {});
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

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::filesystem::path source_dir() { return MIGLINT_SOURCE_DIR; }

RunResult run_miglint(const std::vector<std::string>& args, const std::filesystem::path& cwd, const std::string& stdin_text,
                      const std::vector<std::string>& env) {
  std::vector<std::string> argv = {MIGLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // Tests decide about colour themselves; an inherited NO_COLOR must not change the output.
  std::vector<std::string> environment = {"NO_COLOR="};
  environment.insert(environment.end(), env.begin(), env.end());
  const CommandResult result = run_command(argv, cwd, stdin_text, environment);
  return {result.exit_code, result.out, result.err};
}

bool have_postgres() {
  try {
    validate::find_postgres(std::nullopt);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace miglint::test
