// Edited, reformatted, deleted, renamed and out-of-order migrations against a git base, in a
// repository the test builds; and miglint.sum written and verified by the CLI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "linter/process.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void git(const fs::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git", "-c", "user.name=miglint", "-c", "user.email=miglint@example.invalid",
                                   "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult result = run_command(argv, repo);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

std::string git_output(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out = run_command(argv, repo).out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// rule -> messages, for the findings of one rule family.
std::multimap<std::string, std::string> findings(const RunResult& run) {
  std::multimap<std::string, std::string> out;
  const json report = json::parse(run.out);  // the loop below must not outlive it
  for (const json& d : report["diagnostics"]) {
    out.emplace(d["file"].get<std::string>() + " " + d["severity"].get<std::string>() + " " + d["rule"].get<std::string>(),
                d["message"].get<std::string>());
  }
  return out;
}

class GitBase : public ::testing::Test {
 protected:
  void SetUp() override {
    git(dir_.path(), {"init", "-q"});
    dir_.write("db/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    dir_.write("db/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
    dir_.write("db/3_audit.up.sql", "CREATE TABLE audit (id bigint);\n");
    dir_.write("db/4_notes.up.sql", "CREATE TABLE notes (id bigint);\n");
    dir_.write("db/10_tags.up.sql", "CREATE TABLE tags (id bigint);\n");
    git(dir_.path(), {"add", "."});
    git(dir_.path(), {"commit", "-q", "-m", "base"});
    git(dir_.path(), {"branch", "base"});
    // The change under review:
    dir_.write("db/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");  // edited
    dir_.write("db/2_orders.up.sql", "-- orders\ncreate table orders (\n  id bigint primary key\n);\n");  // reformatted
    fs::remove(dir_.path() / "db/3_audit.up.sql");                                                      // deleted
    fs::rename(dir_.path() / "db/4_notes.up.sql", dir_.path() / "db/4_comments.up.sql");               // renamed
    dir_.write("db/5_invoices.up.sql", "CREATE TABLE invoices (id bigint);\n");                        // out of order
    dir_.write("db/11_labels.up.sql", "CREATE TABLE labels (id bigint);\n");                           // fine
  }

  RunResult lint(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"lint", "--format", "json", "--select",
                                     "ban-edited-migration,ban-out-of-order-migration"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_miglint(args, dir_.path());
  }

  TempDir dir_;
};

TEST_F(GitBase, ReportsEveryKindOfChange) {
  const RunResult run = lint({"--base", "base", "db"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto found = findings(run);
  ASSERT_EQ(found.count("db/1_users.up.sql error ban-edited-migration"), 2U) << run.out;  // edited + the deletion
  const auto edited = found.equal_range("db/1_users.up.sql error ban-edited-migration");
  std::string messages;
  for (auto it = edited.first; it != edited.second; ++it) messages += it->second + "\n";
  EXPECT_NE(messages.find("statement 1 changed from `CREATE TABLE users (id bigint PRIMARY KEY)` to `CREATE TABLE users "
                          "(id bigint PRIMARY KEY, email text)`"),
            std::string::npos)
      << messages;
  EXPECT_NE(messages.find("`3_audit.up.sql` (in base) was deleted"), std::string::npos) << messages;
  EXPECT_EQ(found.count("db/2_orders.up.sql note ban-edited-migration"), 1U) << run.out;
  EXPECT_EQ(found.count("db/4_comments.up.sql warning ban-edited-migration"), 1U) << run.out;
  EXPECT_EQ(found.count("db/5_invoices.up.sql error ban-out-of-order-migration"), 1U) << run.out;
  EXPECT_EQ(found.size(), 5U) << run.out;
}

TEST_F(GitBase, MissingRefsAndShallowClonesAreClearErrors) {
  const RunResult missing = lint({"--base", "no-such-branch", "db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--base no-such-branch: no such git revision"), std::string::npos) << missing.err;

  const TempDir clone;
  git(clone.path(), {"clone", "-q", "--depth", "1", "file://" + dir_.path().string(), "."});
  const std::string first_commit = git_output(dir_.path(), {"rev-parse", "base"});
  git(dir_.path(), {"add", "-A"});
  git(dir_.path(), {"commit", "-q", "-m", "change"});
  const TempDir shallow;
  git(shallow.path(), {"clone", "-q", "--depth", "1", "file://" + dir_.path().string(), "."});
  const RunResult run = run_miglint({"lint", "--base", first_commit, "db"}, shallow.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("not found in this shallow clone"), std::string::npos) << run.err;

  const TempDir outside;
  outside.write("db/1_a.up.sql", "SELECT 1;");
  const RunResult not_git = run_miglint({"lint", "--base", "main", "db"}, outside.path());
  EXPECT_EQ(not_git.exit_code, 2);
  EXPECT_NE(not_git.err.find("is not inside a git repository"), std::string::npos) << not_git.err;
}

// With a base, findings are reported for the pull request's own migrations only; the catalog
// still replays the whole history, and an edited old migration counts as the PR's again.
TEST(BaseScope, OnlyNewAndChangedMigrationsAreJudged) {
  const TempDir dir;
  git(dir.path(), {"init", "-q"});
  dir.write("db/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text, email text);\n");
  dir.write("db/2_drop.up.sql", "ALTER TABLE users DROP COLUMN legacy;\n");          // an old finding
  dir.write("db/3_index.up.sql", "CREATE INDEX users_email_idx ON users (email);\n");  // another one
  git(dir.path(), {"add", "."});
  git(dir.path(), {"commit", "-q", "-m", "base"});
  git(dir.path(), {"branch", "base"});
  dir.write("db/4_more.up.sql", "ALTER TABLE users DROP COLUMN email;\n");  // the PR's migration

  auto rules_by_file = [](const RunResult& run) {
    std::multiset<std::string> out;
    const json report = json::parse(run.out);  // the loop must not outlive it
    for (const json& d : report["diagnostics"]) {
      out.insert(d["file"].get<std::string>() + " " + d["rule"].get<std::string>());
    }
    return out;
  };
  const RunResult scoped = run_miglint({"lint", "--format", "json", "--base", "base", "db"}, dir.path());
  EXPECT_EQ(scoped.exit_code, 0) << scoped.err;  // a warning; the old error (no CONCURRENTLY) is left out
  EXPECT_EQ(rules_by_file(scoped), (std::multiset<std::string>{"db/4_more.up.sql ban-drop-column"})) << scoped.out;

  const RunResult text = run_miglint({"lint", "--base", "base", "db"}, dir.path());
  EXPECT_NE(text.out.find("2 findings in migrations already applied at base left out (--whole-history shows them)"),
            std::string::npos)
      << text.out;

  const RunResult whole = run_miglint({"lint", "--format", "json", "--base", "base", "--whole-history", "db"}, dir.path());
  EXPECT_EQ(rules_by_file(whole),
            (std::multiset<std::string>{"db/2_drop.up.sql ban-drop-column", "db/3_index.up.sql require-concurrent-index-creation",
                                        "db/4_more.up.sql ban-drop-column"}))
      << whole.out;

  // Editing an applied migration makes it the PR's again: its findings and the edit are reported.
  dir.write("db/3_index.up.sql", "CREATE INDEX users_email_idx ON users (lower(email));\n");
  const RunResult edited = run_miglint({"lint", "--format", "json", "--base", "base", "db"}, dir.path());
  EXPECT_EQ(rules_by_file(edited),
            (std::multiset<std::string>{"db/3_index.up.sql ban-edited-migration",
                                        "db/3_index.up.sql require-concurrent-index-creation",
                                        "db/4_more.up.sql ban-drop-column"}))
      << edited.out;

  // A committed miglint.sum is a base too: what it lists counts as applied.
  dir.write("db/3_index.up.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  ASSERT_EQ(run_miglint({"sum", "db"}, dir.path()).exit_code, 0);
  dir.write("db/5_last.up.sql", "ALTER TABLE users ADD COLUMN age int NOT NULL;\n");
  const RunResult by_sum = run_miglint({"lint", "--format", "json", "db"}, dir.path());
  EXPECT_EQ(rules_by_file(by_sum), (std::multiset<std::string>{"db/5_last.up.sql adding-required-field"})) << by_sum.out;
}

TEST(SumFile, WrittenThenVerifiedWithoutGit) {
  const TempDir dir;
  dir.write("1_users.up.sql", "CREATE TABLE users (id bigint);\n");
  dir.write("2_orders.up.sql", "CREATE TABLE orders (id bigint);\n");
  const RunResult sum = run_miglint({"sum", "."}, dir.path());
  ASSERT_EQ(sum.exit_code, 0) << sum.err;
  const std::string text = read_file(dir.path() / "miglint.sum");
  EXPECT_TRUE(text.starts_with("miglint-sum v1 ")) << text;
  EXPECT_NE(text.find("\n1_users.up.sql "), std::string::npos);
  EXPECT_EQ(run_miglint({"lint", "."}, dir.path()).exit_code, 0);

  dir.write("2_orders.up.sql", "CREATE TABLE orders (id bigint, total numeric);\n");
  const RunResult edited = run_miglint({"lint", "--format", "json", "."}, dir.path());
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_EQ(json::parse(edited.out)["diagnostics"][0]["rule"], "ban-edited-migration");

  dir.write("miglint.sum", "miglint-sum v1 abc\nnot a valid line\n");
  const RunResult broken = run_miglint({"lint", "."}, dir.path());
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("miglint.sum:2: expected `path byte-sha256 semantic-sha256`"), std::string::npos) << broken.err;
}

// Two branches that each add a migration change the first line of miglint.sum differently, so
// merging them conflicts instead of silently losing a checksum.
TEST(SumFile, HeaderCoversEveryLine) {
  const TempDir a;
  a.write("1_users.up.sql", "CREATE TABLE users (id bigint);\n");
  a.write("2_orders.up.sql", "CREATE TABLE orders (id bigint);\n");
  const TempDir b;
  b.write("1_users.up.sql", "CREATE TABLE users (id bigint);\n");
  b.write("2_invoices.up.sql", "CREATE TABLE invoices (id bigint);\n");
  ASSERT_EQ(run_miglint({"sum", "."}, a.path()).exit_code, 0);
  ASSERT_EQ(run_miglint({"sum", "."}, b.path()).exit_code, 0);
  const std::string sum_a = read_file(a.path() / "miglint.sum");
  const std::string sum_b = read_file(b.path() / "miglint.sum");
  EXPECT_NE(sum_a.substr(0, sum_a.find('\n')), sum_b.substr(0, sum_b.find('\n')));
}

}  // namespace
}  // namespace miglint::test
