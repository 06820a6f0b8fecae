// miglint validate against a real PostgreSQL that the tool starts itself.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/statvfs.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <optional>
#include <regex>
#include <nlohmann/json.hpp>
#include <thread>

#include "linter/error.hpp"
#include "linter/process.hpp"
#include "tests/test_support.hpp"
#include "validator/pq.hpp"
#include "validator/temp_cluster.hpp"
#include "validator/trace.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;


struct Finding {
  std::string file;
  int line;
  int column;
  std::string rule;
  std::string message;
};

std::vector<Finding> findings(const RunResult& run) {
  std::vector<Finding> out;
  const json report = json::parse(run.out);
  for (const json& d : report["diagnostics"]) {
    out.push_back({fs::path(d["file"].get<std::string>()).filename().string(), d["start"]["line"], d["start"]["column"],
                   d["rule"], d["message"]});
  }
  return out;
}

RunResult validate_dir(const TempDir& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"validate", "--format", "json", "migrations"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_miglint(args, dir.path());
}

std::vector<std::string> clusters_in(const fs::path& temp) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(temp)) {
    if (entry.path().filename().string().starts_with("miglint-pg-")) out.push_back(entry.path().string());
  }
  return out;
}

TEST(Validate, DownThatDoesNotRevertAndUpThatIsNotRepeatable) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TYPE status AS ENUM ('a', 'b');\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE users;\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 2U) << run.out;
  EXPECT_EQ(found[0].rule, "down-not-reverting");
  EXPECT_EQ(found[0].file, "1_init.down.sql");
  EXPECT_NE(found[0].message.find("enum public.status should not exist"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[1].rule, "up-not-repeatable");
  EXPECT_EQ(found[1].line, 2);
  EXPECT_NE(found[1].message.find("type \"status\" already exists"), std::string::npos) << found[1].message;
}

// validate's findings go through the same rule set as lint's: suppressions, --select, --ignore,
// severities and fail_on from miglint.toml.
TEST(Validate, HonoursSuppressionsSelectIgnoreSeveritiesAndFailOn) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TYPE status AS ENUM ('a', 'b');\n");
  dir.write("migrations/1_init.down.sql",
            "-- miglint-ignore: down-not-reverting -- the enum outlives a rollback on purpose\nDROP TABLE users;\n");
  auto rules_of = [](const RunResult& run) {
    std::vector<std::string> out;
    for (const Finding& f : findings(run)) out.push_back(f.rule);
    return out;
  };
  const RunResult plain = validate_dir(dir);
  EXPECT_EQ(plain.exit_code, 1) << plain.err;
  EXPECT_EQ(rules_of(plain), std::vector<std::string>{"up-not-repeatable"}) << "down-not-reverting is suppressed";

  const RunResult ignored = validate_dir(dir, {"--ignore", "up-not-repeatable"});
  EXPECT_EQ(ignored.exit_code, 0) << ignored.out << ignored.err;
  EXPECT_TRUE(rules_of(ignored).empty()) << ignored.out;

  const RunResult selected = validate_dir(dir, {"--select", "down-not-reverting"});
  EXPECT_EQ(selected.exit_code, 0) << selected.out << selected.err;
  EXPECT_TRUE(rules_of(selected).empty()) << selected.out;

  dir.write("miglint.toml", "[rules.up-not-repeatable]\nseverity = \"warning\"\n");
  const RunResult warned = validate_dir(dir);
  EXPECT_EQ(warned.exit_code, 0) << warned.out << warned.err;
  ASSERT_EQ(rules_of(warned), std::vector<std::string>{"up-not-repeatable"});
  EXPECT_EQ(json::parse(warned.out)["diagnostics"][0]["severity"], "warning");

  dir.write("miglint.toml", "fail_on = \"warning\"\n[rules.up-not-repeatable]\nseverity = \"warning\"\n");
  EXPECT_EQ(validate_dir(dir).exit_code, 1);

  const RunResult unknown = validate_dir(dir, {"--select", "no-such-rule"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--select names unknown rule `no-such-rule`"), std::string::npos) << unknown.err;
}

// diesel runs `20140924113530_x` before `2017-08-31-230457_y` (version 20170831230457): the
// second migration alters the table the first creates.
TEST(Validate, DieselMixedVersionStylesRunInTheRunnersOrder) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/20140924113530_create_users/up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  dir.write("migrations/20140924113530_create_users/down.sql", "DROP TABLE users;\n");
  dir.write("migrations/2017-08-31-230457_add_email/up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  dir.write("migrations/2017-08-31-230457_add_email/down.sql", "ALTER TABLE users DROP COLUMN email;\n");
  dir.write("migrations/20170925000000_index_email/up.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  dir.write("migrations/20170925000000_index_email/down.sql", "DROP INDEX users_email_idx;\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// Every down problem is reported in one run; checks never change the forward chain; only a failing
// up stops the run, as it stops the runner.
TEST(Validate, EveryDownProblemInOneRun) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_a.up.sql", "CREATE TABLE a (id bigint PRIMARY KEY, email text);\n");
  dir.write("migrations/1_a.down.sql", "DROP TABLE no_such_table;\n");                       // fails
  dir.write("migrations/2_b.up.sql", "CREATE TABLE b (id bigint);\n");
  dir.write("migrations/2_b.down.sql", "SELECT 1;\n");                                        // reverts nothing
  dir.write("migrations/3_c.up.sql", "CREATE INDEX CONCURRENTLY a_email_idx ON a (email);\n");  // outside a transaction
  dir.write("migrations/3_c.down.sql", "DROP INDEX CONCURRENTLY a_email_idx;\n");             // checked on a copy
  dir.write("migrations/4_d.up.sql", "ALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\n");
  dir.write("migrations/4_d.down.sql", "ALTER TABLE b DROP COLUMN y;\nALTER TABLE a DROP COLUMN x;\n");
  dir.write("migrations/5_e.up.sql", "ALTER TABLE no_such_table ADD COLUMN z int;\n");       // stops the run
  dir.write("migrations/5_e.down.sql", "SELECT 1;\n");
  dir.write("migrations/6_f.up.sql", "CREATE TABLE f (id bigint);\n");
  dir.write("migrations/6_f.down.sql", "DROP TABLE f;\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::vector<std::string> found;
  for (const Finding& f : findings(run)) found.push_back(f.file + " " + f.rule);
  EXPECT_EQ(found, (std::vector<std::string>{"1_a.down.sql migration-failed", "2_b.down.sql down-not-reverting",
                                             "2_b.up.sql up-not-repeatable", "5_e.up.sql migration-failed"}))
      << run.out;
  const RunResult text = run_miglint({"validate", "--no-color", "--report", "markdown=report.md", "migrations"}, dir.path());
  // The Markdown report has one row per migration with what each step did (timings removed).
  const std::string markdown =
      std::regex_replace(read_file(dir.path() / "report.md"), std::regex(R"( \([0-9]+\.[0-9]+ s\))"), "");
  for (const char* row : {"| 1 a | ✅ passed | ❌ failed | – |", "| 2 b | ✅ passed | ⚠️ schema differs | ❌ failed |",
                          "| 3 c | ✅ passed | ✅ passed | ✅ passed |", "| 4 d | ✅ passed | ✅ passed | ✅ passed |",
                          "| 5 e | ❌ failed | – | – |", "| 6 f | – | – | – |"}) {
    EXPECT_NE(markdown.find(row), std::string::npos) << row << "\n" << markdown;
  }
  EXPECT_NE(text.out.find("validated: 4 migrations applied, 3 downs checked, 1 failed, 2 skipped (after a failing up "
                          "migration, which stops the runner), 0 drifted objects"),
            std::string::npos)
      << text.out;
}

// Checks inside a rolled-back transaction keep the real run's behaviour: a script's own
// BEGIN/COMMIT work, and DROP INDEX CONCURRENTLY of a partitioned index still fails as it does
// on a real server (it goes to a copy of the database).
TEST(Validate, ChecksBehaveLikeTheRealRun) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_p.up.sql",
            "CREATE TABLE p (id int, d date) PARTITION BY RANGE (d);\nCREATE INDEX p_d_idx ON p (d);\n");
  dir.write("migrations/1_p.down.sql", "DROP INDEX CONCURRENTLY p_d_idx;\n");
  dir.write("migrations/2_q.up.sql", "BEGIN;\nCREATE TABLE q (id int);\nCOMMIT;\n");
  dir.write("migrations/2_q.down.sql", "BEGIN;\nDROP TABLE q;\nCOMMIT;\n");
  dir.write("migrations/3_r.up.sql", "CREATE INDEX CONCURRENTLY q_id_idx ON q (id);\n");
  dir.write("migrations/3_r.down.sql", "DROP INDEX CONCURRENTLY q_id_idx;\n");
  const RunResult run = validate_dir(dir);
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out << run.err;
  EXPECT_EQ(found[0].file, "1_p.down.sql");
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_NE(found[0].message.find("concurrently"), std::string::npos) << found[0].message;
}

// validate --base: the base's migrations are applied up only (a bad old down is not this pull
// request's problem), from a cached state on the second run; the new migration gets up, down, up.
TEST(Validate, BaseMigrationsAreAppliedUpOnlyFromACachedState) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  const TempDir cache;
  auto git = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-c", "user.name=miglint", "-c", "user.email=miglint@example.invalid"};
    argv.insert(argv.end(), args.begin(), args.end());
    ASSERT_EQ(run_command(argv, dir.path()).exit_code, 0);
  };
  git({"init", "-q"});
  dir.write("migrations/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  dir.write("migrations/1_users.down.sql", "SELECT 1;\n");  // an old down that reverts nothing
  dir.write("migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n");
  dir.write("migrations/2_orders.down.sql", "DROP TABLE orders;\n");
  git({"add", "."});
  git({"commit", "-q", "-m", "base"});
  dir.write("migrations/3_notes.up.sql", "CREATE TABLE notes (id bigint);\nCREATE TYPE mood AS ENUM ('ok');\n");
  dir.write("migrations/3_notes.down.sql", "DROP TABLE notes;\n");  // the new down forgets the type
  const std::vector<std::string> env = {"MIGLINT_CACHE_DIR=" + cache.path().string()};
  const std::vector<std::string> args = {"validate", "--no-color", "--base", "HEAD", "migrations"};

  const RunResult first = run_miglint(args, dir.path(), {}, env);
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
  EXPECT_NE(first.out.find("2 migrations applied at HEAD were applied up only; their 2 downs were not checked"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("3_notes.down.sql:1:1: error[down-not-reverting]"), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find("1_users.down.sql"), std::string::npos) << "an old down is not judged";

  const RunResult second = run_miglint(args, dir.path(), {}, env);
  EXPECT_NE(second.out.find("were applied up only, from the cached state"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("3_notes.down.sql:1:1: error[down-not-reverting]"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("3_notes.up.sql:2:1: error[up-not-repeatable]"), std::string::npos) << second.out;

  // --whole-history judges the old down too.
  std::vector<std::string> whole = args;
  whole.insert(whole.begin() + 1, "--whole-history");
  const RunResult all = run_miglint(whole, dir.path(), {}, env);
  EXPECT_NE(all.out.find("1_users.down.sql:1:1: error[down-not-reverting]"), std::string::npos) << all.out;

  // Editing an applied migration changes the key: its state is built again, not taken from the cache.
  dir.write("migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
  const RunResult edited = run_miglint(args, dir.path(), {}, env);
  EXPECT_NE(edited.out.find("1 migrations applied at HEAD were applied up only; their 1 downs"), std::string::npos)
      << edited.out;
}

TEST(Validate, CleanSetPasses) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE users;\n");
  dir.write("migrations/2_index.up.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  dir.write("migrations/2_index.down.sql", "DROP INDEX CONCURRENTLY users_email_idx;\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// The trace line (`line N  T s  what it did`) of the first statement of the migration whose up
// file is `file`, in a text report.
std::string traced(const std::string& report, const std::string& file) {
  const size_t header = report.find(file + ")\n");
  if (header == std::string::npos) return "";
  const size_t begin = report.find('\n', header) + 1;
  return report.substr(begin, report.find('\n', begin) - begin);
}

// Lock modes, rewrites and scans as PostgreSQL 15 reports them (../shared/reference/linters.md
// lists the same, measured by hand).
TEST(Validate, TraceMeasuresLocksRewritesAndScans) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
            "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 100) g;\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE users;\n");
  dir.write("migrations/2_not_null.up.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
  dir.write("migrations/2_not_null.down.sql", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n");
  dir.write("migrations/3_index.up.sql", "CREATE INDEX users_email ON users (email);\n");
  dir.write("migrations/3_index.down.sql", "DROP INDEX users_email;\n");
  dir.write("migrations/4_column.up.sql", "ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT clock_timestamp();\n");
  dir.write("migrations/4_column.down.sql", "ALTER TABLE users DROP COLUMN seen;\n");
  dir.write("migrations/5_concurrent.up.sql", "CREATE INDEX CONCURRENTLY users_seen ON users (seen);\n");
  dir.write("migrations/5_concurrent.down.sql", "DROP INDEX CONCURRENTLY users_seen;\n");
  const RunResult run = run_miglint({"validate", "--no-color", "--trace", "migrations"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  const std::string create = traced(run.out, "1_init.up.sql");
  EXPECT_NE(create.find("no new lock on existing relations"), std::string::npos) << run.out;
  EXPECT_EQ(create.find("scanned"), std::string::npos) << create;  // the new table's own index build

  const std::string not_null = traced(run.out, "2_not_null.up.sql");
  EXPECT_NE(not_null.find("AccessExclusiveLock on users (table)"), std::string::npos) << run.out;
  EXPECT_NE(not_null.find("scanned users"), std::string::npos) << not_null;
  EXPECT_EQ(not_null.find("rewrote"), std::string::npos) << not_null;

  const std::string index = traced(run.out, "3_index.up.sql");
  EXPECT_NE(index.find("ShareLock on users (table)"), std::string::npos) << run.out;
  EXPECT_EQ(index.find("AccessExclusiveLock on users "), std::string::npos) << index;
  EXPECT_NE(index.find("scanned users"), std::string::npos) << index;

  const std::string column = traced(run.out, "4_column.up.sql");
  EXPECT_NE(column.find("AccessExclusiveLock on users (table)"), std::string::npos) << run.out;
  EXPECT_NE(column.find("rewrote users"), std::string::npos) << column;
  EXPECT_NE(column.find("users_pkey"), std::string::npos) << column;

  const std::string concurrent = traced(run.out, "5_concurrent.up.sql");
  EXPECT_NE(concurrent.find("locks not measured"), std::string::npos) << run.out;

  // The same timeline in the JSON report, per migration.
  const RunResult as_json = run_miglint({"validate", "--format", "json", "--trace", "migrations"}, dir.path());
  const json report = json::parse(as_json.out);
  ASSERT_EQ(report["migrations"].size(), 5U) << as_json.out;
  const json& not_null_json = report["migrations"][1];
  EXPECT_EQ(not_null_json["version"], "2");
  EXPECT_EQ(not_null_json["up"]["outcome"], "passed");
  ASSERT_EQ(not_null_json["trace"].size(), 1U);
  EXPECT_EQ(not_null_json["trace"][0]["locks"][0]["mode"], "AccessExclusiveLock");
  EXPECT_EQ(not_null_json["trace"][0]["locks"][0]["relation"], "users");
  EXPECT_EQ(not_null_json["trace"][0]["scanned"], json::array({"users"}));
  EXPECT_EQ(report["migrations"][3]["trace"][0]["rewritten"].size(), 3U);  // users, users_email, users_pkey
  EXPECT_EQ(report["migrations"][4]["trace"][0]["locks_measured"], false);

  // Without --trace, no trace.
  const RunResult plain = run_miglint({"validate", "--no-color", "migrations"}, dir.path());
  EXPECT_EQ(plain.out.find("Statement trace"), std::string::npos) << plain.out;
}

// Statements of one transaction are measured from the state the previous one left (read once,
// not twice): each sees only its own locks, scans and rows, and our own COMMIT between
// autocommit statements starts afresh.
TEST(Validate, TraceOfConsecutiveStatementsSeesOnlyEachOnesOwnEffects) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
            "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 50) g;\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n"
            "INSERT INTO orders SELECT g, g FROM generate_series(1, 30) g;\n"
            "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
            "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n");
  dir.write("migrations/2_block.up.sql",
            "BEGIN;\n"
            "ALTER TABLE users ADD COLUMN a int;\n"
            "CREATE INDEX users_email ON users (email);\n"
            "SELECT count(*) FROM orders;\n"
            "UPDATE orders SET total = total + 1;\n"
            "COMMIT;\n"
            "UPDATE users SET a = 1 WHERE id <= 10;\n"
            "SELECT count(*) FROM users;\n"
            "CREATE INDEX events_id ON events (id);\n");
  const RunResult run = validate_dir(dir, {"--trace"});
  const json report = json::parse(run.out);
  ASSERT_EQ(report["migrations"].size(), 2U) << run.out;
  const json& trace = report["migrations"][1]["trace"];
  ASSERT_EQ(trace.size(), 7U) << trace.dump(1);
  const auto locks = [&](size_t i) {  // on tables (the planner also opens their indexes)
    std::vector<std::string> out;
    for (const json& lock : trace[i]["locks"]) {
      if (lock["kind"] == "table") out.push_back(lock["mode"].get<std::string>() + " " + lock["relation"].get<std::string>());
    }
    return out;
  };
  EXPECT_EQ(locks(0), std::vector<std::string>{"AccessExclusiveLock users"});
  EXPECT_EQ(locks(1), std::vector<std::string>{"ShareLock users"});  // the AccessExclusiveLock is not new
  EXPECT_EQ(trace[1]["scanned"], json::array({"users"}));
  EXPECT_EQ(locks(2), std::vector<std::string>{"AccessShareLock orders"});  // users: held before, not taken
  EXPECT_EQ(trace[2]["scanned"], json::array({"orders"}));
  EXPECT_EQ(trace[3]["rows"], 30);
  EXPECT_EQ(trace[3]["scanned"], json::array({"orders"}));
  // After COMMIT, each autocommit statement runs in a transaction of its own.
  EXPECT_EQ(locks(4), std::vector<std::string>{"RowExclusiveLock users"});
  EXPECT_EQ(trace[4]["rows"], 10);
  EXPECT_EQ(locks(5), std::vector<std::string>{"AccessShareLock users"});
  EXPECT_EQ(trace[5]["rows"], 0);
  EXPECT_EQ(trace[5]["scanned"], json::array({"users"}));
  // A partitioned table is scanned through its partitions.
  EXPECT_EQ(trace[6]["scanned"], json::array({"events", "events_2026"}));
}

// The tracer reads the server's state with statements it prepared once per session; a migration
// that removes every prepared statement (DEALLOCATE ALL, in and out of a transaction, and DISCARD
// ALL) is traced on, and its later statements measured.
TEST(Validate, TraceGoesOnAfterAMigrationRemovesPreparedStatements) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE t (id int, note text);\nCREATE INDEX t_id ON t (id);\n");
  dir.write("migrations/2_deallocate.up.sql",
            "BEGIN;\nDEALLOCATE ALL;\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;\nDEALLOCATE ALL;\n"
            "ALTER TABLE t ALTER COLUMN b TYPE bigint;\n");
  dir.write("migrations/3_discard.up.sql", "DISCARD ALL;\n");  // alone: golang-migrate runs it outside a transaction
  dir.write("migrations/4_after.up.sql", "CLUSTER t USING t_id;\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE t;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--trace"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const json report = json::parse(run.out);
  ASSERT_EQ(report["migrations"].size(), 4U) << run.out;
  const json& trace = report["migrations"][1]["trace"];
  ASSERT_EQ(trace.size(), 4U) << trace.dump(1);
  EXPECT_EQ(trace[1]["statement"], "ALTER TABLE t ADD COLUMN b int");
  EXPECT_EQ(trace[3]["statement"], "ALTER TABLE t ALTER COLUMN b TYPE bigint");
  EXPECT_EQ(trace[3]["rewritten"], json::array({"t", "t_id"})) << trace[3].dump();
  // CLUSTER gives the table and its TOAST table new files (a type change gives the TOAST table a
  // new oid: it is a new relation, not a rewritten one).
  const json& after = report["migrations"][3]["trace"];
  ASSERT_EQ(after.size(), 1U) << after.dump(1);
  EXPECT_EQ(after[0]["rewritten"], json::array({"t", "t (TOAST)", "t_id"})) << after[0].dump();
}

// Flyway runs a migration in a transaction unless its parser recognises a statement that cannot
// run in one; REINDEX ... CONCURRENTLY it does not recognise. A script configuration file
// (`V2__x.sql.conf`) with executeInTransaction=false runs it outside.
TEST(Validate, FlywayRunsWhatItDoesNotRecogniseInATransactionUnlessTheScriptConfigSaysNot) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/V1__init.sql", "CREATE TABLE a (id int);\nCREATE INDEX a_id ON a (id);\n");
  dir.write("migrations/V2__reindex.sql", "REINDEX INDEX CONCURRENTLY a_id;\n");
  const std::vector<Finding> found = findings(validate_dir(dir));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_EQ(found[0].file, "V2__reindex.sql");
  EXPECT_NE(found[0].message.find("REINDEX CONCURRENTLY cannot run inside a transaction block"), std::string::npos)
      << found[0].message;
  dir.write("migrations/V2__reindex.sql.conf", "# script configuration\nexecuteInTransaction=false\n");
  const RunResult outside = validate_dir(dir);
  EXPECT_EQ(outside.exit_code, 0) << outside.out;
  EXPECT_TRUE(findings(outside).empty()) << outside.out;
}

// golang-migrate sends a file as one query: PostgreSQL runs it in an implicit transaction, and
// after an explicit COMMIT in the file the statements left run in a new one, where CREATE INDEX
// CONCURRENTLY fails (as `psql -c` shows on PostgreSQL 15). The linter says so too.
TEST(Validate, StatementsAfterACommitRunInTheImplicitTransactionAgain) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE a (id int);\nBEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  const std::vector<Finding> found = findings(validate_dir(dir, {"--layout", "golang-migrate"}));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_EQ(found[0].line, 5);
  EXPECT_NE(found[0].message.find("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), std::string::npos)
      << found[0].message;
  const RunResult lint = run_miglint({"lint", "--format", "json", "--layout", "golang-migrate", "migrations"}, dir.path());
  EXPECT_NE(lint.out.find("ban-concurrent-index-creation-in-transaction"), std::string::npos) << lint.out;
}

// goose sends each statement on its own: after the file's COMMIT ended goose's transaction, the
// rest runs in autocommit and CONCURRENTLY works; dbmate sends the section as one query, and the
// rest runs in an implicit transaction, where it fails (RealRunners checks dbmate itself). A
// COMMIT with no BEGIN of the script's is no savepoint to release when the down is checked.
TEST(Validate, StatementsAfterACommitRunAsTheRunnerSendsThem) {
  REQUIRE_POSTGRES();
  const std::string up = "CREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n";
  const TempDir goose;
  goose.write("migrations/00001_init.sql", "-- +goose Up\n" + up + "-- +goose Down\nDROP TABLE a;\n");
  const RunResult goose_run = validate_dir(goose, {});
  EXPECT_TRUE(findings(goose_run).empty()) << goose_run.out << goose_run.err;
  const json goose_report = json::parse(goose_run.out);
  EXPECT_EQ(goose_report["migrations"][0]["down"]["outcome"], "passed") << goose_run.out;
  EXPECT_EQ(goose_report["migrations"][0]["up_again"]["outcome"], "passed") << goose_run.out;

  const TempDir dbmate;
  dbmate.write("migrations/20240101000000_init.sql", "-- migrate:up\n" + up + "-- migrate:down\nDROP TABLE a;\n");
  const std::vector<Finding> found = findings(validate_dir(dbmate, {}));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_EQ(found[0].line, 4);
  EXPECT_NE(found[0].message.find("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), std::string::npos)
      << found[0].message;
}

// The synthetic rows, checked by the server itself: a migration that raises when they are not
// what --rows promises.
TEST(Validate, RowsFillEveryTableWithValuesThatRespectTheSchema) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
            "CREATE DOMAIN short_code AS varchar(4);\n"
            "CREATE TABLE users (id bigserial PRIMARY KEY, email text UNIQUE NOT NULL, nick text, score int, m mood,\n"
            "  code short_code, born date, seen timestamptz, data jsonb, ip inet, tags text[], ok boolean NOT NULL);\n"
            "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            "  user_id bigint NOT NULL REFERENCES users (id), total numeric(12,2) CHECK (total > 0), ref uuid UNIQUE);\n"
            "CREATE TABLE schema_migrations (version text);\n");
  dir.write("migrations/2_assert.up.sql",
            "DO $$ BEGIN\n"
            "  IF (SELECT count(*) FROM users) <> 40 THEN RAISE EXCEPTION 'users not filled'; END IF;\n"
            "  IF (SELECT count(*) FROM users WHERE nick IS NULL) = 0 THEN RAISE EXCEPTION 'no NULL nick'; END IF;\n"
            "  IF (SELECT count(DISTINCT score) FROM users) >= 30 THEN RAISE EXCEPTION 'scores do not repeat'; END IF;\n"
            "  IF (SELECT count(DISTINCT email) FROM users) <> 40 THEN RAISE EXCEPTION 'emails repeat'; END IF;\n"
            "  IF EXISTS (SELECT 1 FROM users WHERE nick ~ '^[0-9]+$') THEN RAISE EXCEPTION 'numeric text'; END IF;\n"
            "  IF (SELECT count(DISTINCT m) FROM users) <> 2 THEN RAISE EXCEPTION 'enum not cycled'; END IF;\n"
            "  IF (SELECT count(DISTINCT user_id) FROM orders) < 2 THEN RAISE EXCEPTION 'one parent only'; END IF;\n"
            "  IF EXISTS (SELECT 1 FROM orders WHERE total <= 0) THEN RAISE EXCEPTION 'check broken'; END IF;\n"
            "  IF (SELECT count(*) FROM orders) = 0 THEN RAISE EXCEPTION 'orders empty'; END IF;\n"
            "  IF (SELECT count(*) FROM schema_migrations) <> 0 THEN RAISE EXCEPTION 'runner table filled'; END IF;\n"
            "  IF NOT EXISTS (SELECT 1 FROM pg_stats WHERE tablename = 'orders' AND attname = 'user_id') THEN\n"
            "    RAISE EXCEPTION 'no statistics, as production tables have';\n"
            "  END IF;\n"
            "END $$;\n");
  const RunResult run = run_miglint({"validate", "--no-color", "--layout", "golang-migrate", "--rows", "40", "migrations"},
                                    dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("synthetic data: 2 tables filled with 40 rows each"), std::string::npos) << run.out;
  // total > 0 refuses the rows whose generated total is 0 (every 7th): they are left out, and the
  // note says so.
  EXPECT_NE(run.out.find("orders got 35 of 40 rows: rows that a CHECK constraint refuses"), std::string::npos)
      << run.out;
}

// A refusal that a NULL causes falls on one tenth of the rows (each nullable column is NULL in
// its own tenth): the other nine tenths still go in at bulk speed, not row by row, whose time
// budget a slow trigger would use up after a few hundred rows.
TEST(Validate, RowsKeepTheTenthsARefusalDoesNotTouch) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE events (id bigint PRIMARY KEY, run_id text);\n"
            "CREATE FUNCTION slow_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
            "  IF NEW.run_id IS NULL THEN RAISE EXCEPTION 'run_id is required'; END IF;\n"
            "  PERFORM pg_sleep(0.001); RETURN NEW; END $$;\n"
            "CREATE TRIGGER checked BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION slow_check();\n");
  dir.write("migrations/2_after.up.sql", "CREATE TABLE later (id int);\n");
  const RunResult run = run_miglint({"validate", "--no-color", "--layout", "golang-migrate", "--rows", "1000", "migrations"},
                                    dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("events got 900 of 1000 rows: run_id is required"), std::string::npos) << run.out;
}

// Rows a migration inserted itself stay; the synthetic rows whose key they already hold are left
// out (the fill meets the conflict and skips it), and the note says what the table held.
TEST(Validate, RowsAddToTheRowsAMigrationInserted) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE codes (code text PRIMARY KEY, label text);\n"
            "INSERT INTO codes SELECT g || ' text', 'seeded' FROM generate_series(1, 5) AS g;\n");
  dir.write("migrations/2_after.up.sql",
            "DO $$ BEGIN IF (SELECT count(*) FROM codes) <> 40 OR (SELECT count(*) FROM codes WHERE label = 'seeded') <> 5 "
            "THEN RAISE EXCEPTION 'codes hold %', (SELECT count(*) FROM codes); END IF; END $$;\n");
  const RunResult run = run_miglint({"validate", "--no-color", "--layout", "golang-migrate", "--rows", "40", "migrations"},
                                    dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("codes got 35 of 40 rows (it held 5 before)"), std::string::npos) << run.out;
}

