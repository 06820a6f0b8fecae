#include "linter/rule.hpp"

namespace miglint {

std::string_view to_string(RuleCategory category) {
  switch (category) {
    case RuleCategory::locking: return "locking";
    case RuleCategory::compatibility: return "compatibility";
    case RuleCategory::correctness: return "correctness";
    case RuleCategory::performance: return "performance";
    case RuleCategory::meta: return "meta";
    case RuleCategory::validation: return "validation";
  }
  return "meta";
}

std::string_view to_string(FixAvailability availability) {
  switch (availability) {
    case FixAvailability::none: return "none";
    case FixAvailability::sometimes: return "sometimes";
    case FixAvailability::always: return "always";
  }
  return "none";
}

Context::Context(const SourceFile& file, size_t file_index, size_t migration, const Catalog& catalog, int pg_version,
                 Sink sink)
    : file_(&file), file_index_(file_index), migration_(migration), catalog_(&catalog), pg_version_(pg_version),
      sink_(std::move(sink)) {}

bool Context::is_new_table(const QualifiedName& name) const {
  const CatalogTable* table = catalog_->table(name);
  return table != nullptr && table->created_in == migration_;
}

Diagnostic Rule::diagnostic(TextRange range, std::string message, std::string help) const {
  Diagnostic d;
  d.rule = std::string(info_.id);
  d.severity = info_.default_severity;
  d.range = range;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

}  // namespace miglint
