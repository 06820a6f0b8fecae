#include <fmt/format.h>

#include <map>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "ban-duplicate-migration-version",
    .summary = "Two migrations with the same version: the runner refuses to run, or runs only one",
    .default_severity = Severity::error,
    .category = RuleCategory::correctness,
};

class BanDuplicateMigrationVersion final : public Rule {
 public:
  explicit BanDuplicateMigrationVersion(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check_set(const Context& ctx) const override {
    const MigrationSet& set = ctx.migration_set();
    // Prisma and node-pg-migrate run both migrations of a version, in name order.
    if (layout_info(set.layout).records_by_name) return;
    std::map<std::string, const Migration*> first_by_version;
    for (const Migration& m : set.migrations) {
      const std::optional<Script>& script = m.up ? m.up : m.down;
      if (m.repeatable || m.version.empty() || !script) {
        continue;
      }
      const auto [first, inserted] = first_by_version.try_emplace(version_key(set.layout, m.version), &m);
      if (inserted) {
        continue;
      }
      const Migration& earlier = *first->second;
      const std::optional<Script>& earlier_script = earlier.up ? earlier.up : earlier.down;
      const SourceFile& file = ctx.set_file(script->file);
      const SourceFile& other = ctx.set_file(earlier_script->file);
      Diagnostic d = diagnostic(
          first_line(file),
          fmt::format("version {} is used twice: by `{}` and by `{}`; {} refuses to migrate (or applies only one of "
                      "them), and which one wins differs between machines",
                      m.version, other.path(), file.path(), to_string(set.layout)),
          "Give the newer migration the next free version (renumber it to sort after every migration already "
          "merged).");
      d.related.push_back({other.path(), first_line(other), "the other migration with this version"});
      ctx.report_in(ctx.run_file_index(script->file), std::move(d));
    }
  }
};

}  // namespace

void register_ban_duplicate_migration_version(RuleRegistry& registry) { registry.add<BanDuplicateMigrationVersion>(kInfo); }

}  // namespace miglint
