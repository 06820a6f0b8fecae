#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "identifier-too-long",
    .summary = "A name longer than 63 bytes, which PostgreSQL silently truncates",
    .default_severity = Severity::warning,
    .category = RuleCategory::correctness,
};

constexpr size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

// The identifier a token spells, as PostgreSQL reads it before truncating: quotes removed (and
// doubled quotes undone) for a quoted one. The parse tree only holds the truncated name.
std::optional<std::string> identifier_text(std::string_view token, PgQuery__Token kind) {
  if (kind != PG_QUERY__TOKEN__IDENT) return std::nullopt;
  return unquote_identifier(token);
}

class IdentifierTooLong final : public Rule {
 public:
  explicit IdentifierTooLong(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    std::vector<std::string> seen;
    for (const Token& token : stmt.tokens) {
      const std::optional<std::string> name = identifier_text(ctx.file().slice(token.range), token.kind);
      if (!name || name->size() <= kMaxIdentifierBytes || std::find(seen.begin(), seen.end(), *name) != seen.end()) continue;
      seen.push_back(*name);
      const std::string& shown = *name;
      ctx.report(diagnostic(token.range,
                            fmt::format("`{}` is {} bytes long: PostgreSQL silently cuts it to its first 63 bytes "
                                        "(`{}`), so code using the full name does not find it, and two long names with "
                                        "the same start collide",
                                        shown, shown.size(), shown.substr(0, kMaxIdentifierBytes)),
                            "Choose a name of at most 63 bytes."));
    }
  }
};

}  // namespace

void register_identifier_too_long(RuleRegistry& registry) { registry.add<IdentifierTooLong>(kInfo); }

}  // namespace miglint
