// End-to-end tests: the built binary, run the way a user or a CI job runs it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(Cli, VersionAndHelp) {
  const RunResult version = run_miglint({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.starts_with("miglint 0.")) << version.out;
  const RunResult help = run_miglint({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  const RunResult lint_help = run_miglint({"lint", "--help"});
  EXPECT_EQ(lint_help.exit_code, 0);
  for (const char* flag : {"--format", "--output", "--config", "--pg-version", "--fail-on", "--select", "--ignore",
                           "--jobs", "--no-color", "--stdin-filename"}) {
    EXPECT_NE(lint_help.out.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(run_miglint({}).exit_code, 2);
  EXPECT_EQ(run_miglint({"help", "lint"}).exit_code, 0);
}

TEST(Cli, ExamplesHaveFindingsAndExitOne) {
  const RunResult run = run_miglint({"lint", "--no-color", "examples/migrations"}, source_dir());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (const char* rule : {"adding-required-field", "changing-column-type", "require-concurrent-index-creation",
                           "adding-foreign-key-constraint", "adding-not-nullable-field", "require-foreign-key-index"}) {
    EXPECT_NE(run.out.find(std::string("[") + rule + "]"), std::string::npos) << rule;
  }
  EXPECT_EQ(run.out.find("ban-drop-column]"), std::string::npos) << "the example's drop is suppressed";
  EXPECT_NE(run.out.find("examples/migrations/003_grow_users.sql:5:20: error[changing-column-type]"), std::string::npos)
      << run.out;
}

TEST(Cli, ExitCodesFollowFailOn) {
  const TempDir dir;
  dir.write("clean.sql", "CREATE TABLE t (id int);\n");
  dir.write("warn.sql", "ALTER TABLE t DROP COLUMN c;\n");
  EXPECT_EQ(run_miglint({"lint", "clean.sql"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_miglint({"lint", "warn.sql"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_miglint({"lint", "--fail-on", "warning", "warn.sql"}, dir.path()).exit_code, 1);
  EXPECT_EQ(run_miglint({"lint", "--fail-on", "warning", "--ignore", "ban-drop-column", "warn.sql"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_miglint({"lint", "--select", "adding-required-field", "--fail-on=note", "warn.sql"}, dir.path()).exit_code, 0);
  dir.write("error.sql", "CREATE TABLE u (id int);\nALTER TABLE t ADD COLUMN x int NOT NULL;\n");
  EXPECT_EQ(run_miglint({"lint", "error.sql"}, dir.path()).exit_code, 1);
  EXPECT_EQ(run_miglint({"lint", "--fail-on", "never", "error.sql"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_miglint({"lint", "--fail-on", "never", "missing.sql"}, dir.path()).exit_code, 2) << "tool errors still fail";
}

TEST(Cli, OneRunWritesEveryReport) {
  const TempDir dir;
  dir.write("a.sql", "ALTER TABLE t DROP COLUMN c;\n");
  const RunResult ok = run_miglint({"lint", "--format", "github", "--report", "sarif=r.sarif", "--report", "markdown=summary.md",
                                    "--link-prefix", "https://example.test/blob/1/", "a.sql"},
                                   dir.path());
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_TRUE(ok.out.starts_with("::warning file=a.sql,line=1")) << ok.out;
  EXPECT_EQ(json::parse(read_file(dir.path() / "r.sarif"))["runs"][0]["results"].size(), 1U);
  EXPECT_NE(read_file(dir.path() / "summary.md").find("[a.sql:1:15](https://example.test/blob/1/a.sql#L1)"), std::string::npos);

  const RunResult bad = run_miglint({"lint", "--report", "sarif", "a.sql"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("expected FORMAT=FILE"), std::string::npos) << bad.err;
  EXPECT_EQ(run_miglint({"lint", "--report", "xml=r.xml", "a.sql"}, dir.path()).exit_code, 2);
  EXPECT_EQ(run_miglint({"lint", "-o", "x.json", "--report", "json=x.json", "a.sql"}, dir.path()).exit_code, 2);
  // A run that fails writes none of its reports, and leaves the old ones as they were.
  const std::string old_summary = read_file(dir.path() / "summary.md");
  const RunResult failed = run_miglint({"lint", "--report", "markdown=summary.md", "--report", "json=new.json", "a.sql", "missing.sql"}, dir.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir.path() / "new.json"));
  EXPECT_EQ(read_file(dir.path() / "summary.md"), old_summary);
}

TEST(Cli, UsageAndConfigErrorsExitTwoWithAMessage) {
  const TempDir dir;
  dir.write("a.sql", "SELECT 1;\n");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"lint", "missing.sql"}, "miglint: error: missing.sql: no such file or directory"},
      {{"lint"}, "miglint: error: nothing to lint"},
      {{"lint", "--format", "xml", "a.sql"}, "miglint: error: unknown format `xml`"},
      {{"lint", "--select", "no-such-rule", "a.sql"}, "miglint: error: --select names unknown rule `no-such-rule`"},
      {{"lint", "--pg-version", "99", "a.sql"}, "miglint: error: --pg-version must be a PostgreSQL version from 9 to 18 (e.g. 15 or 15.4), not `99`"},
      {{"lint", "--fail-on", "fatal", "a.sql"}, "miglint: error: --fail-on must be error, warning, note or never"},
      {{"lint", "--bogus", "a.sql"}, "miglint: error: unrecognised option '--bogus'"},
      {{"frobnicate"}, "miglint: error: unknown command `frobnicate`"},
      {{"explain", "no-such-rule"}, "miglint: error: unknown rule `no-such-rule`"},
      {{"lint", "--config", "missing.toml", "a.sql"}, "miglint: error: cannot read config file missing.toml"},
  };
  for (const Case& c : cases) {
    const RunResult run = run_miglint(c.args, dir.path());
    EXPECT_EQ(run.exit_code, 2) << c.message;
    EXPECT_TRUE(run.err.starts_with(c.message)) << "got: " << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
}

TEST(Cli, BadConfigNamesFileAndLine) {
  const TempDir dir;
  dir.write("a.sql", "SELECT 1;\n");
  dir.write("miglint.toml", "pg_version = 15\n[rules.ban-drop-column]\nseverity = \"loud\"\n");
  const RunResult run = run_miglint({"lint", "a.sql"}, dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("miglint.toml:3:12: `severity` must be"), std::string::npos) << run.err;
}

TEST(Cli, ConfigIsFoundFromTheWorkingDirectory) {
  const TempDir dir;
  dir.write("miglint.toml", "fail_on = \"warning\"\nignore = [\"require-foreign-key-index\"]\n");
  dir.write("db/001.sql", "CREATE TABLE o (id int, c int REFERENCES c (id));\nALTER TABLE t DROP COLUMN c;\n");
  const RunResult run = run_miglint({"lint", "--format", "json", "."}, dir.path() / "db");
  EXPECT_EQ(run.exit_code, 1);  // fail_on = warning from the config
  const json report = json::parse(run.out);
  ASSERT_EQ(report["diagnostics"].size(), 1U);
  EXPECT_EQ(report["diagnostics"][0]["rule"], "ban-drop-column");
  EXPECT_EQ(run_miglint({"lint", "--no-config", "."}, dir.path() / "db").exit_code, 0);
}

TEST(Cli, StdinWithFilename) {
  const RunResult run = run_miglint({"lint", "--format", "json", "--stdin-filename", "db/002_add.sql", "-"}, {},
                                    "ALTER TABLE users ADD COLUMN x int NOT NULL;\n");
  EXPECT_EQ(run.exit_code, 1);
  const json d = json::parse(run.out)["diagnostics"][0];
  EXPECT_EQ(d["file"], "db/002_add.sql");
  EXPECT_EQ(d["rule"], "adding-required-field");
}

TEST(Cli, OutputFileIsWrittenWholeOrNotAtAll) {
  const TempDir dir;
  dir.write("a.sql", "ALTER TABLE t DROP COLUMN c;\n");
  const RunResult ok = run_miglint({"lint", "--format", "sarif", "--output", "report.sarif", "a.sql"}, dir.path());
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_TRUE(ok.out.empty());
  EXPECT_EQ(json::parse(read_file(dir.path() / "report.sarif"))["version"], "2.1.0");
  const RunResult failed = run_miglint({"lint", "--output", "other.json", "--format", "json", "a.sql", "missing.sql"}, dir.path());
  EXPECT_EQ(failed.exit_code, 2);
  const RunResult bad_dir = run_miglint({"lint", "--output", "no/such/dir/r.json", "a.sql"}, dir.path());
  EXPECT_EQ(bad_dir.exit_code, 2);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir.path())) left.push_back(entry.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"a.sql", "report.sarif"}));
}

TEST(Cli, BadInputIsADiagnosticNeverACrash) {
  const TempDir dir;
  dir.write("empty.sql", "");
  dir.write("binary.sql", std::string("\x7f" "ELF\x02\x01\x01\0\0\0garbage", 16));
  dir.write("latin1.sql", "SELECT 'caf\xE9';\n");
  dir.write("unterminated.sql", "CREATE TABLE a (id int);\nSELECT $tag$ never closed;\n");
  const RunResult run = run_miglint({"lint", "--format", "json", "empty.sql", "binary.sql", "latin1.sql", "unterminated.sql"},
                                    dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json diagnostics = json::parse(run.out)["diagnostics"];
  ASSERT_EQ(diagnostics.size(), 3U) << run.out;
  std::map<std::string, json> by_file;
  for (const json& d : diagnostics) by_file[d["file"]] = d;
  EXPECT_EQ(by_file["binary.sql"]["rule"], "syntax-error");
  EXPECT_NE(by_file["binary.sql"]["message"].get<std::string>().find("NUL byte"), std::string::npos);
  EXPECT_EQ(by_file["latin1.sql"]["start"]["column"], 12);
  EXPECT_NE(by_file["latin1.sql"]["message"].get<std::string>().find("invalid UTF-8: byte 0xE9"), std::string::npos);
  EXPECT_EQ(by_file["unterminated.sql"]["start"]["line"], 2);
  EXPECT_EQ(by_file["unterminated.sql"]["start"]["column"], 8);
}

TEST(Cli, UnreadableFileIsAnError) {
  const RunResult run = run_miglint({"lint", "/proc/self/mem"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.err.starts_with("miglint: error: cannot read /proc/self/mem:")) << run.err;
  if (::geteuid() != 0) {  // root reads everything regardless of permissions
    const TempDir dir;
    const fs::path locked = dir.write("locked.sql", "SELECT 1;");
    ::chmod(locked.c_str(), 0);
    const RunResult denied = run_miglint({"lint", locked.string()});
    EXPECT_EQ(denied.exit_code, 2);
    EXPECT_NE(denied.err.find("Permission denied"), std::string::npos);
  }
}

TEST(Cli, DirectoryWithoutMigrationsIsAnError) {
  const TempDir dir;
  dir.write("README.md", "no sql here");
  const RunResult run = run_miglint({"lint", dir.path().string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no migrations found in directory"), std::string::npos) << run.err;
}

TEST(Cli, LargeFileIsLintedCompletely) {
  const TempDir dir;
  std::string big;
  big.reserve(51 * 1024 * 1024);
  const std::string line = "INSERT INTO events (id, payload) VALUES (1, '0123456789012345678901234567890123456789');\n";
  while (big.size() < 50 * 1024 * 1024) big += line;
  big += "ALTER TABLE events DROP COLUMN payload;\n";
  dir.write("big.sql", big);
  const RunResult run = run_miglint({"lint", "--format", "json", "big.sql"}, dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const json diagnostics = json::parse(run.out)["diagnostics"];
  ASSERT_EQ(diagnostics.size(), 1U);
  // The finding is on the last line, counted independently of miglint.
  EXPECT_EQ(diagnostics[0]["start"]["line"], std::count(big.begin(), big.end(), '\n'));
}

TEST(Cli, ManyStatementsAndManyFilesAreLintedCompletely) {
  const TempDir dir;
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "SELECT " + std::to_string(i) + ";\n";
  many += "ALTER TABLE t DROP COLUMN c;\n";
  dir.write("many.sql", many);
  const RunResult statements = run_miglint({"lint", "--format", "json", "many.sql"}, dir.path());
  EXPECT_EQ(statements.exit_code, 0) << statements.err;
  ASSERT_EQ(json::parse(statements.out)["diagnostics"].size(), 1U);
  EXPECT_EQ(json::parse(statements.out)["diagnostics"][0]["start"]["line"], 100001);

  for (int i = 1; i <= 10000; ++i) dir.write(fmt::format("db/V{}__m.sql", i), i == 10000 ? "ALTER TABLE t DROP COLUMN c;\n" : "SELECT 1;\n");
  const RunResult files = run_miglint({"lint", "db"}, dir.path());
  EXPECT_EQ(files.exit_code, 0) << files.err;
  EXPECT_NE(files.out.find("db/V10000__m.sql:1:15: warning[ban-drop-column]"), std::string::npos) << files.out.substr(0, 500);
  EXPECT_NE(files.out.find("flyway layout, 10000 migrations"), std::string::npos) << files.out.substr(files.out.size() - 500);
}

TEST(Cli, DeepNestingIsAFindingNotACrash) {
  const TempDir dir;
  dir.write("deep.sql", "SELECT " + std::string(100000, '(') + "1" + std::string(100000, ')') + ";\nALTER TABLE t DROP COLUMN c;\n");
  const RunResult run = run_miglint({"lint", "--format", "json", "deep.sql"}, dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json diagnostics = json::parse(run.out)["diagnostics"];
  ASSERT_GE(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0]["rule"], "syntax-error");
  EXPECT_NE(diagnostics[0]["message"].get<std::string>().find("nested too deeply"), std::string::npos) << diagnostics[0];
  // The text report shows a window of the 200,000-character line, not all of it.
  const RunResult text = run_miglint({"lint", "--color", "never", "deep.sql"}, dir.path());
  EXPECT_LT(text.out.size(), 5000U);
}

TEST(Cli, FifosAndDirectoriesNamedLikeMigrationsAreClearErrors) {
  const TempDir dir;
  dir.write("db/001_a.sql", "SELECT 1;\n");
  ASSERT_EQ(::mkfifo((dir.path() / "pipe.sql").c_str(), 0600), 0);
  const RunResult fifo = run_miglint({"lint", "pipe.sql"}, dir.path());  // must not wait for a writer
  EXPECT_EQ(fifo.exit_code, 2);
  EXPECT_NE(fifo.err.find("cannot read pipe.sql: not a regular file"), std::string::npos) << fifo.err;
  ASSERT_EQ(::mkfifo((dir.path() / "db" / "002_b.sql").c_str(), 0600), 0);
  const RunResult in_folder = run_miglint({"lint", "db"}, dir.path());
  EXPECT_EQ(in_folder.exit_code, 2);
  EXPECT_NE(in_folder.err.find("db/002_b.sql: not a regular file"), std::string::npos) << in_folder.err;
  fs::remove(dir.path() / "db" / "002_b.sql");
  fs::create_directories(dir.path() / "db" / "003_c.sql");
  const RunResult directory = run_miglint({"lint", "db"}, dir.path());
  EXPECT_LT(directory.exit_code, 2) << directory.err;
}

TEST(Cli, JobsDoNotChangeTheOutput) {
  const RunResult one = run_miglint({"lint", "--jobs", "1", "--format", "json", "examples/migrations"}, source_dir());
  const RunResult many = run_miglint({"lint", "--jobs", "4", "--format", "json", "examples/migrations"}, source_dir());
  EXPECT_EQ(one.out, many.out);
  EXPECT_FALSE(one.out.empty());
}

TEST(Cli, ColorIsExplicitOnly) {
  const TempDir dir;
  dir.write("a.sql", "ALTER TABLE t DROP COLUMN c;\n");
  EXPECT_EQ(run_miglint({"lint", "a.sql"}, dir.path()).out.find('\x1b'), std::string::npos);  // not a terminal
  EXPECT_NE(run_miglint({"lint", "--color", "always", "a.sql"}, dir.path()).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run_miglint({"lint", "--color", "always", "--no-color", "a.sql"}, dir.path()).out.find('\x1b'), std::string::npos);
}

TEST(Cli, RulesAndExplainShareTheEmbeddedDocs) {
  const RunResult list = run_miglint({"rules", "--format", "json"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(json::parse(list.out).size(), builtin_rules().entries().size());
  const RunResult explain = run_miglint({"explain", "changing-column-type"});
  EXPECT_EQ(explain.exit_code, 0);
  EXPECT_EQ(explain.out, read_file(source_dir() / "rules" / "changing_column_type.md"));
  EXPECT_EQ(run_miglint({"rules", "--format", "markdown"}).out, rules_markdown_table(builtin_rules()));
}

// The real-world corpora next to the repository: every folder lints without a crash and finds
// hazards. Skipped where ../shared/corpora is absent.
TEST(Cli, CorporaLintWithoutCrashing) {
  const fs::path corpora = source_dir() / ".." / "shared" / "corpora";
  if (!fs::is_directory(corpora)) GTEST_SKIP() << "no corpora at " << corpora;
  size_t with_findings = 0;
  for (const auto& entry : fs::directory_iterator(corpora)) {
    if (!entry.is_directory()) continue;
    const RunResult run = run_miglint({"lint", "--format", "json", entry.path().string()});
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << entry.path() << ": " << run.err;
    const json report = json::parse(run.out);
    with_findings += report["diagnostics"].empty() ? 0 : 1;
  }
  EXPECT_GE(with_findings, 4U);
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

TEST(CliMigrations, ListsLayoutVersionsDownsAndTransactions) {
  const TempDir dir;
  dir.write("1_init.up.sql", "CREATE TABLE a (id int);");
  dir.write("1_init.down.sql", "DROP TABLE a;");
  dir.write("2_index.up.sql", "CREATE INDEX CONCURRENTLY i ON a (id);");
  const RunResult run = run_miglint({"migrations", "--format", "json", "."}, dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const json set = json::parse(run.out)["sets"][0];
  EXPECT_EQ(set["layout"], "golang-migrate");
  ASSERT_EQ(set["migrations"].size(), 2U);
  EXPECT_EQ(set["migrations"][0]["version"], "1");
  EXPECT_EQ(set["migrations"][0]["has_down"], true);
  EXPECT_EQ(set["migrations"][0]["down"]["file"], "1_init.down.sql");
  EXPECT_EQ(set["migrations"][1]["has_down"], false);
  EXPECT_EQ(set["migrations"][1]["transaction"], "implicit");
  const RunResult text = run_miglint({"migrations", "."}, dir.path());
  EXPECT_NE(text.out.find(". (golang-migrate layout, 2 migrations)"), std::string::npos) << text.out;
}

TEST(CliMigrations, AnAssumedLayoutSaysWhy) {
  const TempDir dir;
  dir.write("201701261850_create_x.up.sql", "CREATE TABLE x (id int);");
  dir.write("201806191904_create_y.sql", "CREATE TABLE y (id int);");
  const RunResult lint = run_miglint({"lint", "."}, dir.path());
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_NE(lint.out.find(".: files layout, 2 migrations (assumed: only 1 of 2 migration files are named as golang-migrate "
                          "expects (201806191904_create_y.sql is not)"),
            std::string::npos)
      << lint.out;
  const RunResult list = run_miglint({"migrations", "--format", "json", "."}, dir.path());
  const json set = json::parse(list.out)["sets"][0];
  EXPECT_EQ(set["layout"], "files");
  EXPECT_EQ(set["layout_certain"], false);
  EXPECT_EQ(set["migrations"].size(), 2U);
  dir.write("miglint.toml", "layout = \"golang-migrate\"\n");
  const RunResult configured = run_miglint({"lint", "."}, dir.path());
  EXPECT_EQ(configured.exit_code, 1) << configured.out;
  EXPECT_NE(configured.out.find("201806191904_create_y.sql:1:1: error[require-migration-naming]"), std::string::npos)
      << configured.out;
}

// Down migrations are checked by the rules that predict a failure and the rules about downs (data
// a rollback drops, a down that does not restore the schema); `lint_downs = "all"` adds the others
// (locking, compatibility).
TEST(CliLint, DownsAreCheckedForFailuresOrWithEveryRule) {
  const TempDir dir;
  dir.write("db/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  dir.write("db/1_users.down.sql", "DROP TABLE users;\n");
  dir.write("db/2_drop_email.up.sql", "-- miglint-ignore: ban-drop-column\nALTER TABLE users DROP COLUMN email;\n");
  dir.write("db/2_drop_email.down.sql", "ALTER TABLE users ADD COLUMN email text NOT NULL;\nDROP INDEX nope;\n");
  auto rules = [](const RunResult& run) {
    std::vector<std::string> out;
    const json report = json::parse(run.out);
    for (const json& d : report["diagnostics"]) out.push_back(d["rule"].get<std::string>());
    return out;
  };
  const RunResult failures = run_miglint({"lint", "--no-config", "--format", "json", "db"}, dir.path());
  // The second down makes `email` NOT NULL, which it was not before the up.
  EXPECT_EQ(rules(failures), (std::vector<std::string>{"down-drops-data", "down-not-undoing-up", "ban-failing-drop"}))
      << failures.out;
  dir.write("miglint.toml", "lint_downs = \"all\"\n");
  const RunResult all = run_miglint({"lint", "--format", "json", "db"}, dir.path());
  EXPECT_EQ(rules(all), (std::vector<std::string>{"down-drops-data", "down-not-undoing-up", "adding-required-field",
                                                  "ban-failing-drop", "require-concurrent-index-deletion"}))
      << all.out;
}

// miglint fix: --diff changes nothing; fix rewrites only what changes, safe fixes only unless
// --unsafe-fixes; stdin in, fixed text out.
TEST(CliFix, DiffWriteAndStdin) {
  const TempDir dir;
  dir.write("db/1_users.up.sql", "CREATE TABLE users (id bigint, email text);\n");
  dir.write("db/2_index.up.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  dir.write("db/3_check.up.sql", "ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);\n");
  const RunResult diff = run_miglint({"fix", "--diff", "db"}, dir.path());
  EXPECT_EQ(diff.exit_code, 1) << diff.err;
  EXPECT_EQ(diff.out,
            "--- a/db/2_index.up.sql\n+++ b/db/2_index.up.sql\n@@ -1,1 +1,1 @@\n"
            "-CREATE INDEX users_email_idx ON users (email);\n+CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  EXPECT_EQ(read_file(dir.path() / "db/2_index.up.sql"), "CREATE INDEX users_email_idx ON users (email);\n");

  const RunResult fixed = run_miglint({"fix", "db"}, dir.path());
  EXPECT_EQ(fixed.exit_code, 1) << "the CHECK has only an unsafe fix, so its error remains: " << fixed.out;
  EXPECT_NE(fixed.out.find("fixed 1 finding in 1 file (safe fixes only"), std::string::npos) << fixed.out;
  EXPECT_EQ(read_file(dir.path() / "db/2_index.up.sql"), "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  EXPECT_EQ(read_file(dir.path() / "db/3_check.up.sql"), "ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);\n");

  const RunResult unsafe = run_miglint({"fix", "--unsafe-fixes", "--select", "constraint-missing-not-valid", "db"}, dir.path());
  EXPECT_EQ(unsafe.exit_code, 0) << unsafe.out;
  EXPECT_EQ(read_file(dir.path() / "db/3_check.up.sql"),
            "ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0) NOT VALID;\n");

  const RunResult piped = run_miglint({"fix", "-"}, dir.path(), "DROP INDEX users_email_idx;\n");
  EXPECT_EQ(piped.out, "DROP INDEX CONCURRENTLY users_email_idx;\n");
  EXPECT_NE(piped.err.find("fixed 1 finding in 1 file"), std::string::npos) << piped.err;
}

TEST(CliMigrations, LayoutIsShownAndCanBeForced) {
  const TempDir dir;
  dir.write("V1__init.sql", "CREATE TABLE a (id int);");
  dir.write("2_two.up.sql", "SELECT 1;");
  const RunResult mixed = run_miglint({"lint", "."}, dir.path());
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("mixes migrations of different runners"), std::string::npos) << mixed.err;
  const RunResult forced = run_miglint({"lint", "--layout", "flyway", "."}, dir.path());
  EXPECT_EQ(forced.exit_code, 1) << forced.err;  // Flyway would ignore 2_two.up.sql
  EXPECT_NE(forced.out.find("2_two.up.sql:1:1: error[require-migration-naming]: Flyway ignores this file"), std::string::npos)
      << forced.out;
  EXPECT_NE(forced.out.find(".: flyway layout, 1 migrations"), std::string::npos) << forced.out;
  const RunResult unknown = run_miglint({"lint", "--layout", "rails", "."}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown layout `rails`"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

// Rules see only the up part of a goose file (a byte order mark in front changes nothing), while
// its down part is still checked for syntax.
TEST(CliSections, UpPartIsLintedDownPartIsSyntaxChecked) {
  const TempDir dir;
  dir.write("001_init.sql", "-- +goose Up\nCREATE TABLE t (id int, c int);\n-- +goose Down\nDROP TABLE t;\n");
  dir.write("002_drop.sql",
            "\xEF\xBB\xBF-- +goose Up\nALTER TABLE t DROP COLUMN c;\n-- +goose Down\nALTER TABLE t ADD COLUMN c int NOT NULL;\nDROPP;\n");
  const RunResult run = run_miglint({"lint", "--format", "json", "."}, dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json report = json::parse(run.out);
  std::vector<std::string> found;
  for (const json& d : report["diagnostics"]) {
    found.push_back(d["file"].get<std::string>() + ":" + std::to_string(d["start"]["line"].get<int>()) + " " +
                    d["rule"].get<std::string>());
  }
  // The rollback of 001 drops the table it created (a note); 002's down does not parse, so it is
  // not compared with the schema its up started from.
  EXPECT_EQ(found, (std::vector<std::string>{"001_init.sql:4 down-drops-data", "002_drop.sql:2 ban-drop-column",
                                              "002_drop.sql:5 syntax-error"}));
}

}  // namespace
}  // namespace miglint::test
