#include <fmt/format.h>

#include "rules/ast_helpers.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "require-foreign-key-index",
    .summary = "A foreign key whose referencing columns lead no index",
    .default_severity = Severity::warning,
    .category = RuleCategory::performance,
};

// Checked once the whole history has been replayed: an index created later in the same
// migration (the usual CREATE TABLE; CREATE INDEX pattern) or in any later migration counts.
class RequireForeignKeyIndex final : public Rule {
 public:
  explicit RequireForeignKeyIndex(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void finish(const Context& ctx) const override {
    for (const auto& [key, table] : ctx.catalog().tables()) {
      for (const CatalogConstraint& fk : table.constraints) {
        if (fk.kind != ConstraintKind::foreign_key || fk.created_in == kBeforeHistory || fk.columns.empty() ||
            ctx.catalog().index_covering(key, fk.columns) != nullptr) {
          continue;
        }
        report(ctx, table, fk);
      }
    }
  }

 private:
  void report(const Context& ctx, const CatalogTable& table, const CatalogConstraint& fk) const {
    const std::string columns = column_list_sql(fk.columns);
    const std::string index_name = quote_identifier(generated_name(table.name.name, fk.columns, "idx"));
    ctx.report_in(fk.origin.file,
                  diagnostic(fk.origin.range,
                             fmt::format("foreign key `{0}` on `{1}` {2} has no index whose leading columns are {2}: "
                                         "every DELETE or key UPDATE on `{3}` scans all of `{1}` while holding its "
                                         "locks, and joins on the key cannot use an index",
                                         fk.name, table.name.display(), columns, fk.referenced_table.display()),
                             fmt::format("Index the referencing columns: `CREATE INDEX CONCURRENTLY {} ON {} {};` "
                                         "(outside a transaction block; a plain CREATE INDEX is fine when the table "
                                         "was created in the same migration).",
                                         index_name, table.name.sql(), columns)));
  }
};

}  // namespace

void register_require_foreign_key_index(RuleRegistry& registry) { registry.add<RequireForeignKeyIndex>(kInfo); }

}  // namespace miglint
