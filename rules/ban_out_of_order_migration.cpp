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
    const LayoutInfo& layout = layout_info(set.layout);
    if (!layout.by_version) return;  // without versions, the order is whatever the plan or the list says
    if (layout.newer != nullptr) check_run_order(ctx, layout);
    if (set.base) check_against_base(ctx, layout);
  }

 private:
  // What the runner does with `m`, which is not newer than `newest`.
  static std::string consequence(const LayoutInfo& layout, const std::string& newest) {
    if (layout.older_migration.empty()) {
      return fmt::format("golang-migrate and goose never run it on databases that are past {}, and Flyway refuses to "
                         "migrate unless outOfOrder is set", newest);
    }
    return fmt::format(fmt::runtime(layout.older_migration), fmt::arg("newest", newest));
  }

  // A runner whose run order is not what decides "newer" (drizzle: the journal order vs `when`):
  // a migration that runs after one it is not newer than is skipped on every database that has
  // applied that one, even without a base to compare with.
  void check_run_order(const Context& ctx, const LayoutInfo& layout) const {
    const MigrationSet& set = ctx.migration_set();
    const Migration* newest = nullptr;
    for (const Migration& m : set.migrations) {
      if (!m.up || m.version.empty()) continue;
      if (newest != nullptr && !layout.newer({newest->version, {}}, {m.version, {}})) {
        const SourceFile& file = ctx.set_file(m.up->file);
        ctx.report_in(ctx.run_file_index(m.up->file),
                      diagnostic(first_line(file),
                                 fmt::format("{} ({}) runs after {} ({}) but is not newer: {}", m.name, m.version,
                                             newest->name, newest->version, consequence(layout, newest->name)),
                                 fmt::format("Give it a version after {} (drizzle: a journal `when` above {}), or "
                                             "generate the migration again after merging.", newest->version, newest->version)));
        continue;
      }
      newest = &m;
    }
  }

  void check_against_base(const Context& ctx, const LayoutInfo& layout) const {
    const MigrationSet& set = ctx.migration_set();
    const RunOrder runs_before = layout.newer != nullptr ? layout.newer : layout.order;
    std::set<std::string> applied;
    const MigrationRecord* newest = nullptr;
    for (const MigrationRecord& record : set.base->records) {
      if (!record.versioned || record.version.empty()) continue;
      applied.insert(record.key);
      if (newest == nullptr || runs_before({newest->version, newest->path}, {record.version, record.path})) newest = &record;
    }
    if (newest == nullptr) return;
    for (const Migration& m : set.migrations) {
      if (!m.up || m.repeatable || m.version.empty()) continue;
      const SourceFile& file = ctx.set_file(m.up->file);
      if (applied.contains(migration_key(set, m, ""))) continue;
      if (!runs_before({m.version, relative_path(set.root, file.path())}, {newest->version, newest->path})) continue;
      ctx.report_in(ctx.run_file_index(m.up->file),
                    diagnostic(first_line(file),
                               fmt::format("new migration {} sorts before {} (`{}`), which is already applied in {}: {}",
                                           m.version, newest->version, newest->path, set.base->label,
                                           consequence(layout, newest->version)),
                               fmt::format("Give the migration a version after {} (rename the file), then rerun miglint.",
                                           newest->version)));
    }
  }
};

}  // namespace

void register_ban_out_of_order_migration(RuleRegistry& registry) { registry.add<BanOutOfOrderMigration>(kInfo); }

}  // namespace miglint