// A non-unique column's values repeat (a unique index over it fails), each about ten times: not
// a handful of values, over which a migration's self-join would grow with the square of the rows.
TEST(Validate, RowsRepeatEachValueAboutTenTimes) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE jobs (id bigserial PRIMARY KEY, name text NOT NULL, score int);\n");
  dir.write("migrations/2_assert.up.sql",
            "DO $$ BEGIN\n"
            "  IF (SELECT count(DISTINCT name) FROM jobs) NOT BETWEEN 25 AND 35 THEN RAISE EXCEPTION 'names: %',\n"
            "    (SELECT count(DISTINCT name) FROM jobs); END IF;\n"
            "  IF (SELECT count(DISTINCT score) FROM jobs) NOT BETWEEN 25 AND 35 THEN RAISE EXCEPTION 'scores'; END IF;\n"
            "END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "300"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// Tables whose references are valid by construction are filled with foreign-key checks off (no
// referenced row is key-share locked, which a check does), but a table with a trigger of its own
// keeps it, two foreign keys sharing a column keep their checks, and the migrations after the
// fill run with every check on.
TEST(Validate, RowsSkipForeignKeyChecksOnlyWhereTheValuesAreValidByConstruction) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE authors (id bigserial PRIMARY KEY, name text);\n"
            "CREATE TABLE posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors (id));\n"
            "CREATE TABLE users (id bigserial PRIMARY KEY);\n"
            "CREATE SEQUENCE audited_rows;\n"
            "CREATE TABLE audited (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n"
            "CREATE FUNCTION log_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('audited_rows'); "
            "RETURN NEW; END $$;\n"
            "CREATE TRIGGER audited_log AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION log_insert();\n"
            "CREATE TABLE tenants (id int PRIMARY KEY);\n"
            "CREATE TABLE projects (tenant_id int REFERENCES tenants, id int CHECK (id % 2 = 0), PRIMARY KEY (tenant_id, id));\n"
            "CREATE TABLE tasks (id bigserial PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants, project_id int NOT NULL,\n"
            "  FOREIGN KEY (tenant_id, project_id) REFERENCES projects);\n"
            "CREATE TABLE attachments (id bigserial PRIMARY KEY, post_id bigint, user_id bigint,\n"
            "  CHECK ((post_id IS NULL) <> (user_id IS NULL)));\n");
  dir.write("migrations/2_assert.up.sql",
            "DO $$ BEGIN\n"
            "  IF current_setting('session_replication_role') <> 'origin' THEN RAISE EXCEPTION 'triggers left off'; END IF;\n"
            "  IF (SELECT count(*) FROM posts) <> 40 THEN RAISE EXCEPTION 'posts not filled'; END IF;\n"
            "  IF current_setting('server_version_num')::int >= 150000 AND EXISTS (SELECT 1 FROM authors WHERE xmax <> '0')\n"
            "    THEN RAISE EXCEPTION 'posts filled with foreign-key checks'; END IF;\n"
            "  IF NOT EXISTS (SELECT 1 FROM users WHERE xmax <> '0') THEN RAISE EXCEPTION 'audited filled without them'; END IF;\n"
            "  IF (SELECT last_value FROM audited_rows) <> 40 THEN RAISE EXCEPTION 'trigger did not fire'; END IF;\n"
            "  IF EXISTS (SELECT 1 FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM projects p\n"
            "    WHERE p.tenant_id = t.tenant_id AND p.id = t.project_id)) THEN RAISE EXCEPTION 'task without project'; END IF;\n"
            "  IF (SELECT count(*) FROM attachments) = 0 THEN RAISE EXCEPTION 'no attachment has one parent'; END IF;\n"
            "  BEGIN INSERT INTO posts (author_id) VALUES (-1); RAISE EXCEPTION 'foreign key not checked';\n"
            "  EXCEPTION WHEN foreign_key_violation THEN NULL; END;\n"
            "END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "40"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// Each failure below needs rows: with --rows the migration fails with PostgreSQL's own error,
// and applies once the tables are emptied, so the run goes on (and fills them again); on empty
// tables it passes.
TEST(Validate, RowsShowFailuresThatEmptyTablesHide) {
  REQUIRE_POSTGRES();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ALTER TABLE users ALTER COLUMN nick SET NOT NULL;", "contains null values (SQLSTATE 23502)"},
      {"ALTER TABLE users ADD CONSTRAINT users_score_key UNIQUE (score);", "could not create unique index"},
      {"ALTER TABLE users ALTER COLUMN nick TYPE integer USING nick::integer;", "invalid input syntax for type integer"},
  };
  for (const auto& [statement, error] : cases) {
    const TempDir dir;
    dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, nick text, score int);\n");
    dir.write("migrations/2_change.up.sql", "CREATE TABLE before_it (id int);\n" + statement + "\n");
    dir.write("migrations/3_after.up.sql",
              "DO $$ BEGIN IF (SELECT count(*) FROM users) <> 100 THEN RAISE EXCEPTION 'not filled again'; END IF; "
              "END $$;\n");
    const RunResult seeded = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "100"});
    EXPECT_EQ(seeded.exit_code, 1) << statement << seeded.out << seeded.err;
    const std::vector<Finding> found = findings(seeded);
    ASSERT_EQ(found.size(), 1U) << seeded.out;
    EXPECT_EQ(found[0].rule, "migration-failed");
    EXPECT_EQ(found[0].file, "2_change.up.sql");
    EXPECT_EQ(found[0].line, 2);
    EXPECT_NE(found[0].message.find("fails on data: "), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find(error), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find("with the tables emptied it applies"), std::string::npos) << found[0].message;

    const RunResult empty = validate_dir(dir, {"--layout", "golang-migrate"});
    EXPECT_EQ(empty.exit_code, 1) << statement << empty.out << empty.err;  // 3_after finds users empty
    ASSERT_EQ(findings(empty).size(), 1U) << empty.out;
    EXPECT_EQ(findings(empty)[0].file, "3_after.up.sql");
  }
}

