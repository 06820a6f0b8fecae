// The floors of ARCHITECTURE.md: a source file includes only its own folder and the folders
// below it. These tests read every #include "..." of the project and fail on one that points up.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "linter/process.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

// Folder -> floor, lowest first.
const std::map<std::string, int>& floors() {
  static const std::map<std::string, int> table = {
      {"linter", 1}, {"rules", 2}, {"validator", 3}, {"reporters", 4}, {"cli", 5},
  };
  return table;
}

struct Include {
  std::string file;
  int line = 0;
  std::string target;
};

std::vector<Include> includes_below(const fs::path& root, const std::string& folder) {
  static const std::regex kInclude(R"(^\s*#\s*include\s+"([^"]+)\")");
  std::vector<Include> out;
  if (!fs::exists(root / folder)) return out;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root / folder)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".def") continue;
    std::ifstream in(entry.path());
    std::string text;
    int number = 0;
    while (std::getline(in, text)) {
      ++number;
      std::smatch match;
      if (std::regex_search(text, match, kInclude)) {
        out.push_back({fs::relative(entry.path(), root).string(), number, match[1].str()});
      }
    }
  }
  return out;
}

// `file:line includes target` for each include of a floor above the file's own; `checked` counts
// the includes of project folders that were looked at.
std::vector<std::string> upward_includes(const fs::path& root, size_t& checked) {
  std::vector<std::string> out;
  for (const auto& [folder, floor] : floors()) {
    for (const Include& include : includes_below(root, folder)) {
      const auto target = floors().find(include.target.substr(0, include.target.find('/')));
      if (target == floors().end()) continue;  // generated files, third-party headers
      ++checked;
      if (target->second > floor) {
        out.push_back(include.file + ":" + std::to_string(include.line) + " includes " + include.target);
      }
    }
  }
  return out;
}

TEST(Architecture, IncludesPointOnlyDownward) {
  size_t checked = 0;
  const std::vector<std::string> upward = upward_includes(source_dir(), checked);
  EXPECT_TRUE(upward.empty()) << "includes of a floor above (see ARCHITECTURE.md):\n" << ::testing::PrintToString(upward);
  EXPECT_GT(checked, 100U) << "the scan found too few includes to be checking anything";
}

TEST(Architecture, AnUpwardIncludeIsCaught) {
  const TempDir dir;
  dir.write("linter/engine.cpp", "#include \"linter/engine.hpp\"\n#include <vector>\n#include \"cli/options.hpp\"\n");
  dir.write("reporters/text.cpp", "#include \"rules/builtin_rules.hpp\"\n#include \"validator/validator.hpp\"\n");
  size_t checked = 0;
  EXPECT_EQ(upward_includes(dir.path(), checked), std::vector<std::string>{"linter/engine.cpp:3 includes cli/options.hpp"});
  EXPECT_EQ(checked, 4U);
}

// Nothing outside rules/ includes a rule: rules register themselves through rule_list.def, and
// the command line reaches them only through rules/builtin_rules.hpp.
TEST(Architecture, OnlyTheRuleListReachesRules) {
  for (const auto& [folder, floor] : floors()) {
    if (folder == "rules") continue;
    for (const Include& include : includes_below(source_dir(), folder)) {
      if (!include.target.starts_with("rules/")) continue;
      EXPECT_EQ(include.target, "rules/builtin_rules.hpp") << include.file << ":" << include.line;
    }
  }
}

// scripts/new-rule.sh, run on a copy of the rule list: it writes the three parts of a rule, keeps
// rule_list.def sorted, and refuses ids that are not kebab-case or already exist.
TEST(Scaffold, NewRuleWritesCodeDocsFixturesAndTheListLine) {
  const TempDir dir;
  fs::create_directories(dir.path() / "scripts");
  fs::copy_file(source_dir() / "scripts" / "new-rule.sh", dir.path() / "scripts" / "new-rule.sh");
  dir.write("rules/rule_list.def", "// list\nMIGLINT_RULE(adding_field)\nMIGLINT_RULE(changing_type)\n");
  const fs::path script = dir.path() / "scripts" / "new-rule.sh";
  const CommandResult made = run_command({"bash", script.string(), "ban-truncate-cascade", "correctness"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(read_file(dir.path() / "rules" / "rule_list.def"),
            "// list\nMIGLINT_RULE(adding_field)\nMIGLINT_RULE(ban_truncate_cascade)\nMIGLINT_RULE(changing_type)\n");
  const std::string code = read_file(dir.path() / "rules" / "ban_truncate_cascade.cpp");
  EXPECT_NE(code.find(".id = \"ban-truncate-cascade\""), std::string::npos);
  EXPECT_NE(code.find("RuleCategory::correctness"), std::string::npos);
  EXPECT_NE(code.find("void register_ban_truncate_cascade(RuleRegistry& registry) { registry.add<BanTruncateCascade>(kInfo); }"),
            std::string::npos);
  const std::string doc = read_file(dir.path() / "rules" / "ban_truncate_cascade.md");
  for (const char* heading : {"# ban-truncate-cascade\n", "## What it does", "## Why is this bad?", "## Example",
                              "## Use instead", "## Fix safety", "## Options", "## References"}) {
    EXPECT_NE(doc.find(heading), std::string::npos) << heading;
  }
  const std::string fixture = read_file(dir.path() / "tests" / "rules" / "ban_truncate_cascade" / "basic.sql");
  EXPECT_NE(fixture.find("-- warning: [ban-truncate-cascade]"), std::string::npos);
  EXPECT_NE(fixture.find("-- miglint-ignore: ban-truncate-cascade"), std::string::npos);

  EXPECT_EQ(run_command({"bash", script.string(), "ban-truncate-cascade"}).exit_code, 2) << "exists already";
  EXPECT_EQ(run_command({"bash", script.string(), "Ban_Truncate"}).exit_code, 2) << "not kebab-case";
  EXPECT_FALSE(fs::exists(dir.path() / "rules" / "Ban_Truncate.cpp"));
}

}  // namespace
}  // namespace miglint::test
