// Runs every rule fixture under tests/rules/<rule>/: a `.sql` file is one migration, a folder is a
// migration set (files in version order). Expected diagnostics are written inline as
// `-- error: [rule-id]` (or warning/note) on the line where the diagnostic starts; lines without
// one must stay clean. A `<case>.fixed.sql` beside a fixture is the expected result of applying
// the safe fixes, and must re-lint without the fixed findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <optional>
#include <regex>
#include <set>

#include "linter/config.hpp"
#include "linter/discover.hpp"
#include "linter/fix.hpp"
#include "linter/history.hpp"
#include "linter/migration_set.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string rule_id;
  fs::path path;  // a .sql file or a folder
  std::string name;
};

// Names the fixture in test output instead of dumping its bytes.
void PrintTo(const Fixture& fixture, std::ostream* out) { *out << fixture.path.filename().string(); }

std::vector<Fixture> discover_fixtures() {
  std::vector<Fixture> fixtures;
  const fs::path root = source_dir() / "tests" / "rules";
  for (const fs::directory_entry& rule_dir : fs::directory_iterator(root)) {
    if (!rule_dir.is_directory()) continue;
    const std::string snake = rule_dir.path().filename().string();
    std::string id = snake;
    std::replace(id.begin(), id.end(), '_', '-');
    for (const fs::directory_entry& entry : fs::directory_iterator(rule_dir.path())) {
      const std::string file = entry.path().filename().string();
      if (entry.is_directory() || (file.ends_with(".sql") && !file.ends_with(".fixed.sql"))) {
        fixtures.push_back({id, entry.path(), snake + "__" + entry.path().stem().string()});
      }
    }
  }
  std::sort(fixtures.begin(), fixtures.end(), [](const Fixture& a, const Fixture& b) { return a.name < b.name; });
  return fixtures;
}

std::vector<fs::path> fixture_files(const Fixture& fixture) {
  if (!fs::is_directory(fixture.path)) return {fixture.path};
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(fixture.path)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  return files;
}

// How a fixture file is named in expectations: its path inside the fixture folder.
std::string display_name(const Fixture& fixture, const fs::path& file) {
  return fs::is_directory(fixture.path) ? fs::relative(file, fixture.path).generic_string() : file.filename().string();
}

using Expectation = std::tuple<std::string, uint32_t, std::string, std::string>;  // file, line, severity, rule

std::multiset<Expectation> annotations(const std::string& display, const std::string& text) {
  static const std::regex kAnnotation(R"(--.*?\b(error|warning|note): \[([a-z0-9-]+)\])");
  static const std::regex kMore(R"(\b(error|warning|note): \[([a-z0-9-]+)\])");
  std::multiset<Expectation> out;
  std::istringstream lines(text);
  std::string line;
  uint32_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const auto comment = line.find("-- ");
    if (comment == std::string::npos) continue;
    const std::string tail = line.substr(comment);
    if (!std::regex_search(tail, kAnnotation)) continue;
    for (std::sregex_iterator it(tail.begin(), tail.end(), kMore), end; it != end; ++it) {
      out.insert({display, number, (*it)[1].str(), (*it)[2].str()});
    }
  }
  return out;
}

constexpr int kDefaultFixtureVersion = 15;

// `-- miglint-test: pg-version=N` lints the fixture as for PostgreSQL N.
std::optional<int> pg_version_header(const std::string& text) {
  static const std::regex kHeader(R"(-- miglint-test:.*\bpg-version=(\d+))");
  std::smatch match;
  return std::regex_search(text, match, kHeader) ? std::optional<int>(std::stoi(match[1].str())) : std::nullopt;
}

