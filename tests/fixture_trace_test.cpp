// The linter held to account on its own fixtures: every statement of every rule fixture runs on
// a real server, on a copy of tests/trace/world.sql (the tables the fixtures name without
// creating), and the lock it takes is compared with the lock the linter claims for it, exactly
// as `validate --trace` compares them (claim_locks(), disagreement(): lint-trace-mismatch).
//
// Each statement runs in a transaction of its own, so one that fails (a fixture may be wrong on
// purpose) is rolled back and the next one still runs; a statement that cannot run in a
// transaction block runs outside one and is not measured. With MIGLINT_FIXTURE_TRACE_TABLE set to
// a path, the per-rule table is written there (it is the README's).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "linter/error.hpp"
#include "linter/migration_set.hpp"
#include "linter/parse.hpp"
#include "rules/builtin_rules.hpp"
#include "tests/test_support.hpp"
#include "validator/pq.hpp"
#include "validator/temp_cluster.hpp"
#include "validator/trace.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

constexpr int kServerVersionForClaims = 15;

struct FixtureCase {
  std::string rule;  // the folder's name, e.g. adding_field_with_default
  fs::path path;     // a .sql file or a migration folder
};

std::vector<FixtureCase> fixture_cases() {
  std::vector<FixtureCase> out;
  for (const fs::directory_entry& rule_dir : fs::directory_iterator(source_dir() / "tests" / "rules")) {
    if (!rule_dir.is_directory()) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(rule_dir.path())) {
      const std::string name = entry.path().filename().string();
      const bool sql = name.ends_with(".sql") && !name.ends_with(".fixed.sql");
      if (!entry.is_directory() && !sql) continue;
      // Fixtures for older servers claim what those servers do (`-- miglint-test: pg-version=10`).
      if (sql && read_file(entry.path()).find("pg-version=") != std::string::npos) continue;
      out.push_back({rule_dir.path().filename().string(), entry.path()});
    }
  }
  std::sort(out.begin(), out.end(), [](const FixtureCase& a, const FixtureCase& b) { return a.path < b.path; });
  return out;
}

MigrationSet load_case(const FixtureCase& fixture) {
  if (fs::is_directory(fixture.path)) return load_migration_directory(fixture.path.string(), {}, std::nullopt);
  std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>(fixture.path.string(), read_file(fixture.path)));
  return load_loose_files(std::move(files));
}

// Names of what a fixture creates itself: the world's objects of the same name are dropped from
// its copy first, so the fixture starts from the state it assumes.
std::set<std::string> created_names(const MigrationSet& set) {
  static const std::regex kCreate(
      R"(\bcreate\s+(?:or\s+replace\s+)?(?:unique\s+)?(?:temp\s+|temporary\s+|unlogged\s+)?)"
      R"((?:table|index|view|materialized\s+view|type|schema|sequence)\s+(?:concurrently\s+)?)"
      R"((?:if\s+not\s+exists\s+)?("[^"]+"|[a-z_][a-z0-9_]*))",
      std::regex::icase);
  std::set<std::string> out;
  for (const std::unique_ptr<SourceFile>& file : set.files) {
    const std::string text(file->text());
    for (std::sregex_iterator it(text.begin(), text.end(), kCreate), end; it != end; ++it) out.insert((*it)[1].str());
  }
  return out;
}

void drop_from_world(PGconn* conn, const std::set<std::string>& names) {
  static constexpr std::array<std::string_view, 7> kKinds = {"TABLE", "VIEW", "MATERIALIZED VIEW", "INDEX",
                                                              "SEQUENCE", "TYPE", "SCHEMA"};
  for (const std::string& name : names) {
    for (const std::string_view kind : kKinds) {
      try {
        validate::exec(conn, fmt::format("DROP {} IF EXISTS {} CASCADE", kind, name));
      } catch (const validate::ServerError&) {
        // Not of that kind.
      }
    }
  }
}

struct RuleTally {
  size_t claims = 0;      // statements the linter claims a lock for
  size_t compared = 0;    // of those, run and measured on the server
  size_t agreed = 0;      // of those, measured as claimed
  size_t unclaimed = 0;   // statements the linter claims nothing for that took SHARE or stronger
};

struct Outcome {
  std::map<std::string, RuleTally> by_rule;
  std::vector<std::string> mismatches;
  std::vector<std::string> unclaimed;
};

// One statement in a transaction of its own (outside one when PostgreSQL refuses that), traced;
// nullopt when it failed.
std::optional<validate::StatementTrace> run_traced(PGconn* conn, std::string_view sql) {
  validate::Tracer tracer;
  try {
    validate::exec(conn, "BEGIN");
    tracer.before(conn, true);
    validate::exec(conn, std::string(sql));
    validate::StatementTrace trace = tracer.after(conn, sql, 0);
    validate::exec(conn, "COMMIT");
    return trace;
  } catch (const validate::ServerError& error) {
    validate::exec(conn, "ROLLBACK");
    if (error.sqlstate() != "25001") return std::nullopt;  // not "cannot run inside a transaction block"
  }
  try {
    tracer.before(conn, false);
    validate::exec(conn, std::string(sql));
    return tracer.after(conn, sql, 0);
  } catch (const validate::ServerError&) {
    return std::nullopt;
  }
}

