#include <fmt/format.h>

#include <map>

#include "linter/history.hpp"
#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-edited-migration",
    .summary = "A migration that was already applied (present at --base or in miglint.sum) was edited, renamed or deleted",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
    .about_applied_migrations = true,
};

constexpr size_t kShownStatementLength = 160;

std::string shorten(const std::string& statement) {
  return statement.size() <= kShownStatementLength ? statement : statement.substr(0, kShownStatementLength) + "...";
}

// Names the first statement that differs, when both sides' statements are known.
std::string what_changed(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  if (before.empty()) {
    return "its statements changed";
  }
  for (size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
    if (i >= before.size()) return fmt::format("statement {} was added: `{}`", i + 1, shorten(after[i]));
    if (i >= after.size()) return fmt::format("statement {} was removed: `{}`", i + 1, shorten(before[i]));
    if (before[i] != after[i]) {
      return fmt::format("statement {} changed from `{}` to `{}`", i + 1, shorten(before[i]), shorten(after[i]));
    }
  }
  return "its statements changed";
}

class BanEditedMigration final : public Rule {
 public:
  explicit BanEditedMigration(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check_set(const Context& ctx) const override {
    const MigrationSet& set = ctx.migration_set();
    if (!set.base) {
      return;
    }
    std::map<std::string, std::pair<const Migration*, MigrationRecord>> current;
    std::vector<const MigrationRecord*> current_records;
    for (const Migration& m : set.migrations) {
      if (!m.up) continue;
      MigrationRecord record = record_of(set, m, ctx.set_file(m.up->file), ctx.parsed(*m.up));
      const std::string key = record.key;
      current.try_emplace(key, &m, std::move(record));
    }
    for (const MigrationRecord& base : set.base->records) {
      const auto found = current.find(base.key);
      if (found == current.end()) {
        report_missing(ctx, base, current);
      } else if (base.versioned) {
        compare(ctx, base, *found->second.first, found->second.second);
      }
    }
  }

 private:
  void compare(const Context& ctx, const MigrationRecord& base, const Migration& migration,
               const MigrationRecord& now) const {
    const SourceFile& file = ctx.set_file(migration.up->file);
    const std::string& label = ctx.migration_set().base->label;
    const size_t run_file = ctx.run_file_index(migration.up->file);
    if (now.path != base.path) {
      Diagnostic d = diagnostic(first_line(file),
                                fmt::format("applied migration `{}` (in {}) was renamed to `{}`: runners that record "
                                            "the file name or description see a missing and a new migration",
                                            base.path, label, now.path),
                                "Keep the name a migration had when it was applied.");
      d.severity = Severity::warning;
      ctx.report_in(run_file, std::move(d));
    }
    if (now.byte_hash == base.byte_hash) {
      return;
    }
    if (now.semantic_hash == base.semantic_hash) {
      Diagnostic d = diagnostic(first_line(file),
                                fmt::format("applied migration `{}` was reformatted since {} (whitespace, comments or "
                                            "case only); runners that checksum bytes (Flyway, Prisma, sqlx) will "
                                            "still refuse it",
                                            now.path, label),
                                "Revert the cosmetic change, or repair the runner's checksum if you keep it.");
      d.severity = Severity::note;
      ctx.report_in(run_file, std::move(d));
      return;
    }
    ctx.report_in(run_file,
                  diagnostic(first_line(file),
                             fmt::format("applied migration `{}` was changed since {}: {}. Databases that already ran "
                                         "it will never run the new version",
                                         now.path, label, what_changed(base.statements, now.statements)),
                             "Revert the edit and put the change in a new migration."));
  }

  void report_missing(const Context& ctx, const MigrationRecord& base,
                      const std::map<std::string, std::pair<const Migration*, MigrationRecord>>& current) const {
    const MigrationSet& set = ctx.migration_set();
    for (const auto& [key, entry] : current) {
      if (entry.second.byte_hash == base.byte_hash) {
        const SourceFile& file = ctx.set_file(entry.first->up->file);
        ctx.report_in(ctx.run_file_index(entry.first->up->file),
                      diagnostic(first_line(file),
                                 fmt::format("applied migration `{}` (in {}) was renamed to `{}`, which changes its "
                                             "version: databases that ran it will run it again",
                                             base.path, set.base->label, entry.second.path),
                                 "Restore the original file name."));
        return;
      }
    }
    // No file left to point at: report on the first migration of the set.
    const auto first = std::find_if(set.migrations.begin(), set.migrations.end(), [](const Migration& m) { return m.up.has_value(); });
    if (first == set.migrations.end()) {
      return;
    }
    const SourceFile& file = ctx.set_file(first->up->file);
    ctx.report_in(ctx.run_file_index(first->up->file),
                  diagnostic(first_line(file),
                             fmt::format("applied migration `{}` (in {}) was deleted: databases that ran it keep its "
                                         "changes, new databases will not have them",
                                         base.path, set.base->label),
                             "Restore the file; undo its effect with a new migration instead."));
  }
};

}  // namespace

void register_ban_edited_migration(RuleRegistry& registry) { registry.add<BanEditedMigration>(kInfo); }

}  // namespace miglint