std::string describe(const std::multiset<Expectation>& items) {
  std::string out;
  for (const auto& [file, line, severity, rule] : items) {
    out += "  " + file + ":" + std::to_string(line) + ": " + severity + ": [" + rule + "]\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

// `-- miglint-test: select=a,b` runs those rules instead of only the folder's rule.
std::vector<std::string> selected_rules(const std::string& rule_id, const std::string& text) {
  static const std::regex kSelect(R"(-- miglint-test:.*\bselect=([a-z0-9,-]+))");
  std::smatch match;
  if (!std::regex_search(text, match, kSelect)) return {rule_id};
  std::vector<std::string> ids;
  std::stringstream list(match[1].str());
  for (std::string id; std::getline(list, id, ',');) ids.push_back(id);
  return ids;
}

LintResult lint_set(const std::vector<std::string>& rule_ids, MigrationSet set, int pg_version) {
  std::vector<MigrationSet> sets;
  sets.push_back(std::move(set));
  const RuleSet rules(builtin_rules(), Config{}, rule_ids, {});
  return lint_sets(std::move(sets), rules, {pg_version, 1});
}

LintResult lint_only(const std::vector<std::string>& rule_ids, const std::string& text, int pg_version,
                     const std::string& name = "case.sql") {
  std::vector<std::unique_ptr<SourceFile>> sources;
  sources.push_back(std::make_unique<SourceFile>(name, text));
  return lint_set(rule_ids, load_loose_files(std::move(sources)), pg_version);
}

// A folder fixture is a migration directory; a miglint.sum in it is the base it is compared with,
// and a miglint.toml its configured layout.
MigrationSet load_fixture_directory(const fs::path& path) {
  const fs::path config = path / "miglint.toml";
  const std::optional<LayoutId> layout =
      fs::exists(config) ? load_config(config, builtin_rules()).layout : std::optional<LayoutId>();
  MigrationSet set = load_migration_directory(path.string(), {}, layout);
  attach_base(set, std::nullopt);
  return set;
}

class RuleFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(RuleFixture, DiagnosticsMatchAnnotations) {
  const Fixture& fixture = GetParam();
  ASSERT_NE(builtin_rules().find(fixture.rule_id), nullptr) << "no rule named " << fixture.rule_id;
  std::multiset<Expectation> expected;
  std::optional<int> header_version;
  std::vector<std::string> rules = {fixture.rule_id};
  for (const fs::path& file : fixture_files(fixture)) {
    const std::string text = read_file(file);
    if (text.find("select=") != std::string::npos) rules = selected_rules(fixture.rule_id, text);
    expected.merge(annotations(display_name(fixture, file), text));
    if (const std::optional<int> version = pg_version_header(text)) {
      header_version = std::min(header_version.value_or(*version), *version);
    }
  }
  const int pg_version = header_version.value_or(kDefaultFixtureVersion);
  // A folder is read as a migration directory (its layout detected); a file as a loose file.
  const LintResult result =
      fs::is_directory(fixture.path)
          ? lint_set(rules, load_fixture_directory(fixture.path), pg_version)
          : lint_only(rules, read_file(fixture.path), pg_version, fixture.path.filename().string());
  std::multiset<Expectation> actual;
  for (const FileResult& file : result.results) {
    for (const Diagnostic& d : file.diagnostics) {
      actual.insert({display_name(fixture, file.file->path()), file.file->position(d.range.begin).line,
                     std::string(to_string(d.severity)), d.rule});
    }
  }
  EXPECT_EQ(expected, actual) << "expected:\n" << describe(expected) << "actual:\n" << describe(actual);
}

fs::path fixed_path_of(const Fixture& fixture) {
  fs::path fixed_path = fixture.path;
  return fixed_path.replace_extension(".fixed.sql");
}

std::vector<Fixture> fixtures_with_fixed_file() {
  std::vector<Fixture> out;
  for (const Fixture& fixture : discover_fixtures()) {
    if (!fs::is_directory(fixture.path) && fs::exists(fixed_path_of(fixture))) out.push_back(fixture);
  }
  return out;
}

class FixedFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(FixedFixture, SafeFixesMatchFixedFile) {
  const Fixture& fixture = GetParam();
  const fs::path fixed_path = fixed_path_of(fixture);
  const std::string text = read_file(fixture.path);
  const int pg_version = pg_version_header(text).value_or(kDefaultFixtureVersion);
  const LintResult before = lint_only(selected_rules(fixture.rule_id, text), text, pg_version);
  const std::string fixed = apply_fixes(text, before.results[0].diagnostics, FixSelection::safe_only);
  if (std::getenv("MIGLINT_UPDATE_EXPECTED") != nullptr) {
    std::ofstream(fixed_path, std::ios::binary) << fixed;
  }
  EXPECT_EQ(read_file(fixed_path), fixed);
  size_t unfixed = 0;
  for (const Diagnostic& d : before.results[0].diagnostics) {
    unfixed += (!d.fix || d.fix->safety == FixSafety::unsafe) ? 1 : 0;
  }
  const LintResult after = lint_only(selected_rules(fixture.rule_id, text), fixed, pg_version);
  EXPECT_EQ(after.results[0].diagnostics.size(), unfixed) << "safe fixes must resolve their findings";
  const LintResult syntax = lint_only({"syntax-error"}, fixed, pg_version);
  EXPECT_TRUE(syntax.results[0].diagnostics.empty()) << "the fixed file must still parse";
}

std::string fixture_name(const ::testing::TestParamInfo<Fixture>& param_info) { return param_info.param.name; }

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(discover_fixtures()), fixture_name);
INSTANTIATE_TEST_SUITE_P(Fixes, FixedFixture, ::testing::ValuesIn(fixtures_with_fixed_file()), fixture_name);

}  // namespace
}  // namespace miglint::test
