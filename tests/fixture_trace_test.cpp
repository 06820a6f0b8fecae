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
  size_t effects = 0;     // rewrites and scans the rule's findings predict
  size_t effects_compared = 0;
  size_t effects_agreed = 0;
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
// The rewrites and scans the findings inside a statement predict, against the measurement; and a
// rewrite of an existing table that no finding predicts (listed, not failed: a rule may judge it
// harmless, as for a table the fixture created).
void compare_effects(const validate::StatementTrace& trace, const std::vector<const EffectClaim*>& effects,
                     const std::set<std::string>& created, const std::string& where, RuleTally& tally, Outcome& outcome) {
  std::set<std::string> predicted_rewrites;
  for (const EffectClaim* claim : effects) {
    const bool rewrite = claim->effect.kind == PredictedEffect::Kind::rewrite;
    if (rewrite) predicted_rewrites.insert(claim->effect.table);
    const bool measurable = std::find(trace.named_existing.begin(), trace.named_existing.end(), claim->effect.table) !=
                                trace.named_existing.end() &&
                            (rewrite || trace.locks_measured) && !trace.skipped;
    if (!measurable) continue;
    ++tally.effects_compared;
    const std::string measured = validate::effect_disagreement(trace, claim->effect);
    if (measured.empty()) {
      ++tally.effects_agreed;
    } else {
      outcome.mismatches.push_back(fmt::format("{}: `{}` says it {} {}; the server {}", where, claim->rule,
                                               rewrite ? "rewrites" : "scans", claim->effect.table, measured));
    }
  }
  for (const std::string& table : trace.rewritten) {
    if (table.find(' ') != std::string::npos || created.contains(table) || predicted_rewrites.contains(table)) continue;
    const bool is_table = std::any_of(trace.locks.begin(), trace.locks.end(), [&](const validate::TracedLock& lock) {
      return lock.relation == table && lock.kind == "table";
    });
    if (is_table) outcome.unclaimed.push_back(fmt::format("{}: no finding predicts it; the server rewrote {}", where, table));
  }
}

// The lock the linter claims for a statement against the measurement.
void compare_lock(const validate::StatementTrace& trace, const LockClaim& claim, const std::string& where,
                  RuleTally& tally, Outcome& outcome) {
  const std::string measured = validate::disagreement(trace, claim.mode, claim.relation);
  if (claim.if_exists && measured == "no new lock") return;  // nothing was there to drop: not judged
  ++tally.compared;
  if (measured.empty()) {
    ++tally.agreed;
  } else {
    outcome.mismatches.push_back(
        fmt::format("{}: the linter claims {} on {}; the server took {}", where, claim.mode, claim.relation, measured));
  }
}

// A statement the linter claims no lock for that took SHARE or stronger on an existing table
// (listed, not failed: a claim may be left out on purpose, as for the statements of a DO body).
void list_unclaimed_lock(const validate::StatementTrace& trace, const std::set<std::string>& created,
                         const std::string& where, Outcome& outcome) {
  for (const validate::TracedLock& lock : trace.locks) {
    if (validate::lock_strength(lock.mode) < validate::lock_strength("ShareLock") || lock.kind != "table" ||
        created.contains(lock.relation)) {
      continue;
    }
    outcome.unclaimed.push_back(fmt::format("{}: no claim; the server took {} on {}", where, lock.mode, lock.relation));
    return;
  }
}

// `created`: what the fixture creates itself (a lock on it holds up no one the linter cares about).
void trace_fixture(PGconn* conn, const FixtureCase& fixture, const std::set<std::string>& created, Outcome& outcome) {
  LinterClaims all = claim_locks(load_case(fixture), kServerVersionForClaims);
  std::map<std::pair<std::string, uint32_t>, LockClaim> claims;
  for (LockClaim& claim : all.locks) claims.emplace(std::pair(claim.file, claim.offset), std::move(claim));
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
      std::vector<const EffectClaim*> effects;  // the findings inside the statement
      for (const EffectClaim& effect : all.effects) {
        if (effect.file == file.path() && effect.offset >= stmt.range.begin && effect.offset < stmt.range.end) {
          effects.push_back(&effect);
        }
      }
      tally.effects += effects.size();
      std::optional<validate::StatementTrace> trace = run_traced(conn, file.slice(stmt.range));
      if (!trace) continue;
      validate::account_for_statement_kind(*trace, *stmt.node);
      const std::string where = fmt::format("{}:{}", fs::relative(file.path(), source_dir()).string(),
                                            file.position(stmt.range.begin).line);
      compare_effects(*trace, effects, created, where, tally, outcome);
      if (!trace->locks_measured || (claim != claims.end() && !claimed)) continue;  // DROP INDEX names no table
      if (claimed) {
        compare_lock(*trace, claim->second, where, tally, outcome);
        continue;
      }
      // A DO block: the claims of its body's statements, combined as validate --trace does.
      std::vector<const LockClaim*> inside;
      for (auto it = claims.lower_bound(std::pair(file.path(), stmt.range.begin + 1));
           it != claims.end() && it->first.first == file.path() && it->first.second < stmt.range.end; ++it) {
        if (it->second.in_do_block) inside.push_back(&it->second);
      }
      const std::map<std::string, std::string> combined = strongest_claims(inside);
      for (const auto& [relation, mode] : combined) {
        ++tally.claims;
        compare_lock(*trace, LockClaim{file.path(), stmt.range.begin, mode, relation, false, true}, where, tally, outcome);
      }
      if (combined.empty()) list_unclaimed_lock(*trace, created, where, outcome);
    }
  }
}

std::string markdown_table(const Outcome& outcome) {
  std::string out =
      "| rule fixtures | lock claims | measured | agree | rewrite/scan claims | measured | agree |\n"
      "| --- | --- | --- | --- | --- | --- | --- |\n";
  RuleTally total;
  const auto row = [](const std::string& name, const RuleTally& t) {
    return fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", name, t.claims, t.compared, t.agreed, t.effects,
                       t.effects_compared, t.effects_agreed);
  };
  for (const auto& [rule, tally] : outcome.by_rule) {
    if (tally.claims == 0 && tally.effects == 0) continue;
    std::string id = rule;
    std::replace(id.begin(), id.end(), '_', '-');
    out += row("`" + id + "`", tally);
    total.claims += tally.claims;
    total.compared += tally.compared;
    total.agreed += tally.agreed;
    total.effects += tally.effects;
    total.effects_compared += tally.effects_compared;
    total.effects_agreed += tally.effects_agreed;
  }
  return out + row("**all**", total);
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
      // A session time zone other than UTC, also after RESET: in UTC, timestamp -> timestamptz
      // keeps every row, and the linter (which cannot know the server's zone) assumes it does not.
      const validate::Connection conn =
          validate::connect(cluster.conninfo(database, superuser) + " options='-c TimeZone=America/New_York'");
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