// A data failure inside the script's own BEGIN block rolls the block back: the retry runs from
// its BEGIN, after the statements before it (which stay applied).
TEST(Validate, RowsRetryAFailureInsideAnExplicitBlockFromItsBegin) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, nick text);\n");
  dir.write("migrations/2_copy.up.sql",
            "CREATE TABLE nicks (nick text UNIQUE);\n\nBEGIN;\nINSERT INTO nicks SELECT 'x' || id FROM users;\n"
            "INSERT INTO nicks SELECT nick FROM users;\nCOMMIT;\n");
  dir.write("migrations/3_after.up.sql", "CREATE TABLE later (id int);\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "50"});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "2_copy.up.sql");
  EXPECT_EQ(found[0].line, 5);
  EXPECT_NE(found[0].message.find("fails on data: duplicate key value"), std::string::npos) << found[0].message;
  EXPECT_NE(run.out.find("\"file\": \"migrations/3_after.up.sql\""), std::string::npos);
  EXPECT_NE(run.out.find("\"outcome\": \"passed\""), std::string::npos);
}

// A failure on a table that exists only inside the failed migration is retried with the tables
// the migration names emptied, not every table: another table keeps the row a migration wrote,
// and so does the table `user`, whose name is only part of `users`.
TEST(Validate, RowsRetryWithTheTablesTheMigrationNamesBeforeEveryTable) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, nick text);\n"
            "CREATE TABLE audit (id bigint PRIMARY KEY);\nINSERT INTO audit VALUES (-1);\n"
            "CREATE TABLE \"user\" (id bigint PRIMARY KEY);\nINSERT INTO \"user\" VALUES (-1);\n");
  dir.write("migrations/2_copy.up.sql",
            "CREATE TABLE nicks (nick text NOT NULL);\nINSERT INTO nicks SELECT nick FROM users;\n");
  dir.write("migrations/3_after.up.sql",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM audit WHERE id = -1) THEN RAISE EXCEPTION 'audit emptied'; END IF; "
            "IF NOT EXISTS (SELECT 1 FROM \"user\" WHERE id = -1) THEN RAISE EXCEPTION 'user emptied'; END IF; "
            "IF (SELECT count(*) FROM users) <> 50 THEN RAISE EXCEPTION 'users not filled again'; END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "50"});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "2_copy.up.sql");
  EXPECT_EQ(found[0].line, 2);
  EXPECT_NE(found[0].message.find("fails on data: null value in column \"nick\""), std::string::npos) << found[0].message;
}

// With --jobs 2 a second session fills tables too, each after the tables it references: every
// table gets its rows, and a NOT NULL reference never finds its table still empty.
TEST(Validate, RowsFillOnTwoSessionsReferencedTablesFirst) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  std::string tables = "CREATE TABLE p (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n";
  std::string checks;
  for (int i = 0; i < 6; ++i) {
    tables += fmt::format("CREATE TABLE c{0} (id bigint PRIMARY KEY, p_id bigint NOT NULL REFERENCES p);\n"
                          "CREATE TABLE g{0} (id bigint PRIMARY KEY, c_id bigint NOT NULL REFERENCES c{0}, note text);\n",
                          i);
    checks += fmt::format("IF (SELECT count(*) FROM c{0}) <> 300 OR (SELECT count(*) FROM g{0}) <> 300 "
                          "THEN RAISE EXCEPTION 'c{0} or g{0} short'; END IF; ",
                          i);
  }
  dir.write("migrations/1_init.up.sql", tables);
  for (const char* jobs : {"1", "2"}) {
    const std::string sessions = jobs[0] == '1' ? "1" : "2";
    dir.write("migrations/2_check.up.sql",
              "DO $$ BEGIN " + checks + "IF (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) <> " +
                  sessions + " THEN RAISE EXCEPTION 'not " + sessions + " sessions'; END IF; END $$;\n");
    const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "300", "--jobs", jobs});
    EXPECT_EQ(run.exit_code, 0) << "--jobs " << jobs << run.out << run.err;
    EXPECT_TRUE(findings(run).empty()) << "--jobs " << jobs << run.out;
  }
}

// When the server refuses the second session, one session fills alone.
TEST(Validate, RowsFillOnOneSessionWhenASecondIsRefused) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY, p_id bigint REFERENCES p);\n"
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT 1', current_database()); END $$;\n");
  dir.write("migrations/2_check.up.sql",
            "DO $$ BEGIN IF (SELECT count(*) FROM p) <> 30 OR (SELECT count(*) FROM c) <> 30 "
            "THEN RAISE EXCEPTION 'not filled'; END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "30"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// Emptying a table for the retry empties the tables that reference it (none is left pointing at
// a row that is gone), and fires no trigger, not even one enabled ALWAYS; a table whose row
// security hides rows from a DELETE is emptied too.
TEST(Validate, RowsEmptyReferencingTablesWithoutFiringTriggers) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE p (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);\n"
            "CREATE TABLE ch (id bigint PRIMARY KEY, p_id bigint NOT NULL REFERENCES p);\n"
            "CREATE TABLE grandchild (id bigint PRIMARY KEY, ch_id bigint NOT NULL REFERENCES ch);\n"
            "CREATE TABLE deletions (n int NOT NULL CHECK (n < 0));\n"
            "CREATE FUNCTION note_deletion() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN INSERT INTO deletions VALUES (-1); RETURN OLD; END $$;\n"
            "CREATE TRIGGER noted AFTER DELETE ON ch FOR EACH ROW EXECUTE FUNCTION note_deletion();\n"
            "ALTER TABLE ch ENABLE ALWAYS TRIGGER noted;\n"
            "CREATE TABLE q (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);\n"
            "CREATE TABLE hidden (id bigint PRIMARY KEY, q_id bigint NOT NULL REFERENCES q);\n"
            "ALTER TABLE hidden ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n"
            "CREATE POLICY see ON hidden FOR SELECT USING (true);\n"
            "CREATE POLICY add ON hidden FOR INSERT WITH CHECK (true);\n");
  // Fails on p, then (with p and the tables referencing it emptied) on q.
  dir.write("migrations/2_fail.up.sql", "ALTER TABLE p ALTER COLUMN v SET NOT NULL;\nALTER TABLE q ALTER COLUMN v SET NOT NULL;\n");
  dir.write("migrations/3_after.up.sql",
            "DO $$ BEGIN "
            "IF EXISTS (SELECT 1 FROM deletions) THEN RAISE EXCEPTION 'a trigger fired'; END IF; "
            "IF EXISTS (SELECT 1 FROM ch WHERE p_id NOT IN (SELECT id FROM p)) THEN RAISE EXCEPTION 'ch dangles'; END IF; "
            "IF EXISTS (SELECT 1 FROM grandchild WHERE ch_id NOT IN (SELECT id FROM ch)) "
            "THEN RAISE EXCEPTION 'grandchild dangles'; END IF; "
            "IF EXISTS (SELECT 1 FROM hidden WHERE q_id NOT IN (SELECT id FROM q)) THEN RAISE EXCEPTION 'hidden dangles'; END IF; "
            "IF (SELECT count(*) FROM ch) <> 40 OR (SELECT count(*) FROM grandchild) <> 40 "
            "THEN RAISE EXCEPTION 'not filled again'; END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "40"});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "2_fail.up.sql");
  EXPECT_NE(found[0].message.find("fails on data: column \"v\" of relation \"p\" contains null values"), std::string::npos)
      << found[0].message;
}

// A data failure on a table that others reference empties that table alone: the rows
// referencing it stay (with a row a migration wrote), and the table, filled again, takes back
// the keys they point at (identity values included), so nothing dangles.
TEST(Validate, RowsKeepTheRowsReferencingATableEmptiedAlone) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);\n"
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent);\n");
  dir.write("migrations/2_mark.up.sql", "INSERT INTO child VALUES (-1, (SELECT max(id) FROM parent));\n");
  dir.write("migrations/3_fail.up.sql", "ALTER TABLE parent ALTER COLUMN v SET NOT NULL;\n");
  dir.write("migrations/4_after.up.sql",
            "DO $$ BEGIN "
            "IF NOT EXISTS (SELECT 1 FROM child WHERE id = -1) THEN RAISE EXCEPTION 'child emptied'; END IF; "
            "IF EXISTS (SELECT 1 FROM child WHERE parent_id NOT IN (SELECT id FROM parent)) "
            "THEN RAISE EXCEPTION 'child dangles'; END IF; "
            "IF (SELECT count(*) FROM parent) <> 40 THEN RAISE EXCEPTION 'parent not filled again'; END IF; END $$;\n"
            "INSERT INTO parent (v) VALUES ('the identity goes on');\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "40"});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "3_fail.up.sql");
  EXPECT_NE(found[0].message.find("fails on data: column \"v\" of relation \"parent\" contains null values"),
            std::string::npos)
      << found[0].message;
}

// When some kept keys cannot come back (here a CHECK the failed migration added refuses half of
// them), the rows pointing at them would dangle: their table is emptied and filled again from
// the rows the referenced table has now.
TEST(Validate, RowsFillAgainTheRowsWhoseKeptKeysDidNotComeBack) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE parent (id bigint PRIMARY KEY, v text);\n"
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent);\n");
  dir.write("migrations/2_fail.up.sql",
            "ALTER TABLE parent ALTER COLUMN v SET NOT NULL;\nALTER TABLE parent ADD CONSTRAINT small_ids CHECK (id <= 20);\n");
  dir.write("migrations/3_after.up.sql",
            "DO $$ BEGIN "
            "IF EXISTS (SELECT 1 FROM child WHERE parent_id NOT IN (SELECT id FROM parent)) "
            "THEN RAISE EXCEPTION 'child dangles'; END IF; "
            "IF (SELECT count(*) FROM child) <> 40 THEN RAISE EXCEPTION 'child not filled again'; END IF; END $$;\n");
  const RunResult run = run_miglint({"validate", "--no-color", "--layout", "golang-migrate", "--rows", "40", "migrations"},
                                    dir.path());
  EXPECT_NE(run.out.find("2_fail.up.sql:1:1: error[migration-failed]: migration 2 fails on data"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("Found 1 error,"), std::string::npos) << run.out;  // 3_after passed
  EXPECT_NE(run.out.find("parent got 20 of 40 rows"), std::string::npos) << run.out;
}

// The failed migration renames the key column the kept keys belong to: the table's new rows get
// new identity values, so the rows pointing at the old ones are filled again.
TEST(Validate, RowsFillAgainTheRowsWhoseKeyColumnWasRenamed) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);\n"
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent);\n");
  dir.write("migrations/2_fail.up.sql",
            "ALTER TABLE parent ALTER COLUMN v SET NOT NULL;\nALTER TABLE parent RENAME COLUMN id TO parent_key;\n");
  dir.write("migrations/3_after.up.sql",
            "DO $$ BEGIN "
            "IF EXISTS (SELECT 1 FROM child WHERE parent_id NOT IN (SELECT parent_key FROM parent)) "
            "THEN RAISE EXCEPTION 'child dangles'; END IF; "
            "IF (SELECT count(*) FROM child) <> 40 THEN RAISE EXCEPTION 'child not filled again'; END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "40"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out << run.err;
  EXPECT_EQ(found[0].file, "2_fail.up.sql");
}

