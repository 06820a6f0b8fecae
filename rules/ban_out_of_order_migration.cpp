#include <fmt/format.h>

#include <set>

#include "linter/discover.hpp"
#include "linter/history.hpp"
#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-out-of-order-migration",
    .summary = "A new migration whose version sorts before one that was already applied",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .about_applied_migrations = true,
};

class BanOutOfOrderMigration final : public Rule {
 public:
  explicit BanOutOfOrderMigration(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check_set(const Context& ctx) const override {
    const MigrationSet& set = ctx.migration_set();
    if (!set.base || !layout_info(set.layout).by_version) {
      return;  // without versions, the order is whatever the plan or the list says
    }
    const RunOrder runs_before = layout_info(set.layout).order;
    std::set<std::string> applied;
    const MigrationRecord* newest = nullptr;
    for (const MigrationRecord& record : set.base->records) {
      if (!record.versioned || record.version.empty()) continue;
      applied.insert(record.key);
      if (newest == nullptr || runs_before({newest->version, newest->path}, {record.version, record.path})) newest = &record;
    }
    if (newest == nullptr) {
      return;
    }
    for (const Migration& m : set.migrations) {
      if (!m.up || m.repeatable || m.version.empty()) continue;
      const SourceFile& file = ctx.set_file(m.up->file);
      if (applied.contains(migration_key(set, m, ""))) continue;
      if (!runs_before({m.version, relative_path(set.root, file.path())}, {newest->version, newest->path})) continue;
      ctx.report_in(ctx.run_file_index(m.up->file),
                    diagnostic(first_line(file),
                               fmt::format("new migration {} sorts before {} (`{}`), which is already applied in {}: "
                                           "golang-migrate and goose never run it on databases that are past {}, "
                                           "and Flyway refuses to migrate unless outOfOrder is set",
                                           m.version, newest->version, newest->path, set.base->label, newest->version),
                               fmt::format("Give the migration a version after {} (rename the file), then rerun miglint.",
                                           newest->version)));
    }
  }
};

}  // namespace

void register_ban_out_of_order_migration(RuleRegistry& registry) { registry.add<BanOutOfOrderMigration>(kInfo); }

}  // namespace miglint