// Runs a fixture's up scripts statement by statement and compares with the linter's claims.
// `created`: what the fixture creates itself (a lock on it holds up no one the linter cares about).
void trace_fixture(PGconn* conn, const FixtureCase& fixture, const std::set<std::string>& created, Outcome& outcome) {
  std::map<std::pair<std::string, uint32_t>, LockClaim> claims;
  for (LockClaim& claim : claim_locks(load_case(fixture), kServerVersionForClaims)) {
    claims.emplace(std::pair(claim.file, claim.offset), std::move(claim));
  }
  const MigrationSet set = load_case(fixture);
  RuleTally& tally = outcome.by_rule[fixture.rule];
  for (const Migration& migration : set.migrations) {
    if (!migration.up) continue;
    const SourceFile& file = *set.files[migration.up->file];
    const ParsedFile parsed = ParsedFile::parse(file.text(), migration.up->section);
    for (const Statement& stmt : parsed.statements()) {
      if (stmt.node->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT) continue;  // each runs alone here
      const auto claim = claims.find(std::pair(file.path(), stmt.range.begin));
      const bool claimed = claim != claims.end() && !claim->second.relation.empty();
      if (claimed) ++tally.claims;
      const std::optional<validate::StatementTrace> trace = run_traced(conn, file.slice(stmt.range));
      if (!trace || !trace->locks_measured) continue;
      const std::string where = fmt::format("{}:{}", fs::relative(file.path(), source_dir()).string(),
                                            file.position(stmt.range.begin).line);
      if (claim != claims.end() && !claimed) continue;  // a claim that names no relation (DROP INDEX)
      if (!claimed) {
        for (const validate::TracedLock& lock : trace->locks) {
          if (validate::lock_strength(lock.mode) < validate::lock_strength("ShareLock") || lock.kind != "table" ||
              created.contains(lock.relation)) {
            continue;
          }
          ++tally.unclaimed;
          outcome.unclaimed.push_back(fmt::format("{}: no claim; the server took {} on {}", where, lock.mode, lock.relation));
          break;
        }
        continue;
      }
      // A claim on a relation the statement did not find (the world lacks it) cannot be judged.
      const std::string measured = validate::disagreement(*trace, claim->second.mode, claim->second.relation);
      ++tally.compared;
      if (measured.empty()) {
        ++tally.agreed;
      } else {
        outcome.mismatches.push_back(fmt::format("{}: the linter claims {} on {}; the server took {}", where,
                                                 claim->second.mode, claim->second.relation, measured));
      }
    }
  }
}

std::string markdown_table(const Outcome& outcome) {
  std::string out = "| rule fixtures | lock claims | run and measured | agree |\n| --- | --- | --- | --- |\n";
  RuleTally total;
  for (const auto& [rule, tally] : outcome.by_rule) {
    if (tally.claims == 0) continue;
    std::string id = rule;
    std::replace(id.begin(), id.end(), '_', '-');
    out += fmt::format("| `{}` | {} | {} | {} |\n", id, tally.claims, tally.compared, tally.agreed);
    total.claims += tally.claims;
    total.compared += tally.compared;
    total.agreed += tally.agreed;
  }
  return out + fmt::format("| **all** | {} | {} | {} |\n", total.claims, total.compared, total.agreed);
}

TEST(FixtureTrace, EveryFixtureStatementTakesTheLockTheLinterClaims) {
  REQUIRE_POSTGRES();
  validate::TempCluster cluster(validate::find_postgres(std::nullopt));
  const std::string superuser = validate::TempCluster::kSuperuser;
  {
    const validate::Connection admin = validate::connect(cluster.conninfo("postgres", superuser));
    validate::exec(admin.get(), "CREATE DATABASE world");
    const validate::Connection world = validate::connect(cluster.conninfo("world", superuser));
    validate::exec(world.get(), read_file(source_dir() / "tests" / "trace" / "world.sql"));
  }
  Outcome outcome;
  size_t number = 0;
  for (const FixtureCase& fixture : fixture_cases()) {
    const std::string database = fmt::format("fixture_{}", ++number);
    const validate::Connection admin = validate::connect(cluster.conninfo("postgres", superuser));
    validate::exec(admin.get(), fmt::format("CREATE DATABASE {} TEMPLATE world", database));
    {
      const validate::Connection conn = validate::connect(cluster.conninfo(database, superuser));
      validate::exec(conn.get(), "SET statement_timeout = '10s'; SET client_min_messages = error");
      const std::set<std::string> created = created_names(load_case(fixture));
      drop_from_world(conn.get(), created);
      trace_fixture(conn.get(), fixture, created, outcome);
    }
    validate::exec(admin.get(), fmt::format("DROP DATABASE {}", database));
  }
  for (const std::string& mismatch : outcome.mismatches) ADD_FAILURE() << mismatch;
  const std::string table = markdown_table(outcome);
  std::cout << table;
  for (const std::string& line : outcome.unclaimed) std::cout << "  " << line << "\n";
  if (const char* path = std::getenv("MIGLINT_FIXTURE_TRACE_TABLE")) std::ofstream(path) << table;
  size_t compared = 0;
  for (const auto& [rule, tally] : outcome.by_rule) compared += tally.compared;
  // The fixtures hold well over a hundred claims; most must run on the world schema, or this test
  // would pass while comparing little.
  EXPECT_GE(compared, 100U) << table;
}

}  // namespace
}  // namespace miglint::test