// A table filled again keeps the statistics of its first filling, and gets them for the
// columns added since: the planner sees every column, as production's would.
TEST(Validate, RowsGiveStatisticsToTheColumnsOfATableFilledAgain) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY, v text);\n");
  dir.write("migrations/2_fail.up.sql", "ALTER TABLE t ADD COLUMN w integer NOT NULL;\n");
  dir.write("migrations/3_after.up.sql",
            "DO $$ BEGIN "
            "IF (SELECT count(*) FROM pg_stats WHERE tablename = 't' AND attname IN ('id', 'v', 'w')) <> 3 "
            "THEN RAISE EXCEPTION 'a column has no statistics'; END IF; "
            "IF (SELECT count(*) FROM t) <> 40 THEN RAISE EXCEPTION 't not filled again'; END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "40"});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "2_fail.up.sql");
}

// A failure that empty tables show too is not the data's: the run stops there, as the runner would.
TEST(Validate, RowsDoNotExcuseAFailureThatEmptyTablesShowToo) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, nick text);\n");
  dir.write("migrations/2_broken.up.sql", "ALTER TABLE users ALTER COLUMN nosuch SET NOT NULL;\n");
  dir.write("migrations/3_never.up.sql", "CREATE TABLE never (id int);\n");
  const RunResult run = validate_dir(dir, {"--layout", "golang-migrate", "--rows", "20"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_NE(found[0].message.find("migration 2 failed on tables holding 20 synthetic rows: column \"nosuch\""),
            std::string::npos)
      << found[0].message;
}

TEST(Validate, DownLosesDataComparesRowsAndValuesBeforeTheUpAndAfterTheDown) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE a (id bigint PRIMARY KEY, amount integer);\n"
            "CREATE TABLE b (id bigint PRIMARY KEY, note text, kept text);\n"
            "CREATE TABLE c (id bigint PRIMARY KEY, amount integer);\n"
            "CREATE TABLE p (id bigint PRIMARY KEY);\n"
            "CREATE TABLE ch (id bigint PRIMARY KEY, p_id bigint REFERENCES p ON DELETE CASCADE);\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE a, b, c, ch, p;\n");
  // Drops and recreates instead of reverting: the rows are gone.
  dir.write("migrations/2_recreate.up.sql", "ALTER TABLE a ALTER COLUMN amount TYPE bigint;\n");
  dir.write("migrations/2_recreate.down.sql",
            "DROP TABLE a;\nCREATE TABLE a (id bigint PRIMARY KEY, amount integer);\n");
  // The up drops a column; the down adds it back empty.
  dir.write("migrations/3_drop_column.up.sql", "ALTER TABLE b DROP COLUMN note;\n");
  dir.write("migrations/3_drop_column.down.sql", "ALTER TABLE b ADD COLUMN note text;\n");
  // Reverts in place: nothing lost.
  dir.write("migrations/4_revert.up.sql", "ALTER TABLE c ALTER COLUMN amount TYPE bigint;\n");
  dir.write("migrations/4_revert.down.sql", "ALTER TABLE c ALTER COLUMN amount TYPE integer;\n");
  // TRUNCATE ... CASCADE empties a table the migration does not name.
  dir.write("migrations/5_truncate.up.sql", "ALTER TABLE p ADD COLUMN x integer;\n");
  dir.write("migrations/5_truncate.down.sql", "ALTER TABLE p DROP COLUMN x;\nTRUNCATE p CASCADE;\n");
  const RunResult run = validate_dir(dir, {"--rows", "30"});
  const std::vector<Finding> found = findings(run);
  std::map<std::string, std::string> lost;
  for (const Finding& f : found) {
    if (f.rule == "down-loses-data") lost[f.file] = f.message;
  }
  ASSERT_EQ(lost.size(), 3U) << run.out;
  EXPECT_NE(lost["2_recreate.down.sql"].find("a: 30 rows before the up, 0 after the down"), std::string::npos)
      << lost["2_recreate.down.sql"];
  EXPECT_NE(lost["3_drop_column.down.sql"].find("b: the values of note are not those before the up"), std::string::npos)
      << lost["3_drop_column.down.sql"];
  EXPECT_EQ(lost["3_drop_column.down.sql"].find("kept"), std::string::npos);
  EXPECT_NE(lost["5_truncate.down.sql"].find("ch: 30 rows before the up, 0 after the down"), std::string::npos)
      << lost["5_truncate.down.sql"];

  // Without rows there is nothing to lose.
  const RunResult empty = validate_dir(dir);
  for (const Finding& f : findings(empty)) EXPECT_NE(f.rule, "down-loses-data") << f.message;
}

// lint-trace-mismatch's comparison, on traces built by hand: each way a claim can agree or not.
TEST(Trace, DisagreementComparesTheClaimWithWhatTheStatementTookAndHeld) {
  validate::StatementTrace trace;
  trace.named_existing = {"Users", "orders"};
  trace.locks = {{"public.\"Users\"", "table", "ShareLock"}};
  EXPECT_EQ(validate::disagreement(trace, "SHARE", "Users"), "");
  EXPECT_EQ(validate::disagreement(trace, "ACCESS EXCLUSIVE", "Users"), "ShareLock");  // weaker than claimed
  EXPECT_EQ(validate::disagreement(trace, "ROW EXCLUSIVE", "Users"), "ShareLock");     // stronger than claimed
  EXPECT_EQ(validate::disagreement(trace, "SHARE", "orders"), "no new lock");
  // A relation that was not there to lock (DROP ... IF EXISTS of what does not exist yet).
  EXPECT_EQ(validate::disagreement(trace, "ACCESS EXCLUSIVE", "ghost"), "");
  // ACCESS EXCLUSIVE already held from an earlier statement: pg_locks shows only the new mode.
  trace.held_before = {{"Users", "table", "AccessExclusiveLock"}};
  EXPECT_EQ(validate::disagreement(trace, "ACCESS EXCLUSIVE", "Users"), "");
  // Not comparable: locks not measured, a relation the statement created, an unnamed relation.
  trace.locks_measured = false;
  EXPECT_EQ(validate::disagreement(trace, "EXCLUSIVE", "orders"), "");
  trace.locks_measured = true;
  trace.created = {"orders"};
  EXPECT_EQ(validate::disagreement(trace, "EXCLUSIVE", "orders"), "");
  EXPECT_EQ(validate::disagreement(trace, "EXCLUSIVE", ""), "");
  EXPECT_EQ(validate::pg_lock_mode("SHARE ROW EXCLUSIVE"), "ShareRowExclusiveLock");
}

TEST(Trace, EffectDisagreementComparesPredictedRewritesAndScans) {
  using Kind = PredictedEffect::Kind;
  validate::StatementTrace trace;
  trace.named_existing = {"users", "orders"};
  trace.rewritten = {"public.users", "users (TOAST)", "users_pkey"};
  trace.scanned = {"orders"};
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::rewrite, "users"}), "");
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::rewrite, "orders"}), "did not rewrite it");
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::scan, "orders"}), "");
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::scan, "users"}), "");  // a rewrite reads every row
  trace.rewritten.clear();
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::scan, "users"}), "did not read every row of it");
  // Not comparable: a table that was not there; scans outside a transaction (counters not read).
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::rewrite, "ghost"}), "");
  trace.locks_measured = false;
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::scan, "users"}), "");
  EXPECT_EQ(validate::effect_disagreement(trace, {Kind::rewrite, "users"}), "did not rewrite it");
}

// Every kind of statement for which the linter claims a blocking lock, each in a migration of its
// own on tables that hold rows: the server's locks must agree with every claim (PostgreSQL 15).
TEST(Validate, LinterLockClaimsAgreeWithTheServer) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/01_init.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int);\n"
            "INSERT INTO users SELECT g, 'u' || g, g FROM generate_series(1, 200) g;\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n"
            "INSERT INTO orders SELECT g, g FROM generate_series(1, 200) g;\n"
            "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
            "CREATE VIEW adults AS SELECT id, email FROM users WHERE id > 10;\n"
            "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) FROM users;\n"
            "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            "CREATE TABLE scratch (id int);\n");
  const std::vector<std::string> statements = {
      "ALTER TABLE users ADD COLUMN nickname text;",
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      "ALTER TABLE users ALTER COLUMN age TYPE bigint;",
      "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
      "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age > 0) NOT VALID;",
      "ALTER TABLE users DISABLE TRIGGER USER;",
      "CREATE INDEX users_email_idx ON users (email);",
      "CREATE TRIGGER users_noop BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION noop();",
      "CREATE OR REPLACE VIEW adults AS SELECT id, email FROM users WHERE id > 20;",
      "REFRESH MATERIALIZED VIEW user_count;",
      "LOCK TABLE orders IN SHARE MODE;",
      "LOCK TABLE orders IN EXCLUSIVE MODE;",
      "ALTER TABLE orders RENAME TO purchases;",
      "CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES purchases (id));",
      "CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');",
      "TRUNCATE scratch;",
      "DROP VIEW adults;",
      "DROP TABLE scratch;",
  };
  for (size_t i = 0; i < statements.size(); ++i) {
    dir.write(fmt::format("migrations/{:02}_step.up.sql", i + 2), statements[i] + "\n");
  }
  const RunResult run = validate_dir(dir, {"--trace"});
  const json report = json::parse(run.out);
  for (const json& d : report["diagnostics"]) ADD_FAILURE() << d["file"] << ": " << d["message"];
  size_t compared = 0;
  for (const json& migration : report["migrations"]) {
    EXPECT_EQ(migration["up"]["outcome"], "passed") << migration["file"];
    for (const json& statement : migration["trace"]) {
      if (statement["linter_claim"].is_null()) continue;
      ++compared;
      EXPECT_TRUE(statement["linter_claim"]["agrees"].get<bool>()) << statement.dump();
    }
  }
  // One claim per statement above (the CREATE TABLEs claim the referenced table and the parent).
  EXPECT_EQ(compared, statements.size()) << run.out;
}

// A DO block is measured as one statement: the claims of its body's statements are combined
// (the strongest mode on each relation) and held against it, when the body runs all of them; a
// body that branches has no claim, since what it locks depends on the data.
TEST(Validate, TraceHoldsADoBlockToItsBodysCombinedClaims) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
                                        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
  dir.write("migrations/2_do.up.sql",
            "DO $$\nBEGIN\n  CREATE INDEX orders_user_idx ON orders (user_id);\n"
            "  ALTER TABLE users ADD COLUMN nickname text;\n  CREATE INDEX users_email_idx ON users (email);\nEND\n$$;\n");
  dir.write("migrations/3_branch.up.sql",
            "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_nick_idx') THEN\n"
            "    CREATE INDEX users_nick_idx ON users (nickname);\n  END IF;\nEND\n$$;\n");
  const RunResult run = validate_dir(dir, {"--trace"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const json report = json::parse(run.out);
  for (const json& d : report["diagnostics"]) ADD_FAILURE() << d["file"] << ": " << d["message"];
  const json& straight = report["migrations"][1]["trace"][0]["linter_claim"];
  ASSERT_FALSE(straight.is_null()) << run.out;
  EXPECT_EQ(straight["lock"], "SHARE on orders, ACCESS EXCLUSIVE on users");
  EXPECT_TRUE(straight["agrees"].get<bool>());
  EXPECT_TRUE(report["migrations"][2]["trace"][0]["linter_claim"].is_null()) << run.out;
}

// --stats scales each measured statement to production size; a lock over its budget is a finding.
TEST(Validate, StatsEstimateLocksAtProductionSizeAgainstABudget) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));\n");
  dir.write("migrations/2_retype.up.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n");
  dir.write("migrations/3_zero.up.sql", "UPDATE orders SET total = 0 WHERE total IS NOT NULL OR total IS NULL;\n");
  dir.write("stats.json", "{\"orders\": 500000000, \"public.other\": 3}\n");
  const std::vector<std::string> base = {"--trace", "--rows", "500", "--stats", "stats.json"};
  std::vector<std::string> strict = base;
  strict.insert(strict.end(), {"--max-lock-seconds", "AccessExclusiveLock=0.5"});
  const RunResult over = validate_dir(dir, strict);
  const std::vector<Finding> found = findings(over);
  ASSERT_EQ(found.size(), 1U) << over.out << over.err;
  EXPECT_EQ(found[0].rule, "lock-over-budget");
  EXPECT_EQ(found[0].file, "2_retype.up.sql");
  EXPECT_NE(found[0].message.find("AccessExclusiveLock on `orders` for about "), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("at 500000000 rows, over the budget of 0.5 s"), std::string::npos) << found[0].message;
  const json estimate = json::parse(over.out)["migrations"][1]["trace"][0]["production_estimate"];
  EXPECT_EQ(estimate["table"], "orders");
  EXPECT_EQ(estimate["lock"], "AccessExclusiveLock");
  EXPECT_GT(estimate["seconds"].get<double>(), 0.5);
  // Timed at two sizes: on the 500 rows and on the table emptied (in a rolled-back savepoint);
  // only the difference is scaled, the fixed cost is not.
  const json traced = json::parse(over.out)["migrations"][1]["trace"][0];
  const double on_empty = traced["seconds_on_empty_tables"].get<double>();
  const double on_rows = traced["seconds"].get<double>();
  EXPECT_GE(on_empty, 0.0);
  const double expected = on_rows > on_empty ? on_empty + (on_rows - on_empty) * 500000000 / 500 : on_rows * 500000000 / 500;
  EXPECT_NEAR(estimate["seconds"].get<double>(), expected, expected * 1e-9);
  // The emptying was undone: the next migration updates all 500 rows.
  const json update = json::parse(over.out)["migrations"][2]["trace"][0];
  EXPECT_EQ(update["rows"], 500) << update.dump();

  // A budget for a weaker mode bounds ACCESS EXCLUSIVE too; a generous one lets it through.
  std::vector<std::string> generous = base;
  generous.insert(generous.end(), {"--max-lock-seconds", "ShareLock=1000000"});
  EXPECT_TRUE(findings(validate_dir(dir, generous)).empty());

  // Bad input is a clear error, before any server starts.
  dir.write("bad.json", "{\"orders\": 12,\n  oops}\n");
  const RunResult bad = validate_dir(dir, {"--trace", "--rows", "--stats", "bad.json"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.json:2:3: not valid JSON"), std::string::npos) << bad.err;
  const RunResult no_rows = validate_dir(dir, {"--trace", "--stats", "stats.json"});
  EXPECT_EQ(no_rows.exit_code, 2);
  EXPECT_NE(no_rows.err.find("give both"), std::string::npos) << no_rows.err;
}

// --stats-from reads the production sizes from a server: here a second private server standing in
// for production, whose planner statistics say 40,000 rows.
TEST(Validate, StatsFromReadsTableSizesFromAServer) {
  REQUIRE_POSTGRES();
  validate::TempCluster production(validate::find_postgres(std::nullopt));
  {
    const validate::Connection admin = validate::connect(production.conninfo("postgres", validate::TempCluster::kSuperuser));
    validate::exec(admin.get(), "CREATE DATABASE shop");
    const validate::Connection shop = validate::connect(production.conninfo("shop", validate::TempCluster::kSuperuser));
    validate::exec(shop.get(), "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));"
                               "INSERT INTO orders SELECT g, g FROM generate_series(1, 40000) g; ANALYZE orders");
  }
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));\n");
  dir.write("migrations/2_retype.up.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n");
  const std::string url = production.conninfo("shop", validate::TempCluster::kSuperuser);
  const RunResult run = validate_dir(dir, {"--trace", "--rows", "200", "--stats-from", url});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json estimate = json::parse(run.out)["migrations"][1]["trace"][0]["production_estimate"];
  EXPECT_EQ(estimate["table"], "orders") << run.out;
  EXPECT_EQ(estimate["rows"], 40000) << run.out;
  EXPECT_EQ(estimate["lock"], "AccessExclusiveLock");
  EXPECT_GT(estimate["seconds"].get<double>(), 0);

  // A server that cannot be reached is a clear error, before any migration runs.
  const RunResult unreachable =
      validate_dir(dir, {"--trace", "--rows", "200", "--stats-from", "postgresql://nobody@/shop?host=/nonexistent"});
  EXPECT_EQ(unreachable.exit_code, 2) << unreachable.out;
  EXPECT_NE(unreachable.err.find("--stats-from"), std::string::npos) << unreachable.err;
}

