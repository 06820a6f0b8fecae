#include "linter/layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "linter/error.hpp"
#include "linter/layout_loaders.hpp"

namespace miglint {

namespace {

// The one table of runners. Detection consults the entries in this order.
const std::vector<LayoutInfo>& table() {
  static const std::vector<LayoutInfo> layouts = {
      {LayoutId::flyway, "flyway", "flyway", true, true, "flyway_schema_history",
       "run it in a migration that your runner executes outside a transaction", flyway_evidence, load_flyway},
      {LayoutId::golang_migrate, "golang-migrate", "golang-migrate", true, true, "schema_migrations",
       "put the statement alone in a migration of its own: a single statement is not wrapped",
       golang_migrate_evidence, load_golang_migrate},
      {LayoutId::goose, "goose", "goose", true, true, "goose_db_version",
       "add `-- +goose NO TRANSACTION` to the file", goose_evidence, load_goose},
      {LayoutId::dbmate, "dbmate", "dbmate", true, true, "schema_migrations",
       "write `-- migrate:up transaction:false`", dbmate_evidence, load_dbmate},
      {LayoutId::diesel, "diesel", "diesel", true, true, "__diesel_schema_migrations",
       "add `run_in_transaction = false` to the migration's metadata.toml", diesel_evidence, load_diesel},
      {LayoutId::prisma, "prisma", "prisma", true, true, "_prisma_migrations",
       "put the statement alone in a migration of its own: a single statement is not wrapped", prisma_evidence,
       load_prisma},
      {LayoutId::sqitch, "sqitch", "sqitch", true, false, "",
       "run it in a migration that your runner executes outside a transaction", sqitch_evidence, load_sqitch},
      {LayoutId::node_pg_migrate, "node-pg-migrate", "node-pg-migrate", true, true, "",
       "run it in a migration that your runner executes outside a transaction", node_pg_migrate_evidence,
       load_node_pg_migrate},
      {LayoutId::atlas, "atlas", "atlas", true, true, "", "add `-- atlas:txmode none` to the file", atlas_evidence,
       load_atlas},
      {LayoutId::plain, "plain", "plain", true, true, "",
       "run it in a migration that your runner executes outside a transaction", no_evidence, load_plain},
      {LayoutId::files, "files", "the runner", false, false, "",
       "run it in a migration that your runner executes outside a transaction", no_evidence, load_files},
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

LayoutId detect_layout(const Listing& listing) {
  std::map<std::string_view, std::pair<LayoutId, std::string>> evidence;
  for (const LayoutInfo& info : table()) {
    if (std::optional<std::string> file = info.evidence(listing)) evidence.emplace(info.name, std::pair(info.id, *file));
  }
  // Atlas directories hold plain numbered files plus atlas.sum; goose files may live in one too.
  if (evidence.size() > 1) evidence.erase("atlas");
  if (evidence.size() > 1) {
    std::vector<std::string> parts;
    for (const auto& [layout, found] : evidence) parts.push_back(fmt::format("{} ({})", layout, found.second));
    throw Error(fmt::format("{}: mixes migrations of different runners: {}; lint the folders separately or force one "
                            "with --layout",
                            listing.root().string(), fmt::join(parts, ", ")));
  }
  if (!evidence.empty()) return evidence.begin()->second.first;
  const bool numbered = std::any_of(listing.files().begin(), listing.files().end(), [](const std::string& f) {
    return at_top_level(f) && is_sql(f) && std::isdigit(static_cast<unsigned char>(f[0]));
  });
  return numbered ? LayoutId::plain : LayoutId::files;
}

}  // namespace miglint
