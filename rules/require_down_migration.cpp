#include <fmt/format.h>

#include <algorithm>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-down-migration",
    .summary = "A migration without a down migration (or with an empty one) in a set that uses downs",
    .default_severity = Severity::warning,
    .category = RuleCategory::correctness,
};

// Only sets that use down migrations at all are checked: a team that never writes downs does not
// want one finding per migration. A set whose down parts are all empty (dbmate's template writes
// an empty `-- migrate:down` into every file) does not use them either.
class RequireDownMigration final : public Rule {
 public:
  explicit RequireDownMigration(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check_set(const Context& ctx) const override {
    const MigrationSet& set = ctx.migration_set();
    const bool uses_downs = set.layout_has_downs && std::any_of(set.migrations.begin(), set.migrations.end(),
                                                                [&](const Migration& m) {
                                                                  return m.down.has_value() && !ctx.is_empty_script(*m.down);
                                                                });
    if (!uses_downs) {
      return;
    }
    for (const Migration& m : set.migrations) {
      if (!m.up || m.repeatable) {
        continue;
      }
      const SourceFile& file = ctx.set_file(m.up->file);
      if (!m.down) {
        ctx.report_in(ctx.run_file_index(m.up->file),
                      diagnostic(first_line(file),
                                 fmt::format("migration {} has no down migration: it cannot be rolled back", m.version),
                                 "Write the statements that undo it (`miglint validate` checks that they restore "
                                 "the schema)."));
        continue;
      }
      if (ctx.is_empty_script(*m.down)) {
        const SourceFile& down_file = ctx.set_file(m.down->file);
        const TextRange at{m.down->section.begin, down_file.lines().line_range(down_file.position(m.down->section.begin).line).end};
        ctx.report_in(ctx.run_file_index(m.down->file),
                      diagnostic(at, fmt::format("the down migration of {} is empty: rolling back records success and "
                                                 "changes nothing",
                                                 m.version),
                                 "Write the statements that undo the up migration, or fail loudly on purpose."));
      }
    }
  }
};

}  // namespace

void register_require_down_migration(RuleRegistry& registry) { registry.add<RequireDownMigration>(kInfo); }

}  // namespace miglint