// An extension the server lacks: the finding says which, the package that provides it, and the
// way around it.
// --stub-extension vector: CREATE EXTENSION finds pgvector's types in place (dimensions kept),
// what needs the real extension (an hnsw index) is skipped with a note, and the rest of the
// history, downs included, is validated; models see the same stand-in.
TEST(Validate, StubExtensionStandsInForPgvectorAndSaysWhatItSkipped) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/20240101000000_init.sql",
            "-- migrate:up\nCREATE EXTENSION IF NOT EXISTS vector;\n"
            "CREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(3), label text);\n"
            "CREATE INDEX items_embedding_idx ON items USING hnsw (embedding vector_cosine_ops);\n"
            "CREATE INDEX items_label_idx ON items (label);\n"
            "-- migrate:down\nDROP TABLE items;\nDROP EXTENSION vector;\n");
  dir.write("migrations/20240102000000_note.sql",
            "-- migrate:up\nALTER TABLE items ADD COLUMN note text;\n-- migrate:down\nALTER TABLE items DROP COLUMN note;\n");
  dir.write("model.sql",
            "CREATE EXTENSION vector;\nCREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(3), label text, note text);\n"
            "CREATE INDEX items_label_idx ON items (label);\n");
  const RunResult run = validate_dir(dir, {"--stub-extension", "vector", "--models", "model.sql"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::vector<Finding> notes = findings(run);
  ASSERT_EQ(notes.size(), 2U) << run.out;
  EXPECT_EQ(notes[0].rule, "stubbed-extension");
  EXPECT_EQ(notes[0].line, 2);
  EXPECT_NE(notes[0].message.find("validation uses a stand-in"), std::string::npos) << notes[0].message;
  EXPECT_EQ(notes[1].line, 4);
  EXPECT_NE(notes[1].message.find("skipped: it needs the real extension `vector`"), std::string::npos) << notes[1].message;
  EXPECT_NE(notes[1].message.find("hnsw"), std::string::npos) << notes[1].message;
  const json report = json::parse(run.out);
  ASSERT_EQ(report["migrations"].size(), 2U);
  for (const json& m : report["migrations"]) {
    EXPECT_EQ(m["up"]["outcome"], "passed") << m.dump();
    EXPECT_EQ(m["down"]["outcome"], "passed") << m.dump();
  }

  // The stand-in keeps the dimensions: a model that says vector(4) is drift.
  dir.write("model.sql", "CREATE EXTENSION vector;\nCREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(4), "
                         "label text, note text);\nCREATE INDEX items_label_idx ON items (label);\n");
  const RunResult drift = validate_dir(dir, {"--stub-extension", "vector", "--models", "model.sql"});
  EXPECT_EQ(drift.exit_code, 1);
  EXPECT_NE(drift.out.find("vector(3)"), std::string::npos) << drift.out;

  const RunResult unknown = validate_dir(dir, {"--stub-extension", "postgis"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--stub-extension postgis: miglint has no stand-in for it (it has one for: vector"),
            std::string::npos) << unknown.err;
  EXPECT_EQ(validate_dir(dir, {"--stub-extension", "vector", "--trace"}).exit_code, 2);
}

// TimescaleDB's stand-in is nothing at all: the table stays a plain table, and every statement
// that needs TimescaleDB (a function of it, a timescaledb.* storage parameter) is skipped.
TEST(Validate, StubExtensionTimescaleKeepsPlainTablesAndSkipsTheRest) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/20240101000000_init.sql",
            "-- migrate:up\nCREATE EXTENSION IF NOT EXISTS timescaledb;\n"
            "CREATE TABLE conditions (time timestamptz NOT NULL, device text, temp double precision);\n"
            "SELECT create_hypertable('conditions', by_range('time'));\n"
            "ALTER TABLE conditions SET (timescaledb.compress, timescaledb.compress_segmentby = 'device');\n"
            "CREATE INDEX conditions_device_idx ON conditions (device, time DESC);\n"
            "-- migrate:down\nDROP TABLE conditions;\nDROP EXTENSION timescaledb;\n");
  const RunResult without = validate_dir(dir);
  EXPECT_EQ(without.exit_code, 1) << without.out;
  EXPECT_NE(without.out.find("timescaledb"), std::string::npos) << without.out;

  const RunResult run = validate_dir(dir, {"--stub-extension", "timescaledb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  std::vector<int> lines;
  for (const Finding& f : findings(run)) {
    EXPECT_EQ(f.rule, "stubbed-extension") << f.message;
    lines.push_back(f.line);
  }
  EXPECT_EQ(lines, (std::vector<int>{2, 4, 5})) << run.out;
  // The plain table and its index are there, as a model that has them shows.
  dir.write("model.sql", "CREATE TABLE conditions (time timestamptz NOT NULL, device text, temp double precision);\n"
                         "CREATE INDEX conditions_device_idx ON conditions (device, time DESC);\n");
  const RunResult model = validate_dir(dir, {"--stub-extension", "timescaledb", "--models", "model.sql"});
  EXPECT_EQ(model.exit_code, 0) << model.out;
  EXPECT_EQ(model.out.find("schema-drift"), std::string::npos) << model.out;
  EXPECT_NE(run_miglint({"validate", "--help"}).out.find("timescaledb"), std::string::npos);
}

TEST(Validate, MissingExtensionNamesThePackageAndTheWayAround) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_geo.up.sql", "CREATE EXTENSION IF NOT EXISTS postgis;\n");
  const RunResult geo = validate_dir(dir);
  ASSERT_EQ(geo.exit_code, 1) << geo.out << geo.err;
  const json report = json::parse(geo.out);
  ASSERT_EQ(report["diagnostics"].size(), 1U) << geo.out;
  const std::string help = report["diagnostics"][0]["help"];
  EXPECT_TRUE(std::regex_search(help, std::regex("apt-get install postgresql-[0-9]+-postgis-3"))) << help;
  EXPECT_NE(help.find("the extension `postgis`"), std::string::npos) << help;
  EXPECT_NE(help.find("--database-url"), std::string::npos) << help;

  dir.write("migrations/1_geo.up.sql", "SELECT 1;\n");
  dir.write("migrations/2_other.up.sql", "CREATE EXTENSION miglint_no_such_extension;\n");
  const RunResult other = validate_dir(dir);
  const json other_report = json::parse(other.out);
  ASSERT_EQ(other_report["diagnostics"].size(), 1U) << other.out;
  const std::string other_help = other_report["diagnostics"][0]["help"];
  EXPECT_NE(other_help.find("no Debian/Ubuntu package for it is known"), std::string::npos) << other_help;
}

TEST(Validate, FailureMidFilePointsAtTheStatement) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/001_init.sql",
            "-- +goose Up\nCREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN age int;\nINSERT INTO users (id, nosuch) VALUES (1, 2);\n");
  dir.write("migrations/002_never.sql", "-- +goose Up\nCREATE TABLE never (id int);\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_EQ(found[0].file, "001_init.sql");
  EXPECT_EQ(found[0].line, 4);
  EXPECT_EQ(found[0].column, 24);  // PostgreSQL's error position: the unknown column
  EXPECT_NE(found[0].message.find("column \"nosuch\" of relation \"users\" does not exist (SQLSTATE 42703)"),
            std::string::npos)
      << found[0].message;
}

TEST(Validate, ConcurrentlyFailsOnlyInsideTheRunnersTransaction) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/001_init.sql", "-- +goose Up\nCREATE TABLE users (id bigint, email text);\n");
  dir.write("migrations/002_outside.sql",
            "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  dir.write("migrations/003_inside.sql", "-- +goose Up\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n");
  const RunResult run = validate_dir(dir);
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].file, "003_inside.sql");
  EXPECT_NE(found[0].message.find("cannot run inside a transaction block"), std::string::npos) << found[0].message;
}

TEST(Validate, HostileStatementsAreRefused) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  const fs::path marker = dir.path() / "pwned";
  dir.write("migrations/1_evil.up.sql", "COPY (SELECT 1) TO PROGRAM 'touch " + marker.string() + "';\n");
  dir.write("migrations/2_evil.up.sql", "ALTER SYSTEM SET work_mem = '1GB';\n");
  const RunResult run = validate_dir(dir);
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_NE(found[0].message.find("SQLSTATE 42501"), std::string::npos) << found[0].message;
  EXPECT_FALSE(fs::exists(marker));
}

TEST(Validate, DriftAgainstASqlModel) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  dir.write("schema.sql",
            "-- pg_dump style model\nSET statement_timeout = 0;\nCREATE TABLE public.users (\n  id bigint NOT NULL,\n"
            "  email text NOT NULL\n);\nALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
            "CREATE INDEX users_email_idx ON public.users USING btree (email);\n");
  const RunResult run = validate_dir(dir, {"--models", "schema.sql"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::vector<std::string> messages;
  for (const Finding& f : findings(run)) {
    EXPECT_EQ(f.rule, "schema-drift");
    EXPECT_EQ(f.file, "schema.sql");
    messages.push_back(f.message);
  }
  ASSERT_EQ(messages.size(), 2U) << run.out;
  EXPECT_NE(messages[0].find("column public.users.email is `text`, expected `text NOT NULL`"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("index public.users_email_idx is missing"), std::string::npos) << messages[1];
  const json report = json::parse(run.out);
  EXPECT_EQ(report["diagnostics"][0]["help"], "Add a migration with: ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;");
  EXPECT_EQ(report["diagnostics"][1]["help"], "Add a migration with: CREATE INDEX users_email_idx ON public.users USING btree (email);");
}

TEST(Validate, NothingIsLeftBehindAfterSigterm) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_slow.up.sql", "SELECT pg_sleep(30);\n");
  // A private TMPDIR, so tests running in parallel cannot mistake each other's servers.
  const fs::path temp = dir.path() / "tmp";
  fs::create_directories(temp);
  std::vector<std::string> args = {MIGLINT_BINARY, "validate", "--format", "json", (dir.path() / "migrations").string()};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = {"TMPDIR=" + temp.string()};
  for (char** e = environ; *e != nullptr; ++e) {
    if (!std::string_view(*e).starts_with("TMPDIR=")) env_storage.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), envp.data()), 0);
  // Wait until the server is up and the slow migration runs.
  std::string cluster;
  for (int i = 0; i < 200 && cluster.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (const std::string& path : clusters_in(temp)) {
      if (fs::exists(fs::path(path) / "data" / "postmaster.pid")) cluster = path;
    }
  }
  ASSERT_FALSE(cluster.empty()) << "the validator never started its server";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  EXPECT_FALSE(fs::exists(cluster)) << cluster << " was left behind";
  const CommandResult processes = run_command({"pgrep", "-f", cluster});
  EXPECT_EQ(processes.exit_code, 1) << "server processes left: " << processes.out;
}

// Whether /dev/shm is a tmpfs with `bytes` free, from /proc/mounts and statvfs (not the statfs
// that server_directory_parent uses).
bool shm_is_tmpfs_with(uintmax_t bytes) {
  std::ifstream mounts("/proc/mounts");
  bool tmpfs = false;
  for (std::string device, point, type, rest; mounts >> device >> point >> type && std::getline(mounts, rest);) {
    if (point == "/dev/shm") tmpfs = type == "tmpfs";
  }
  struct statvfs info {};
  return tmpfs && ::statvfs("/dev/shm", &info) == 0 && uintmax_t{info.f_bavail} * info.f_frsize >= bytes;
}

// Sets an environment variable (or unsets it, with nullopt) for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(TempCluster, ServerDirectoryGoesInMemoryOnlyWithRoomThereAndNoTmpdir) {
  const TempDir chosen;
  {
    const ScopedEnv tmpdir("TMPDIR", chosen.path().string());
    EXPECT_EQ(validate::server_directory_parent(1), chosen.path()) << "a TMPDIR the user set wins over memory";
  }
  {
    const ScopedEnv missing("TMPDIR", (chosen.path() / "missing").string());
    try {
      validate::server_directory_parent(1);
      ADD_FAILURE() << "a missing TMPDIR was accepted";
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find("TMPDIR=" + (chosen.path() / "missing").string() + " is not a directory"),
                std::string::npos)
          << error.what();
    }
  }
  const ScopedEnv no_tmpdir("TMPDIR", std::nullopt);
  EXPECT_EQ(validate::server_directory_parent(0), fs::path("/tmp")) << "0 bytes asked: never memory";
  EXPECT_EQ(validate::server_directory_parent(1, "/proc"), fs::path("/tmp")) << "/proc is no tmpfs";
  EXPECT_EQ(validate::server_directory_parent(UINTMAX_MAX), fs::path("/tmp")) << "no tmpfs has that much";
  const ScopedEnv empty_tmpdir("TMPDIR", "");
  EXPECT_EQ(validate::server_directory_parent(0), fs::path("/tmp")) << "an empty TMPDIR is no choice";
  if (!shm_is_tmpfs_with(1 << 20)) GTEST_SKIP() << "/dev/shm is no tmpfs with 1 MiB free: the memory case is untested";
  EXPECT_EQ(validate::server_directory_parent(1 << 20), fs::path("/dev/shm"));
}

// With no TMPDIR, validate's own server runs in /dev/shm when it has room there: on a disk its
// writes are most of a plain validate.
TEST(Validate, PrivateServerRunsInMemoryWhenThereIsRoom) {
  REQUIRE_POSTGRES();
  if (!shm_is_tmpfs_with(uintmax_t{3} << 30)) GTEST_SKIP() << "/dev/shm is no tmpfs with 3 GiB free";
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE t (id int);\n");
  dir.write("migrations/1_init.down.sql", "DROP TABLE t;\n");
  const RunResult run = run_miglint({"validate", "--keep", "migrations"}, dir.path(), "", {"TMPDIR="});
  const std::regex stop("stop and remove it with: (.*/pg_ctl -D (/dev/shm/miglint-pg-[A-Za-z0-9]+)/data stop && rm -rf \\2)");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(run.err, match, stop)) << run.out << run.err;
  EXPECT_EQ(run_command({"bash", "-c", match[1].str()}).exit_code, 0);
  EXPECT_FALSE(fs::exists(match[2].str()));
}

// A server out of resources (SQLSTATE class 53: a full disk, say) is the machine's failure: an
// error of the run, not a finding against the migration it happened in. Here a migration raises
// disk_full itself, which is how the server reports a full tmpfs.
TEST(Validate, ServerOutOfResourcesIsAnErrorNotAFinding) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE t (id int);\n");
  dir.write("migrations/2_full.up.sql",
            "DO $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
            "END $$;\n");
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("the PostgreSQL server ran out of resources: could not extend file: No space left on device "
                         "(SQLSTATE 53100). This is the machine, not the migration"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.out.find("migration-failed"), std::string::npos) << run.out;
}

