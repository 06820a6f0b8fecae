#include <fmt/format.h>

#include <map>
#include <unordered_set>
#include <span>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "down-not-undoing-up",
    .summary = "A down migration that, replayed on its up, does not give back the schema the up started from",
    .default_severity = Severity::warning,
    .category = RuleCategory::correctness,
    .checks_downs = true,
};

// One thing the replay knows of a schema.
struct Fact {
  /// For a column, its type and nullability (so a type change the down does not revert shows).
  std::string detail;
  /// The fact `table ...` of the table it belongs to (empty for a table): a table the up created
  /// and the down leaves is reported alone, not with each of its columns.
  std::string table;
};

std::string table_fact(const QualifiedName& name) { return fmt::format("table `{}`", name.display()); }

// The names a script spells (identifiers and unreserved keywords), folded as PostgreSQL folds
// them: only objects named by the up or the down can differ, so only they are compared. This
// keeps the check proportional to the migration, not to the whole schema.
void collect_names(std::span<const Token> tokens, const SourceFile& file, std::unordered_set<std::string>& names) {
  for (const Token& token : tokens) {
    if (!token.reserved) names.insert(identifier_name(file.slice(token.range)));
  }
}

void collect_names(const ParsedFile& parsed, const SourceFile& file, std::unordered_set<std::string>& names) {
  for (const Statement& stmt : parsed.linted_statements()) collect_names(stmt.tokens, file, names);
  for (const RejectedStatement& rejected : parsed.rejected()) collect_names(rejected.tokens, file, names);
}

// What the replay knows of the objects `names` mentions, by description.
std::map<std::string, Fact> schema_facts(const Catalog& catalog, const std::unordered_set<std::string>& names) {
  std::map<std::string, Fact> facts;
  for (const auto& [key, table] : catalog.tables()) {
    if (!names.contains(table.name.name)) continue;
    const std::string owner = table_fact(table.name);
    // Tables the history only altered (never created) are known by their mentioned columns.
    if (table.created_in != kBeforeHistory) facts[owner] = {};
    // A table whose columns the replay does not fully know may have had any column.
    if (!table.columns_known) continue;
    for (const CatalogColumn& column : table.columns) {
      facts[fmt::format("column `{}.{}`", table.name.display(), column.name)] = {
          column.type.display() + (column.not_null ? " NOT NULL" : ""), owner};
    }
    for (const CatalogConstraint& constraint : table.constraints) {
      facts[fmt::format("constraint `{}` on `{}`", constraint.name, table.name.display())] = {"", owner};
    }
  }
  for (const auto& [key, index] : catalog.indexes()) {
    const CatalogTable* table = catalog.tables().find(index.table_key);
    const bool table_named = table != nullptr && names.contains(table->name.name);
    if (!table_named && !names.contains(index.name.name)) continue;
    facts[fmt::format("index `{}`", index.name.display())] = {"", table != nullptr ? table_fact(table->name) : ""};
  }
  return facts;
}

// The facts of `side` missing from `other`, leaving out those of a table that is missing too.
std::vector<std::string> missing(const std::map<std::string, Fact>& side, const std::map<std::string, Fact>& other) {
  std::vector<std::string> out;
  for (const auto& [fact, detail] : side) {
    if (other.contains(fact)) continue;
    if (!detail.table.empty() && side.contains(detail.table) && !other.contains(detail.table)) continue;
    out.push_back(fact);
  }
  return out;
}

class DownNotUndoingUp final : public Rule {
 public:
  explicit DownNotUndoingUp(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void finish_down(const Context& ctx) const override {
    const Catalog* before_up = ctx.catalog_before_up();
    const std::vector<Statement>& script = ctx.script_statements();
    // An empty down is require-down-migration's; SQL the replay cannot see makes it blind.
    if (before_up == nullptr || script.empty() || ctx.catalog().opaque_statements() != before_up->opaque_statements()) {
      return;
    }
    std::unordered_set<std::string> names;
    const Migration& migration = ctx.migration_set().migrations[ctx.migration()];
    const Script* sides[] = {migration.up ? &*migration.up : nullptr, migration.down ? &*migration.down : nullptr};
    for (const Script* part : sides) {
      const ParsedFile* parsed = part != nullptr ? ctx.parsed(*part) : nullptr;
      if (parsed != nullptr) collect_names(*parsed, ctx.set_file(part->file), names);
    }
    const std::map<std::string, Fact> before = schema_facts(*before_up, names);
    const std::map<std::string, Fact> after = schema_facts(ctx.catalog(), names);
    const std::vector<std::string> left = missing(after, before);     // the up made it, the down leaves it
    const std::vector<std::string> removed = missing(before, after);  // there before the up, the down takes it
    std::vector<std::string> changed;  // a column whose type or nullability the down does not restore
    for (const auto& [fact, now] : after) {
      const auto found = before.find(fact);
      if (found != before.end() && found->second.detail != now.detail) {
        changed.push_back(fmt::format("{} ({} before the up, {} after the down)", fact, found->second.detail, now.detail));
      }
    }
    if (left.empty() && removed.empty() && changed.empty()) return;
    std::vector<std::string> parts;
    if (!left.empty()) parts.push_back("ends with " + summarize(left) + ", which the schema did not have before the up");
    if (!removed.empty()) parts.push_back("ends without " + summarize(removed) + ", which the schema had before the up");
    if (!changed.empty()) parts.push_back("does not restore " + summarize(changed));
    const Statement& first = script.front();
    ctx.report(diagnostic(first.range,
                          fmt::format("replayed on its up, this down {}", join(parts, "; ")),
                          "Make the down the exact inverse of the up (drop what the up created under the same "
                          "names, recreate what it dropped), or `miglint validate` to check it on a real server."));
  }

 private:
  static std::string summarize(const std::vector<std::string>& items) {
    constexpr size_t kShown = 3;
    if (items.size() <= kShown) return join(items);
    const std::vector<std::string> shown(items.begin(), items.begin() + kShown);
    return fmt::format("{} and {} more", join(shown), items.size() - kShown);
  }
};

}  // namespace

void register_down_not_undoing_up(RuleRegistry& registry) { registry.add<DownNotUndoingUp>(kInfo); }

}  // namespace miglint
