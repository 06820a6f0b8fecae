#include "linter/layout.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "linter/error.hpp"
#include "linter/layout_loaders.hpp"
#include "linter/listing.hpp"

namespace miglint {

namespace {

// The one table of runners. Detection consults the entries in this order.
const std::vector<LayoutInfo>& table() {
  constexpr std::string_view kOwnMigration = "run it in a migration that your runner executes outside a transaction";
  constexpr std::string_view kAlone = "put the statement alone in a migration of its own: a single statement is not wrapped";
  static const std::vector<LayoutInfo> layouts = {
      {.id = LayoutId::flyway, .name = "flyway", .runner = "flyway", .order = flyway_order,
       .history_table = "flyway_schema_history",
       .no_transaction = "give the migration a script configuration file next to it (its name and `.conf`) with "
                         "`executeInTransaction=false` (Flyway 6.1+)",
       .evidence = flyway_evidence,
       .load = load_flyway},
      {.id = LayoutId::golang_migrate, .name = "golang-migrate", .runner = "golang-migrate", .order = numeric_version_order,
       .history_table = "schema_migrations", .no_transaction = kAlone, .evidence = golang_migrate_evidence,
       .load = load_golang_migrate},
      {.id = LayoutId::goose, .name = "goose", .runner = "goose", .order = numeric_version_order,
       .history_table = "goose_db_version", .no_transaction = "add `-- +goose NO TRANSACTION` to the file",
       .evidence = goose_evidence, .load = load_goose},
      {.id = LayoutId::dbmate, .name = "dbmate", .runner = "dbmate", .order = file_name_order,
       .numeric_versions = false, .history_table = "schema_migrations",
       .no_transaction = "write `-- migrate:up transaction:false`",
       // Seen with dbmate 2.36 (lib/pq checks the transaction status before its COMMIT).
       .ended_transaction = "dbmate's own COMMIT then fails (`pq: unexpected transaction status idle`): `dbmate up` "
                            "exits with an error after applying and recording this migration, and applies none after "
                            "it until it is run again",
       .evidence = dbmate_evidence, .load = load_dbmate},
      {.id = LayoutId::diesel, .name = "diesel", .runner = "diesel", .order = version_string_order,
       .numeric_versions = false, .history_table = "__diesel_schema_migrations",
       .no_transaction = "add `run_in_transaction = false` to the migration's metadata.toml", .evidence = diesel_evidence,
       .load = load_diesel},
      {.id = LayoutId::prisma, .name = "prisma", .runner = "prisma", .order = folder_name_order, .records_by_name = true,
       .history_table = "_prisma_migrations", .no_transaction = kAlone, .evidence = prisma_evidence, .load = load_prisma},
      // drizzle-orm's migrator (pg-core dialect.migrate): the journal's entries in order, all
      // pending ones in one transaction, each only when its `when` is after the newest applied
      // `created_at`; there is no per-migration way out of the transaction.
      {.id = LayoutId::drizzle, .name = "drizzle", .runner = "drizzle", .order = plan_order, .newer = numeric_version_order,
       .older_migration = "drizzle's migrator applies a migration only when its journal `when` is after the newest applied "
                          "one's, so it skips this one on every database past {newest}, silently and for good",
       .grouping = RunGrouping::whole_run, .history_table = "drizzle.__drizzle_migrations",
       .no_transaction = "run the statement outside drizzle's migrator, which puts every pending migration in one "
                         "transaction with no way out (for example from a script run after `migrate`)",
       .evidence = drizzle_evidence, .load = load_drizzle},
      {.id = LayoutId::sqitch, .name = "sqitch", .runner = "sqitch", .order = plan_order, .by_version = false,
       .no_transaction = kOwnMigration, .evidence = sqitch_evidence, .load = load_sqitch},
      // node-pg-migrate's runner defaults to singleTransaction (src/runner.ts): all pending
      // migrations in one transaction; a .sql migration cannot opt out (pgm.noTransaction is for
      // JavaScript migrations).
      {.id = LayoutId::node_pg_migrate, .name = "node-pg-migrate", .runner = "node-pg-migrate",
       .order = node_pg_migrate_order, .grouping = RunGrouping::whole_run, .records_by_name = true,
       .no_transaction = "move the statement to a JavaScript migration that calls pgm.noTransaction(), or run with "
                         "--no-single-transaction", .evidence = node_pg_migrate_evidence,
       .load = load_node_pg_migrate},
      {.id = LayoutId::atlas, .name = "atlas", .runner = "atlas", .order = version_string_order, .numeric_versions = false,
       .no_transaction = "add `-- atlas:txmode none` to the file", .evidence = atlas_evidence, .load = load_atlas},
      {.id = LayoutId::plain, .name = "plain", .runner = "plain", .order = natural_order, .no_transaction = kOwnMigration,
       .evidence = no_evidence, .load = load_plain},
      {.id = LayoutId::files, .name = "files", .runner = "the runner", .runner_known = false, .order = natural_order,
       .by_version = false, .no_transaction = kOwnMigration, .evidence = no_evidence, .load = load_files},
  };
  return layouts;
}

}  // namespace

const LayoutInfo& layout_info(LayoutId id) {
  for (const LayoutInfo& info : table()) {
    if (info.id == id) return info;
  }
  return table().back();
}

const LayoutInfo* find_layout(std::string_view name) {
  for (const LayoutInfo& info : table()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const std::vector<std::string_view>& layout_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const LayoutInfo& info : table()) out.push_back(info.name);
    return out;
  }();
  return names;
}

