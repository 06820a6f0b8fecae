#include <fmt/format.h>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-migration-naming",
    .summary = "A migration file its runner would ignore, reject or misorder",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
};

class RequireMigrationNaming final : public Rule {
 public:
  explicit RequireMigrationNaming(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check_set(const Context& ctx) const override {
    const MigrationSet& set = ctx.migration_set();
    if (!set.layout_certain) {
      return;  // the runner is a guess: its naming rules cannot be held against the files
    }
    for (const NamingProblem& problem : set.naming_problems) {
      report(ctx, problem.file, problem.message);
    }
    for (const Migration& m : set.migrations) {
      if (!m.up && m.down) {
        report(ctx, m.down->file,
               fmt::format("this down migration has no up migration with version {}: {} never runs it", m.version,
                           to_string(set.layout)));
      } else if (m.up && layout_info(set.layout).runner_known) {
        if (ctx.is_empty_script(*m.up)) {
          report(ctx, m.up->file, "this migration has no statements: it is recorded as applied without doing anything");
        }
      }
    }
  }

 private:
  void report(const Context& ctx, size_t set_file, const std::string& message) const {
    const SourceFile& file = ctx.set_file(set_file);
    ctx.report_in(ctx.run_file_index(set_file),
                  diagnostic(first_line(file), message,
                             "Rename the file to the runner's pattern (see `miglint migrations` for what miglint "
                             "understood), or remove it if it is not a migration."));
  }
};

}  // namespace

void register_require_migration_naming(RuleRegistry& registry) { registry.add<RequireMigrationNaming>(kInfo); }

}  // namespace miglint