// A migration that ends its own session fails as the runner would see it, with PostgreSQL's
// words and no empty SQLSTATE.
TEST(Validate, LostConnectionIsReportedWithoutAnEmptySqlstate) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "SELECT pg_terminate_backend(pg_backend_pid());\n");
  const std::vector<Finding> found = findings(validate_dir(dir));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].rule, "migration-failed");
  EXPECT_NE(found[0].message.find("terminating connection due to administrator command"), std::string::npos)
      << found[0].message;
  EXPECT_EQ(found[0].message.find("SQLSTATE )"), std::string::npos) << found[0].message;
}

TEST(Validate, DatabaseUrlTouchesOnlyItsScratchDatabase) {
  REQUIRE_POSTGRES();
  const validate::TempCluster server(validate::find_postgres(std::nullopt));
  {
    const validate::Connection admin = validate::connect(server.conninfo("postgres", validate::TempCluster::kSuperuser));
    validate::exec(admin.get(), "CREATE DATABASE keepme");
  }
  {
    const validate::Connection keep = validate::connect(server.conninfo("keepme", validate::TempCluster::kSuperuser));
    validate::exec(keep.get(), "CREATE TABLE precious (id int); INSERT INTO precious VALUES (42);");
  }
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE precious (id int);\nDROP DATABASE keepme;\n");
  const std::string url = server.conninfo("postgres", validate::TempCluster::kSuperuser);
  const RunResult run = validate_dir(dir, {"--database-url", url});
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out << run.err;  // DROP DATABASE cannot run in the file's transaction
  EXPECT_EQ(found[0].rule, "migration-failed");
  const validate::Connection admin = validate::connect(url);
  const auto databases = validate::rows(admin.get(), "SELECT datname FROM pg_database WHERE datname LIKE 'miglint_%'");
  EXPECT_TRUE(databases.empty()) << "scratch databases left: " << databases.size();
  const validate::Connection keep = validate::connect(server.conninfo("keepme", validate::TempCluster::kSuperuser));
  EXPECT_EQ(validate::rows(keep.get(), "SELECT id FROM precious").at(0).at(0), "42");
}

// A --database-url server with JIT on (here the role's default) runs the migrations and the
// fills without it, as the private server does: compiling costs more than statements on a few
// thousand rows, and it would distort their measured times.
TEST(Validate, DatabaseUrlSessionsRunWithoutJit) {
  REQUIRE_POSTGRES();
  const validate::TempCluster server(validate::find_postgres(std::nullopt));
  const std::string url = server.conninfo("postgres", validate::TempCluster::kSuperuser);
  {
    const validate::Connection admin = validate::connect(url);
    validate::exec(admin.get(), fmt::format("ALTER ROLE {} SET jit = on", validate::TempCluster::kSuperuser));
  }
  {
    const validate::Connection fresh = validate::connect(url);
    ASSERT_EQ(validate::rows(fresh.get(), "SHOW jit").at(0).at(0), "on");  // what the migrations would get
  }
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE t (id int PRIMARY KEY);\n"
            "DO $$ BEGIN IF current_setting('jit') <> 'off' THEN RAISE EXCEPTION 'jit is %', current_setting('jit'); "
            "END IF; END $$;\n");
  const RunResult run = validate_dir(dir, {"--database-url", url, "--rows", "10"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
}

// Several queries in one round trip: the rows of each, and the first error thrown after every
// result is read (the connection takes the next query).
TEST(Validate, RowsOfEachQueryInOneRoundTrip) {
  REQUIRE_POSTGRES();
  const validate::TempCluster server(validate::find_postgres(std::nullopt));
  const validate::Connection conn = validate::connect(server.conninfo("postgres", validate::TempCluster::kSuperuser));
  const std::vector<validate::Rows> each =
      validate::rows_of_each(conn.get(), "SELECT 1, 'a'; SELECT g FROM generate_series(1, 3) AS g; SELECT 1 WHERE false");
  ASSERT_EQ(each.size(), 3U);
  EXPECT_EQ(each[0], (validate::Rows{{"1", "a"}}));
  EXPECT_EQ(each[1], (validate::Rows{{"1"}, {"2"}, {"3"}}));
  EXPECT_TRUE(each[2].empty());
  try {
    validate::rows_of_each(conn.get(), "SELECT 1; SELECT 1 / 0; SELECT 2");
    ADD_FAILURE() << "no error";
  } catch (const validate::ServerError& error) {
    EXPECT_EQ(error.sqlstate(), "22012");
  }
  EXPECT_EQ(validate::rows(conn.get(), "SELECT 'next'").at(0).at(0), "next");
}

TEST(Validate, NoPostgresIsAClearError) {
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "SELECT 1;\n");
  const RunResult run = run_miglint({"validate", "--pg-bin", (dir.path() / "nothing").string(), "migrations"}, dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no initdb, pg_ctl and postgres there"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

// A private server with one database holding a runner's history table.
class StatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_postgres()) GTEST_SKIP() << "no PostgreSQL server programs (scripts/setup.sh installs them)";
    server_.emplace(validate::find_postgres(std::nullopt));
    const validate::Connection admin = validate::connect(server_->conninfo("postgres", validate::TempCluster::kSuperuser));
    validate::exec(admin.get(), "CREATE DATABASE app");
    url_ = server_->conninfo("app", validate::TempCluster::kSuperuser);
  }
  void sql(const std::string& text) {
    const validate::Connection conn = validate::connect(url_);
    validate::exec(conn.get(), text);
  }
  std::map<std::string, std::string> status(const TempDir& dir, int expected_exit) {
    const RunResult run = run_miglint({"status", "--format", "json", "--database-url", url_, "db"}, dir.path());
    EXPECT_EQ(run.exit_code, expected_exit) << run.out << run.err;
    std::map<std::string, std::string> states;
    const json report = json::parse(run.out);
    for (const json& m : report["migrations"]) states[m["version"].get<std::string>()] = m["state"].get<std::string>();
    return states;
  }

  std::optional<validate::TempCluster> server_;
  std::string url_;
};

TEST_F(StatusTest, Flyway) {
  const TempDir dir;
  dir.write("db/V1__init.sql", "CREATE TABLE users (\r\n  id bigint\r\n);\r\n");
  dir.write("db/V2__more.sql", "SELECT 1;\n");
  dir.write("db/V3__new.sql", "SELECT 3;\n");
  // -546780182 is Flyway's checksum of V1 (CRC-32 over each line without its terminator),
  // computed independently with Python's zlib.crc32, line by line.
  sql("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), description varchar(200), "
      "type varchar(20), script varchar(1000), checksum int, installed_by varchar(100), installed_on timestamp DEFAULT now(), "
      "execution_time int, success boolean);"
      "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', -546780182, 'me', now(), 1, true),"
      "(2, '2', 'more', 'SQL', 'V2__more.sql', 12345, 'me', now(), 1, true),"
      "(3, '9', 'gone', 'SQL', 'V9__gone.sql', 1, 'me', now(), 1, true);");
  const auto states = status(dir, 1);
  EXPECT_EQ(states.at("1"), "applied");
  EXPECT_EQ(states.at("2"), "edited");
  EXPECT_EQ(states.at("3"), "pending");
  EXPECT_EQ(states.at("9"), "missing-file");
}

// Prisma's history table, as prisma migrate creates it.
const std::string kPrismaHistoryTable =
    "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz, "
    "migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL "
    "DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);";

TEST_F(StatusTest, Prisma) {
  const TempDir dir;
  dir.write("db/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("db/20240101000000_init/migration.sql", "CREATE TABLE users (id bigint);\n");
  dir.write("db/20240201000000_more/migration.sql", "SELECT 2;\n");
  dir.write("db/20240301000000_next/migration.sql", "SELECT 3;\n");
  // The SHA-256 of the first migration.sql, computed independently with Python's hashlib.
  sql(kPrismaHistoryTable + "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES "
      "('a', '33556a7babf4986eb7c0fe237a88d657b3581e29ab537b894725b38d827846a7', now(), '20240101000000_init'),"
      "('b', 'ffff', NULL, '20240201000000_more');");
  const auto states = status(dir, 1);
  EXPECT_EQ(states.at("20240101000000"), "applied");
  EXPECT_EQ(states.at("20240201000000"), "dirty");
  EXPECT_EQ(states.at("20240301000000"), "pending");
}

// Prisma records a migration by its folder's name: two folders with the same timestamp are two
// migrations, and the one recorded is the one applied, not the first of that timestamp.
TEST_F(StatusTest, PrismaKnowsMigrationsByTheirFolderName) {
  const TempDir dir;
  dir.write("db/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("db/20240101000000_a/migration.sql", "SELECT 1;\n");
  dir.write("db/20240101000000_b/migration.sql", "SELECT 2;\n");
  sql(kPrismaHistoryTable + "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES "
      "('b', '', now(), '20240101000000_b'), ('c', '', now(), '20231201000000_gone');");
  const RunResult run = run_miglint({"status", "--format", "json", "--database-url", url_, "db"}, dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::map<std::string, std::string> by_name;
  const json report = json::parse(run.out);
  for (const json& m : report["migrations"]) by_name[m["name"].get<std::string>()] = m["state"].get<std::string>();
  EXPECT_EQ(by_name["20240101000000_a/migration.sql"], "pending") << run.out;
  EXPECT_EQ(by_name["20240101000000_b/migration.sql"], "applied") << run.out;
  EXPECT_EQ(by_name["20231201000000_gone"], "missing-file") << run.out;
  // Both run, in name order: not a duplicate version for Prisma.
  const RunResult lint = run_miglint({"lint", "--format", "json", "db"}, dir.path());
  EXPECT_EQ(lint.out.find("ban-duplicate-migration-version"), std::string::npos) << lint.out;
}

TEST_F(StatusTest, GolangMigrateDirtyAndClean) {
  const TempDir dir;
  dir.write("db/1_a.up.sql", "SELECT 1;\n");
  dir.write("db/2_b.up.sql", "SELECT 2;\n");
  dir.write("db/3_c.up.sql", "SELECT 3;\n");
  sql("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
      "INSERT INTO schema_migrations VALUES (2, true);");
  auto states = status(dir, 1);
  EXPECT_EQ(states.at("1"), "applied");
  EXPECT_EQ(states.at("2"), "dirty");
  EXPECT_EQ(states.at("3"), "pending");
  sql("UPDATE schema_migrations SET dirty = false");
  states = status(dir, 0);
  EXPECT_EQ(states.at("2"), "applied");
}

TEST_F(StatusTest, MissingHistoryTableIsAClearError) {
  const TempDir dir;
  dir.write("db/1_a.up.sql", "SELECT 1;\n");
  const RunResult run = run_miglint({"status", "--database-url", url_, "db"}, dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no schema_migrations table in this database"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

TEST(Schema, SnapshotRoundTripsAsAModel) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  const RunResult schema = run_miglint({"schema", "--output", "schema.json", "migrations"}, dir.path());
  ASSERT_EQ(schema.exit_code, 0) << schema.err;
  const json snapshot = json::parse(read_file(dir.path() / "schema.json"));
  EXPECT_EQ(snapshot["version"], 1);
  EXPECT_EQ(snapshot["objects"]["column public.users.id"], "bigint NOT NULL");
  EXPECT_EQ(validate_dir(dir, {"--models", "schema.json"}).exit_code, 0);

  dir.write("migrations/2_more.up.sql", "ALTER TABLE users ADD COLUMN name text;\n");
  const RunResult drift = validate_dir(dir, {"--models", "schema.json"});
  EXPECT_EQ(drift.exit_code, 1);
  const std::vector<Finding> found = findings(drift);
  ASSERT_EQ(found.size(), 1U) << drift.out;
  EXPECT_EQ(found[0].file, "schema.json");
  EXPECT_NE(found[0].message.find("column public.users.name should not exist"), std::string::npos) << found[0].message;
}

TEST(Schema, PgDumpModelWithMetaCommands) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  dir.write("dump.sql",
            "\\restrict abc123\nSET client_encoding = 'UTF8';\nCREATE TABLE public.users (\n    id bigint NOT NULL\n);\n"
            "ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n\\unrestrict abc123\n");
  const RunResult run = validate_dir(dir, {"--models", "dump.sql"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

constexpr const char* kPrismaSchema = R"(datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

generator client {
  provider = "prisma-client-js"
}

enum Role {
  USER
  ADMIN
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String? // optional
  role      Role     @default(USER)
  createdAt DateTime @default(now()) @map("created_at")
  posts     Post[]

  @@map("users")
}

model Post {
  id       String   @id @default(uuid()) @db.Uuid
  title    String   @db.VarChar(200)
  tags     String[]
  authorId Int
  author   User     @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@unique([authorId, title])
  @@index([authorId])
}
)";

// The SQL Prisma Migrate generates for kPrismaSchema.
constexpr const char* kPrismaMigration = R"(-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "Post" (
    "id" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "tags" TEXT[],
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
CREATE UNIQUE INDEX "Post_authorId_title_key" ON "Post"("authorId", "title");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
)";

TEST(PrismaModel, MatchesWhatPrismaMigrateCreates) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql", kPrismaMigration);
  dir.write("schema.prisma", kPrismaSchema);
  const RunResult clean = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  std::string changed = kPrismaSchema;
  changed.replace(changed.find("  posts     Post[]"), 0, "  bio       String?\n");
  changed.replace(changed.find("@@index([authorId])"), 19, "");
  dir.write("schema.prisma", changed);
  const RunResult drift = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(drift.exit_code, 1);
  std::vector<std::string> messages;
  for (const Finding& f : findings(drift)) messages.push_back(f.message);
  ASSERT_EQ(messages.size(), 2U) << drift.out;
  EXPECT_NE(messages[0].find("column public.users.bio is missing"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("index public.Post_authorId_idx should not exist"), std::string::npos) << messages[1];
}

// Defaults of lists and of mapped enum values, as Prisma Migrate writes them: `[USER]` is a list
// of enum labels (not SQL's USER, the current role), `["a", "b"]` a list of strings.
TEST(PrismaModel, ListAndMappedEnumDefaultsMatchPrismaSql) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql",
            "CREATE TYPE \"Role\" AS ENUM ('USER', 'admin');\n"
            "CREATE TABLE \"Member\" (\n"
            "    \"id\" SERIAL NOT NULL,\n"
            "    \"roles\" \"Role\"[] DEFAULT ARRAY['USER']::\"Role\"[],\n"
            "    \"boss\" \"Role\" NOT NULL DEFAULT 'admin',\n"
            "    \"tags\" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],\n"
            "    \"scores\" INTEGER[] DEFAULT ARRAY[]::INTEGER[],\n"
            "    CONSTRAINT \"Member_pkey\" PRIMARY KEY (\"id\")\n"
            ");\n");
  dir.write("schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n"
            "enum Role {\n  USER\n  ADMIN @map(\"admin\")\n}\n"
            "model Member {\n"
            "  id     Int      @id @default(autoincrement())\n"
            "  roles  Role[]   @default([USER])\n"
            "  boss   Role     @default(ADMIN)\n"
            "  tags   String[] @default([\"a\", \"b\"])\n"
            "  scores Int[]    @default([])\n"
            "}\n");
  const RunResult run = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;

  // A value added later sits wherever ADD VALUE put it; Prisma compares enums as sets of labels.
  dir.write("migrations/20240102000000_guest/migration.sql", "ALTER TYPE \"Role\" ADD VALUE 'GUEST' BEFORE 'USER';\n");
  std::string schema = read_file(dir.path() / "schema.prisma");
  schema.replace(schema.find("  ADMIN @map"), 0, "  GUEST\n");
  dir.write("schema.prisma", schema);
  const RunResult reordered = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(reordered.exit_code, 0) << reordered.out << reordered.err;
  // --strict all compares the order too.
  const RunResult strict = validate_dir(dir, {"--models", "schema.prisma", "--strict", "all"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
}

// What a Prisma schema cannot express, created with raw SQL beside Prisma's own DDL, is one note,
// not drift; what it can express (a declared extension, GIN/ops/sort indexes, Unsupported
// columns) is compared.
TEST(PrismaModel, RawSqlObjectsAreOneNoteAndWhatPrismaExpressesIsCompared) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql",
            "CREATE EXTENSION IF NOT EXISTS \"citext\";\n"
            "CREATE TABLE \"Doc\" (\n"
            "    \"id\" SERIAL NOT NULL,\n"
            "    \"title\" TEXT NOT NULL,\n"
            "    \"owner\" CITEXT NOT NULL,\n"
            "    \"search\" tsvector,\n"
            "    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
            "    CONSTRAINT \"Doc_pkey\" PRIMARY KEY (\"id\")\n"
            ");\n"
            "CREATE INDEX \"Doc_title_idx\" ON \"Doc\" USING GIN (\"title\" gin_trgm_ops);\n"
            "CREATE INDEX \"Doc_createdAt_idx\" ON \"Doc\"(\"createdAt\" DESC);\n");
  dir.write("migrations/20240102000000_raw/migration.sql",
            "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n"
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            "CREATE TRIGGER doc_touch BEFORE UPDATE ON \"Doc\" FOR EACH ROW EXECUTE FUNCTION touch();\n"
            "CREATE INDEX doc_recent ON \"Doc\" (\"createdAt\") WHERE \"title\" <> '';\n"
            "CREATE INDEX doc_lower ON \"Doc\" (lower(\"title\"));\n"
            "ALTER TABLE \"Doc\" ADD CONSTRAINT doc_title_length CHECK (length(\"title\") < 500);\n"
            "CREATE VIEW doc_titles AS SELECT \"id\", \"title\" FROM \"Doc\";\n"
            "ALTER TABLE \"Doc\" ENABLE ROW LEVEL SECURITY;\n"
            "CREATE POLICY doc_all ON \"Doc\" USING (true);\n"
            "COMMENT ON TABLE \"Doc\" IS 'documents';\n");
  // The index on pg_trgm's operator class needs pg_trgm first: Prisma would order it the same way
  // (declared extensions are created first), so the GIN index moves after the extension here.
  std::string init = read_file(dir.path() / "migrations/20240101000000_init/migration.sql");
  init.replace(0, 0, "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";\n");
  dir.write("migrations/20240101000000_init/migration.sql", init);
  dir.write("schema.prisma",
            "datasource db {\n  provider   = \"postgresql\"\n  url        = env(\"DATABASE_URL\")\n"
            "  extensions = [citext, pg_trgm]\n}\n"
            "model Doc {\n"
            "  id        Int      @id @default(autoincrement())\n"
            "  title     String\n"
            "  owner     String   @db.Citext\n"
            "  search    Unsupported(\"tsvector\")?\n"
            "  createdAt DateTime @default(now())\n"
            "  @@index([title(ops: raw(\"gin_trgm_ops\"))], type: Gin)\n"
            "  @@index([createdAt(sort: Desc)])\n"
            "}\n");
  const RunResult run = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].rule, "undescribed-by-model");
  EXPECT_EQ(found[0].file, "schema.prisma");
  for (const char* listed : {"10 objects", "extension uuid-ossp", "function public.touch()", "trigger public.Doc.doc_touch", "index public.doc_recent",
                             "index public.doc_lower", "constraint public.Doc.doc_title_length", "view public.doc_titles",
                             "policy public.Doc.doc_all", "row level security on public.Doc", "comment on Doc"}) {
    EXPECT_NE(found[0].message.find(listed), std::string::npos) << listed << " in " << found[0].message;
  }
  // The view's columns go with the view, unnamed.
  EXPECT_EQ(found[0].message.find("column public.doc_titles"), std::string::npos) << found[0].message;

  // An extension the datasource does not declare is listed; one it declares and the migrations
  // do not create is drift.
  std::string schema = read_file(dir.path() / "schema.prisma");
  schema.replace(schema.find("[citext, pg_trgm]"), 17, "[citext, pg_trgm, hstore]");
  dir.write("schema.prisma", schema);
  const RunResult missing = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(missing.exit_code, 1) << missing.out << missing.err;
  bool drift = false;
  for (const Finding& f : findings(missing)) drift = drift || (f.rule == "schema-drift" && f.message.find("extension hstore") != std::string::npos);
  EXPECT_TRUE(drift) << missing.out;

  // --strict all compares everything: each raw object is drift again.
  const RunResult strict = validate_dir(dir, {"--models", "schema.prisma", "--strict", "all"});
  EXPECT_EQ(strict.exit_code, 1);
  size_t drifts = 0;
  for (const Finding& f : findings(strict)) drifts += f.rule == "schema-drift" ? 1 : 0;
  EXPECT_GE(drifts, 8U) << strict.out;
}

// A Prisma `view` block names the columns of a view the migrations create with raw SQL (Prisma
// Migrate writes no view): its columns and types are compared, its query is not, and a column the
// view has but the block leaves out is a note, not drift.
TEST(PrismaModel, ViewBlocksAreComparedOnTheirColumns) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql",
            "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n"
            "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" VARCHAR(200) NOT NULL, \"role\" \"Role\" NOT NULL,\n"
            "    \"tags\" TEXT[], CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n"
            "CREATE VIEW \"UserInfo\" AS SELECT u.id, u.email AS mail, u.role, u.tags, now() AS seen FROM \"User\" u;\n");
  const std::string model =
      "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n"
      "generator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}\n"
      "enum Role {\n  USER\n  ADMIN\n}\n"
      "model User {\n  id    Int    @id @default(autoincrement())\n  email String @db.VarChar(200)\n  role  Role\n"
      "  tags  String[]\n}\n"
      "view UserInfo {\n  id    Int    @unique\n  email String @map(\"mail\") @db.VarChar(200)\n  role  Role\n"
      "  tags  String[]\n}\n";
  dir.write("schema.prisma", model);
  const RunResult run = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::vector<Finding> found = findings(run);
  ASSERT_EQ(found.size(), 1U) << run.out;
  EXPECT_EQ(found[0].rule, "undescribed-by-model");
  EXPECT_NE(found[0].message.find("column public.UserInfo.seen"), std::string::npos) << found[0].message;

  // A column the block expects with another type, and one the view lacks, are drift.
  std::string stale = model;
  const std::string typed = "@map(\"mail\") @db.VarChar(200)";
  stale.replace(stale.find(typed), typed.size(), "@map(\"mail\")");
  stale.replace(stale.find("  tags  String[]\n}\n", stale.find("view UserInfo")), 0, "  bio   String\n");
  dir.write("schema.prisma", stale);
  const RunResult drift = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
  // Each at the line of the view block's field.
  std::map<int, std::string> drifted;
  for (const Finding& f : findings(drift)) {
    if (f.rule == "schema-drift") drifted[f.line] += f.message;
  }
  ASSERT_EQ(drifted.size(), 2U) << drift.out;
  EXPECT_NE(drifted[21].find("UserInfo.mail"), std::string::npos) << drift.out;
  EXPECT_NE(drifted[23].find("UserInfo.bio"), std::string::npos) << drift.out;

  // A view block whose view the migrations never create is drift too, at the block.
  dir.write("schema.prisma", model + "view Missing {\n  id Int @unique\n}\n");
  const RunResult missing = validate_dir(dir, {"--models", "schema.prisma"});
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  bool at_block = false;
  for (const Finding& f : findings(missing)) at_block = at_block || (f.line == 25 && f.message.find("view public.Missing") != std::string::npos);
  EXPECT_TRUE(at_block) << missing.out;
}

