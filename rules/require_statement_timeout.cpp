#include <fmt/format.h>

#include <optional>

#include "linter/error.hpp"
#include "linter/rule_registry.hpp"
#include "linter/session.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr std::string_view kOptionNames[] = {"max"};
constexpr std::span<const std::string_view> kMaxOption{kOptionNames};

constexpr RuleInfo kInfo{
    .id = "require-statement-timeout",
    .summary = "A statement that blocks a table with no statement_timeout set (or 0, or above the configured maximum)",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
    .opt_in = true,
    .options = kMaxOption,
};

constexpr std::string_view kSetting = "statement_timeout";
// PostgreSQL 17 added transaction_timeout, which ends the statement's transaction (and its locks) too.
constexpr std::string_view kTransactionSetting = "transaction_timeout";
constexpr int kTransactionTimeoutSince = 17;

// Why neither timeout protects this statement (empty when one does).
std::string unprotected(const SessionSettings& session, std::optional<double> max_ms, int pg_version) {
  std::string why = timeout_gap(session, kSetting, max_ms);
  if (why.empty() || pg_version < kTransactionTimeoutSince) return why;
  if (session.get(kTransactionSetting).has_value()) {
    const std::string transaction_why = timeout_gap(session, kTransactionSetting, max_ms);
    return transaction_why.empty() ? std::string() : why + ", and " + transaction_why;
  }
  return why;
}

class RequireStatementTimeout final : public Rule {
 public:
  explicit RequireStatementTimeout(const RuleOptions& options) : Rule(kInfo) {
    const auto found = options.find("max");
    if (found == options.end() || found->second.empty()) return;
    max_ms_ = duration_ms(found->second.front());
    if (!max_ms_) throw Error(fmt::format("[rules.{}] max: cannot read `{}` as a duration (e.g. \"5s\")", kInfo.id, found->second.front()));
  }

  void check(const Statement& stmt, const Context& ctx) const override {
    const std::optional<std::string> lock = blocking_lock(stmt, ctx);
    if (!lock) return;
    const std::string why = unprotected(ctx.session(), max_ms_, ctx.pg_version());
    if (why.empty()) return;
    // Once per script: at the first statement that needs the setting and lacks it.
    const std::vector<Statement>& script = ctx.script_statements();
    for (size_t i = 0; i < ctx.statement_index() && i < script.size(); ++i) {
      if (blocking_lock(script[i], ctx) && !unprotected(ctx.session_at(i), max_ms_, ctx.pg_version()).empty()) return;
    }
    ctx.report(diagnostic(stmt.range,
                          fmt::format("this statement takes the {} and may hold its lock for as long as it runs, blocking {} on the table for the whole duration; {}", *lock, blocked_queries(*lock), why),
                          std::string("Put `SET statement_timeout = '30s';` (or `SET LOCAL` inside the migration's transaction) before "
                                      "the first statement that takes a lock, and let the deploy retry when it times "
                                      "out. From PostgreSQL 17, a transaction_timeout counts too.")));
  }

 private:
  std::optional<double> max_ms_;
};

}  // namespace

void register_require_statement_timeout(RuleRegistry& registry) { registry.add<RequireStatementTimeout>(kInfo); }

}  // namespace miglint