std::string_view to_string(LayoutId id) { return layout_info(id).name; }

namespace {

// When no runner is certain: plain numbered files, or just files; say why.
Detection assumed_layout(const Listing& listing, const std::map<std::string_view, Evidence>& partial) {
  const bool numbered = std::any_of(listing.files().begin(), listing.files().end(), [](const std::string& f) {
    return at_top_level(f) && is_sql(f) && std::isdigit(static_cast<unsigned char>(f[0]));
  });
  if (partial.empty()) {
    return {numbered ? LayoutId::plain : LayoutId::files, false,
            "no runner's marker file or annotation, and no runner's naming, was found"};
  }
  // Name the runner most of the files look like, and a file it would not run.
  const auto best = std::max_element(partial.begin(), partial.end(),
                                     [](const auto& a, const auto& b) { return a.second.fitting < b.second.fitting; });
  const Evidence& evidence = best->second;
  return {LayoutId::files, false,
          fmt::format("only {} of {} migration files are named as {} expects ({} is not), so no runner is assumed and "
                      "every .sql file is read in version order; `--layout {}` (or `layout` in miglint.toml) holds the "
                      "files to its naming",
                      evidence.fitting, evidence.candidates, best->first, evidence.misfit, best->first)};
}

}  // namespace

Detection detect_layout(const Listing& listing) {
  std::map<std::string_view, std::pair<LayoutId, Evidence>> found;
  for (const LayoutInfo& info : table()) {
    if (std::optional<Evidence> evidence = info.evidence(listing)) found.emplace(info.name, std::pair(info.id, *evidence));
  }
  // Atlas directories hold plain numbered files plus atlas.sum; goose files may live in one too.
  if (found.size() > 1) found.erase("atlas");
  if (found.size() > 1) {
    std::vector<std::string> parts;
    for (const auto& [layout, evidence] : found) parts.push_back(fmt::format("{} ({})", layout, evidence.second.file));
    throw Error(fmt::format("{}: mixes migrations of different runners: {}; lint the folders separately or force one "
                            "with --layout",
                            listing.root().string(), fmt::join(parts, ", ")));
  }
  if (found.empty()) return assumed_layout(listing, {});
  const auto& [name, evidence] = *found.begin();
  if (evidence.second.conclusive()) return {evidence.first, true, {}};
  return assumed_layout(listing, {{name, evidence.second}});
}

}  // namespace miglint
