#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "linter/rule_registry.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

namespace fs = std::filesystem;

TEST(Registry, IdsAreSortedUniqueKebabCase) {
  const auto& entries = builtin_rules().entries();
  ASSERT_FALSE(entries.empty());
  const std::regex kebab("[a-z]+(-[a-z]+)*");
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_TRUE(std::regex_match(std::string(entries[i].info->id), kebab)) << entries[i].info->id;
    if (i > 0) {
      EXPECT_LT(entries[i - 1].info->id, entries[i].info->id);
    }
    EXPECT_EQ(builtin_rules().find(entries[i].info->id), &entries[i]);
  }
}

TEST(Registry, EveryRuleListLineIsARegisteredRule) {
  std::ifstream def(test::source_dir() / "rules" / "rule_list.def");
  std::set<std::string> listed;
  const std::regex line(R"(^MIGLINT_RULE\(([a-z0-9_]+)\))");
  for (std::string text; std::getline(def, text);) {
    std::smatch match;
    if (std::regex_search(text, match, line)) listed.insert(match[1].str());
  }
  std::set<std::string> registered;
  for (const RuleEntry& entry : builtin_rules().entries()) registered.insert(snake_case(entry.info->id));
  EXPECT_EQ(listed, registered);
}

TEST(Registry, DocsHaveEveryHeadingAndMatchTheFileOnDisk) {
  for (const RuleEntry& entry : builtin_rules().entries()) {
    const std::string id(entry.info->id);
    const std::string doc(entry.doc);
    EXPECT_TRUE(doc.starts_with("# " + id + "\n")) << id;
    for (const char* heading : {"## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety",
                                "## Options", "## References"}) {
      EXPECT_NE(doc.find(heading), std::string::npos) << id << " lacks " << heading;
    }
    EXPECT_EQ(doc, test::read_file(test::source_dir() / "rules" / (snake_case(id) + ".md"))) << id;
    for (const std::string_view option : entry.info->options) {
      EXPECT_NE(doc.find("`" + std::string(option) + "`"), std::string::npos) << id << " does not document " << option;
    }
  }
}

// Each lint rule has fixtures with a finding, and a suppressed case. (Findings of `miglint
// validate` come from a real server and are tested in validator_test.cpp.)
TEST(Registry, EveryRuleHasFixturesWithAFindingAndASuppression) {
  for (const RuleEntry& entry : builtin_rules().entries()) {
    if (entry.info->category == RuleCategory::validation) continue;
    const std::string id(entry.info->id);
    const fs::path dir = test::source_dir() / "tests" / "rules" / snake_case(id);
    ASSERT_TRUE(fs::is_directory(dir)) << "no fixtures for " << id;
    bool finding = false;
    bool suppression = false;
    for (const fs::directory_entry& file : fs::recursive_directory_iterator(dir)) {
      if (!file.is_regular_file()) continue;
      const std::string text = test::read_file(file.path());
      finding = finding || text.find(": [" + id + "]") != std::string::npos;
      suppression = suppression || std::regex_search(text, std::regex("miglint-ignore(-file)?:[^\\n]*" + id));
    }
    EXPECT_TRUE(finding) << id << " has no fixture that expects a finding";
    EXPECT_TRUE(suppression) << id << " has no suppressed fixture";
  }
}

TEST(Registry, ReadmeRulesTableIsCurrent) {
  const std::string readme = test::read_file(test::source_dir() / "README.md");
  const std::string begin = "<!-- rules-table:begin -->\n";
  const std::string end = "<!-- rules-table:end -->";
  const auto from = readme.find(begin);
  const auto to = readme.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(readme.substr(from + begin.size(), to - from - begin.size()), rules_markdown_table(builtin_rules()))
      << "regenerate with: build/miglint rules --format markdown";
}

}  // namespace
}  // namespace miglint