// Prisma's multi-file schema: a folder of .prisma files is one schema, so a relation may name a
// model of another file, and an error points into the file that holds it.
TEST(PrismaModel, AFolderOfPrismaFilesIsOneSchema) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  dir.write("migrations/20240101000000_init/migration.sql",
            "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n"
            "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"authorId\" INTEGER NOT NULL,\n"
            "    CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n"
            "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") "
            "ON DELETE RESTRICT ON UPDATE CASCADE;\n");
  dir.write("prisma/schema/schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n"
            "model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n");
  dir.write("prisma/schema/blog/post.prisma",
            "model Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n"
            "  author   User @relation(fields: [authorId], references: [id])\n}\n");
  const RunResult run = validate_dir(dir, {"--models", "prisma/schema"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings(run).empty()) << run.out;
  // The same files named one by one are the same one schema.
  const RunResult named = validate_dir(dir, {"--models", "prisma/schema/blog/post.prisma", "--models", "prisma/schema/schema.prisma"});
  EXPECT_EQ(named.exit_code, 0) << named.out << named.err;

  dir.write("prisma/schema/blog/post.prisma",
            "model Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n"
            "  author   Usr  @relation(fields: [authorId], references: [id])\n}\n");
  const std::vector<Finding> found = findings(validate_dir(dir, {"--models", "prisma/schema"}));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].file, "post.prisma");
  EXPECT_EQ(found[0].line, 4);
  EXPECT_NE(found[0].message.find("unknown type `Usr`"), std::string::npos) << found[0].message;

  // Drift goes to the file and line that describe the object: a field the migrations lack to
  // its line, a column the model lacks to its model's header, a foreign key to its relation field.
  dir.write("prisma/schema/blog/post.prisma",
            "model Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  title    String\n"
            "  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n}\n");
  dir.write("prisma/schema/schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n"
            "model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n");
  dir.write("migrations/20240102000000_more/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n");
  std::map<std::string, std::string> drift_at;
  for (const Finding& f : findings(validate_dir(dir, {"--models", "prisma/schema"}))) {
    drift_at[fmt::format("{}:{}", f.file, f.line)] += f.message;
  }
  EXPECT_NE(drift_at["post.prisma:4"].find("column public.Post.title is missing"), std::string::npos) << drift_at.size();
  EXPECT_NE(drift_at["post.prisma:5"].find("Post_authorId_fkey"), std::string::npos) << drift_at.size();
  EXPECT_NE(drift_at["schema.prisma:5"].find("column public.User.email"), std::string::npos) << drift_at.size();
  EXPECT_EQ(drift_at.size(), 3U);

  // A folder without a .prisma file is refused before any server starts.
  dir.write("empty/readme.txt", "nothing here\n");
  const RunResult empty = validate_dir(dir, {"--models", "empty"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("no .prisma file"), std::string::npos) << empty.err;
}

// drizzle-kit's newest snapshot is its picture of the schema the fixture's migrations build
// (identity, generated and array columns, composite keys, CHECK, expression and partial indexes,
// a view, a sequence); an older snapshot shows what came since; raw-SQL functions and triggers,
// which a snapshot cannot hold, are one note.
TEST(DrizzleModel, NewestSnapshotComparesCleanAndAnOlderOneShowsTheDrift) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  fs::copy(source_dir() / "tests" / "drizzle" / "migrations", dir.path() / "migrations", fs::copy_options::recursive);
  const RunResult clean = validate_dir(dir, {"--models", "migrations/meta/0002_snapshot.json"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_TRUE(findings(clean).empty()) << clean.out;

  const RunResult old = validate_dir(dir, {"--models", "migrations/meta/0000_snapshot.json"});
  EXPECT_EQ(old.exit_code, 1);
  std::string messages;
  for (const Finding& f : findings(old)) messages += f.rule + ": " + f.message + "\n";
  EXPECT_NE(messages.find("schema-drift: the migrated schema differs from this drizzle-kit snapshot: column public.posts.published should not exist"),
            std::string::npos) << messages;
  EXPECT_NE(messages.find("view public.published_posts should not exist"), std::string::npos) << messages;
  EXPECT_EQ(messages.find("column public.published_posts."), std::string::npos) << "a view's columns go with it\n" << messages;

  std::string journal = read_file(dir.path() / "migrations/meta/_journal.json");
  journal.replace(journal.rfind(']'), 1, ", {\"idx\": 3, \"version\": \"7\", \"when\": 1999999999999, \"tag\": \"0003_touch\", \"breakpoints\": true}]");
  dir.write("migrations/meta/_journal.json", journal);
  dir.write("migrations/0003_touch.sql",
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            "--> statement-breakpoint\n"
            "CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();\n");
  const RunResult raw = validate_dir(dir, {"--models", "migrations/meta/0002_snapshot.json"});
  EXPECT_EQ(raw.exit_code, 0) << raw.out << raw.err;
  const std::vector<Finding> notes = findings(raw);
  ASSERT_EQ(notes.size(), 1U) << raw.out;
  EXPECT_EQ(notes[0].rule, "undescribed-by-model");
  EXPECT_NE(notes[0].message.find("2 objects that the migrations create are not described by the drizzle-kit snapshot"),
            std::string::npos) << notes[0].message;
  EXPECT_NE(notes[0].message.find("function public.touch()"), std::string::npos) << notes[0].message;
  EXPECT_NE(notes[0].message.find("trigger public.posts.posts_touch"), std::string::npos) << notes[0].message;

  dir.write("broken.json", "{\"dialect\": \"postgresql\", \"tables\": {\"public.t\": {\"name\": \"t\", \"columns\": 7}}}");
  const std::vector<Finding> broken = findings(validate_dir(dir, {"--models", "broken.json"}));
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_NE(broken[0].message.find("not a drizzle-kit snapshot this miglint reads"), std::string::npos) << broken[0].message;
}

// diesel's schema.rs, written the way `diesel print-schema` prints it (sql_types for an enum,
// max_length, arrays, a renamed column, a composite key), compared with what print-schema would
// print from the migrated database; a stale one names its stale line.
constexpr const char* kDieselSchemaRs = R"(// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "mood"))]
    pub struct Mood;
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Mood;

    posts (id) {
        id -> Int4,
        user_id -> Int4,
        #[max_length = 120]
        title -> Varchar,
        tags -> Nullable<Array<Nullable<Text>>>,
        #[sql_name = "type"]
        type_ -> Text,
        created_at -> Timestamptz,
        mood -> Nullable<Mood>,
    }
}

diesel::table! {
    post_likes (post_id, user_id) {
        post_id -> Int4,
        user_id -> Int4,
    }
}

diesel::table! {
    users (id) {
        id -> Int4,
        name -> Text,
    }
}

diesel::joinable!(post_likes -> posts (post_id));
diesel::joinable!(post_likes -> users (user_id));
diesel::joinable!(posts -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(post_likes, posts, users,);
)";

TEST(DieselModel, SchemaRsComparesCleanAndAStaleLineIsNamed) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/2024-01-01-000000_init/up.sql",
            "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
            "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);\n"
            "CREATE TABLE posts (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users, title varchar(120) NOT NULL,\n"
            "  tags text[], type text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), mood mood);\n"
            "CREATE TABLE post_likes (post_id integer REFERENCES posts, user_id integer REFERENCES users,\n"
            "  PRIMARY KEY (post_id, user_id));\n"
            "CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text);\n"
            "CREATE TABLE no_key (value text);\n");
  dir.write("migrations/2024-01-01-000000_init/down.sql", "DROP TABLE no_key, audit_log, post_likes, posts, users; DROP TYPE mood;\n");
  dir.write("diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\nfilter = { except_tables = [\"audit_.*\"] }\n");
  dir.write("src/schema.rs", kDieselSchemaRs);
  const RunResult clean = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_TRUE(findings(clean).empty()) << clean.out;

  // A later migration that schema.rs has not caught up with: the stale lines are named.
  dir.write("migrations/2024-02-01-000000_widen/up.sql",
            "ALTER TABLE posts ALTER COLUMN title TYPE varchar(200);\nALTER TABLE users ADD COLUMN email text;\n"
            "DROP TABLE post_likes;\n");
  dir.write("migrations/2024-02-01-000000_widen/down.sql",
            "CREATE TABLE post_likes (post_id integer REFERENCES posts, user_id integer REFERENCES users,\n"
            "  PRIMARY KEY (post_id, user_id));\nALTER TABLE users DROP COLUMN email;\n"
            "ALTER TABLE posts ALTER COLUMN title TYPE varchar(120);\n");
  const RunResult stale = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(stale.exit_code, 1) << stale.out;
  std::map<int, std::string> by_line;
  for (const Finding& f : findings(stale)) by_line[f.line] += f.message;
  ASSERT_EQ(by_line.size(), 3U) << stale.out;
  EXPECT_NE(by_line[17].find("column `posts.title` is `Varchar (max_length 120)` in schema.rs, `Varchar (max_length 200)`"),
            std::string::npos) << by_line[17];
  EXPECT_NE(by_line[27].find("schema.rs has table `post_likes`, which print-schema would not print now"), std::string::npos)
      << by_line[27];
  EXPECT_NE(by_line[34].find("column `users.email` (Nullable<Text>) is missing from schema.rs"), std::string::npos)
      << by_line[34];

  // A patch_file is applied by print-schema after printing: the patched schema.rs is compared as
  // printed before the patch.
  std::filesystem::remove_all(dir.path() / "migrations/2024-02-01-000000_widen");
  std::string patched = kDieselSchemaRs;
  const std::string printed_line = "        created_at -> Timestamptz,";
  patched.replace(patched.find(printed_line), printed_line.size(), "        created_at -> crate::types::Instant,");
  dir.write("src/schema.rs", patched);
  const RunResult unpatched = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(unpatched.exit_code, 1) << "without the patch the type differs\n" << unpatched.out;
  dir.write("src/schema.patch",
            "--- a/src/schema.rs\n+++ b/src/schema.rs\n@@ -19,3 +19,3 @@\n         type_ -> Text,\n"
            "-        created_at -> Timestamptz,\n+        created_at -> crate::types::Instant,\n         mood -> Nullable<Mood>,\n");
  dir.write("diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\npatch_file = \"src/schema.patch\"\n"
                           "filter = { except_tables = [\"audit_.*\"] }\n");
  const RunResult with_patch = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(with_patch.exit_code, 0) << with_patch.out << with_patch.err;

  dir.write("diesel.toml", "[print_schema\n");
  const std::vector<Finding> broken = findings(validate_dir(dir, {"--models", "src/schema.rs"}));
  ASSERT_EQ(broken.size(), 1U);
  EXPECT_NE(broken[0].message.find("diesel.toml:1:"), std::string::npos) << broken[0].message;
}

// print-schema's `joinable!` lines (one per single-column foreign key to a one-column primary key,
// none between tables that two foreign keys link) and, with `with_docs`, COMMENTs as doc comments.
TEST(DieselModel, JoinablesAndDocCommentsAreComparedAsPrintSchemaPrintsThem) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/2024-01-01-000000_init/up.sql",
            "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);\n"
            "COMMENT ON TABLE users IS 'People who sign in.';\n"
            "COMMENT ON COLUMN users.name IS '  Display name\n  shown to others';\n"
            "CREATE TABLE posts (id serial PRIMARY KEY, author_id integer NOT NULL REFERENCES users,\n"
            "  editor_id integer REFERENCES users, parent_id integer REFERENCES posts);\n"
            "CREATE TABLE tags (id serial PRIMARY KEY, post_id integer REFERENCES posts);\n");
  dir.write("migrations/2024-01-01-000000_init/down.sql", "DROP TABLE tags, posts, users;\n");
  dir.write("diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\nwith_docs = true\n");
  const std::string schema_rs =
      "// @generated automatically by Diesel CLI.\n\n"
      "diesel::table! {\n"
      "    /// Representation of the `posts` table.\n    ///\n    /// (Automatically generated by Diesel.)\n"
      "    posts (id) {\n"
      "        /// The `id` column of the `posts` table.\n        ///\n        /// Its SQL type is `Int4`.\n"
      "        ///\n        /// (Automatically generated by Diesel.)\n"
      "        id -> Int4,\n        author_id -> Int4,\n        editor_id -> Nullable<Int4>,\n"
      "        parent_id -> Nullable<Int4>,\n    }\n}\n\n"
      "diesel::table! {\n    tags (id) {\n        id -> Int4,\n        post_id -> Nullable<Int4>,\n    }\n}\n\n"
      "diesel::table! {\n    /// People who sign in.\n    users (id) {\n        id -> Int4,\n"
      "        /// Display name\n        /// shown to others\n        name -> Text,\n    }\n}\n\n"
      "diesel::joinable!(tags -> posts (post_id));\n\n"
      "diesel::allow_tables_to_appear_in_same_query!(posts, tags, users,);\n";
  dir.write("src/schema.rs", schema_rs);
  // posts -> users has two foreign keys and posts -> posts is its own table: no joinable! for
  // either, as print-schema prints them.
  const RunResult clean = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_TRUE(findings(clean).empty()) << clean.out;

  // One of the two foreign keys goes: print-schema now prints posts -> users; a stale joinable!
  // (tags -> posts after its key is dropped) is named at its line; a changed COMMENT at the column.
  dir.write("migrations/2024-02-01-000000_change/up.sql",
            "ALTER TABLE posts DROP COLUMN editor_id;\nALTER TABLE tags DROP CONSTRAINT tags_post_id_fkey;\n"
            "COMMENT ON COLUMN users.name IS 'Full name';\n");
  dir.write("migrations/2024-02-01-000000_change/down.sql",
            "ALTER TABLE posts ADD COLUMN editor_id integer REFERENCES users;\n"
            "ALTER TABLE tags ADD CONSTRAINT tags_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts;\n"
            "COMMENT ON COLUMN users.name IS '  Display name\n  shown to others';\n");
  const RunResult stale = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(stale.exit_code, 1) << stale.out;
  std::map<int, std::string> by_line;
  for (const Finding& f : findings(stale)) by_line[f.line] += f.message + "\n";
  ASSERT_EQ(by_line.size(), 4U) << stale.out;
  EXPECT_NE(by_line[7].find("lacks `diesel::joinable!(posts -> users (author_id));`"), std::string::npos) << by_line[7];
  EXPECT_NE(by_line[15].find("column `posts.editor_id` is in schema.rs but not"), std::string::npos) << by_line[15];
  EXPECT_NE(by_line[33].find("the doc comment of column `users.name` is \"Display name ...\" in schema.rs, and its COMMENT "
                             "is \"Full name\""), std::string::npos) << by_line[33];
  EXPECT_NE(by_line[37].find("schema.rs joins `tags` to `posts` on `post_id`"), std::string::npos) << by_line[37];

  // Without with_docs, print-schema prints no comments, and none are compared.
  std::filesystem::remove_all(dir.path() / "migrations/2024-02-01-000000_change");
  dir.write("migrations/2024-02-01-000000_comment/up.sql", "COMMENT ON COLUMN users.name IS 'Full name';\n");
  dir.write("migrations/2024-02-01-000000_comment/down.sql",
            "COMMENT ON COLUMN users.name IS '  Display name\n  shown to others';\n");
  EXPECT_EQ(validate_dir(dir, {"--models", "src/schema.rs"}).exit_code, 1);
  dir.write("diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\nwith_docs = \"no-doc-comments\"\n");
  const RunResult no_docs = validate_dir(dir, {"--models", "src/schema.rs"});
  EXPECT_EQ(no_docs.exit_code, 0) << no_docs.out;
}

// drizzle's migrator cuts each file at `--> statement-breakpoint` and sends every piece as one
// query, so a piece needs no `;` of its own: lint and validate read the pieces the same way.
TEST(DrizzleLayout, BreakpointsEndStatementsWithoutASemicolon) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/meta/_journal.json",
            R"({"version": "7", "dialect": "postgresql", "entries": [
  {"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_init", "breakpoints": true}]})");
  dir.write("migrations/0000_init.sql",
            "CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY, \"b\" text)\n--> statement-breakpoint\n"
            "CREATE INDEX \"a_b_idx\" ON \"a\" (\"b\")\n--> statement-breakpoint\n"
            "ALTER TABLE \"a\" ADD COLUMN \"c\" integer;\n");
  const RunResult lint = run_miglint({"lint", "--format", "json", "migrations"}, dir.path());
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_EQ(lint.out.find("syntax-error"), std::string::npos) << lint.out;
  const RunResult run = validate_dir(dir);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const RunResult schema = run_miglint({"schema", "migrations"}, dir.path());
  EXPECT_EQ(schema.exit_code, 0) << schema.err;
  EXPECT_NE(schema.out.find("index public.a_b_idx"), std::string::npos) << schema.out;
  EXPECT_NE(schema.out.find("column public.a.c"), std::string::npos) << schema.out;

  // Without the markers the same text is one statement that does not parse, as PostgreSQL says.
  dir.write("migrations/0000_init.sql", "CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY)\nCREATE INDEX \"i\" ON \"a\" (\"id\");\n");
  const RunResult broken = run_miglint({"lint", "migrations"}, dir.path());
  EXPECT_NE(broken.out.find("syntax-error"), std::string::npos) << broken.out;
}

TEST(PrismaModel, UnknownTypeIsReportedAtTheField) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "SELECT 1;\n");
  dir.write("schema.prisma", "model A {\n  id Int @id\n  b  Strnig\n}\n");
  const std::vector<Finding> found = findings(validate_dir(dir, {"--models", "schema.prisma"}));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].line, 3);
  EXPECT_NE(found[0].message.find("field `b` of model `A` has unknown type `Strnig`"), std::string::npos) << found[0].message;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

TEST(Validate, KeepLeavesTheScratchDatabaseAndSaysWhere) {
  REQUIRE_POSTGRES();
  const validate::TempCluster server(validate::find_postgres(std::nullopt));
  const std::string url = server.conninfo("postgres", validate::TempCluster::kSuperuser);
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE kept_table (id int);\n");
  const RunResult run = validate_dir(dir, {"--database-url", url, "--keep"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("miglint: kept database miglint_migrations_"), std::string::npos) << run.err;
  const validate::Connection admin = validate::connect(url);
  const auto kept = validate::rows(admin.get(), "SELECT datname FROM pg_database WHERE datname LIKE 'miglint_%'");
  ASSERT_EQ(kept.size(), 1U);
  const validate::Connection scratch = validate::connect(server.conninfo(kept[0][0], validate::TempCluster::kSuperuser));
  EXPECT_EQ(validate::rows(scratch.get(), "SELECT count(*) FROM kept_table").at(0).at(0), "0");
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

// Models load concurrently with the migrations by default; one session gives the same findings.
TEST(Validate, JobsDoNotChangeTheFindings) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  dir.write("a.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
  dir.write("b.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  const RunResult one = validate_dir(dir, {"--models", "a.sql", "--models", "b.sql", "--jobs", "1"});
  const RunResult two = validate_dir(dir, {"--models", "a.sql", "--models", "b.sql", "--jobs", "2"});
  EXPECT_EQ(one.exit_code, 1) << one.err;
  // The findings are the same; the report's per-step timings are not.
  EXPECT_EQ(json::parse(one.out)["diagnostics"], json::parse(two.out)["diagnostics"]);
  EXPECT_EQ(findings(one).size(), 2U) << one.out;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

TEST(Validate, StrictAllComparesGrantsAndColumnOrder) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE users (id bigint, email text);\n");
  dir.write("model.sql", "CREATE TABLE users (email text, id bigint);\nGRANT SELECT ON users TO PUBLIC;\n");
  EXPECT_EQ(validate_dir(dir, {"--models", "model.sql"}).exit_code, 0);
  const RunResult strict = validate_dir(dir, {"--models", "model.sql", "--strict", "all"});
  EXPECT_EQ(strict.exit_code, 1);
  std::string messages;
  for (const Finding& f : findings(strict)) messages += f.message + "\n";
  EXPECT_NE(messages.find("grants public.users"), std::string::npos) << messages;
  EXPECT_NE(messages.find("column public.users.email is `#2 text`, expected `#1 text`"), std::string::npos) << messages;
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

// Auto-generated constraint and index names are a known false drift: ignored unless --strict all.
TEST(Validate, ConstraintNamesOnlyMatterWhenStrict) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql",
            "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, cid bigint REFERENCES customers (id), code text UNIQUE);\n");
  dir.write("model.sql",
            "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, cid bigint, code text,\n"
            "  CONSTRAINT orders_customer_fk FOREIGN KEY (cid) REFERENCES customers (id),\n"
            "  CONSTRAINT orders_code_unique UNIQUE (code));\n");
  const RunResult normal = validate_dir(dir, {"--models", "model.sql"});
  EXPECT_EQ(normal.exit_code, 0) << normal.out;
  const RunResult strict = validate_dir(dir, {"--models", "model.sql", "--strict", "all"});
  EXPECT_EQ(strict.exit_code, 1);
  std::string messages;
  for (const Finding& f : findings(strict)) messages += f.message + "\n";
  EXPECT_NE(messages.find("constraint public.orders.orders_customer_fk is missing"), std::string::npos) << messages;
  EXPECT_NE(messages.find("constraint public.orders.orders_cid_fkey should not exist"), std::string::npos) << messages;
  // A real difference in a constraint is still drift without --strict.
  dir.write("model.sql",
            "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            "CREATE TABLE orders (id bigint PRIMARY KEY, cid bigint, code text,\n"
            "  CONSTRAINT orders_customer_fk FOREIGN KEY (cid) REFERENCES customers (id) ON DELETE CASCADE,\n"
            "  CONSTRAINT orders_code_unique UNIQUE (code));\n");
  EXPECT_EQ(validate_dir(dir, {"--models", "model.sql"}).exit_code, 1);
}

}  // namespace
}  // namespace miglint::test

namespace miglint::test {
namespace {

TEST(Validate, DriftDdlForFunctionsTriggersAndPolicies) {
  REQUIRE_POSTGRES();
  const TempDir dir;
  dir.write("migrations/1_init.up.sql", "CREATE TABLE notes (id bigint, owner text);\n");
  dir.write("model.sql",
            "CREATE TABLE notes (id bigint, owner text);\n"
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            "CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();\n"
            "CREATE POLICY notes_owner ON notes USING (owner = current_user);\n");
  const RunResult run = validate_dir(dir, {"--models", "model.sql"});
  EXPECT_EQ(run.exit_code, 1);
  const json report = json::parse(run.out);
  std::string helps;
  for (const json& d : report["diagnostics"]) helps += d["help"].get<std::string>() + "\n";
  EXPECT_NE(helps.find("CREATE OR REPLACE FUNCTION public.touch()"), std::string::npos) << helps;
  EXPECT_NE(helps.find("CREATE TRIGGER notes_touch BEFORE UPDATE ON public.notes FOR EACH ROW EXECUTE FUNCTION touch();"),
            std::string::npos)
      << helps;
  EXPECT_NE(helps.find("CREATE POLICY notes_owner ON public.notes AS PERMISSIVE FOR ALL TO public USING ((owner = CURRENT_USER));"),
            std::string::npos)
      << helps;
}

}  // namespace
}  // namespace miglint::test
