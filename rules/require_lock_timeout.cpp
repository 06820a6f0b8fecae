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
    .id = "require-lock-timeout",
    .summary = "A statement that blocks a table with no lock_timeout set (or 0, or above the configured maximum)",
    .default_severity = Severity::warning,
    .category = RuleCategory::locking,
    .opt_in = true,
    .options = kMaxOption,
};

constexpr std::string_view kSetting = "lock_timeout";

std::string unprotected(const SessionSettings& session, std::optional<double> max_ms) {
  return timeout_gap(session, kSetting, max_ms);
}

class RequireLockTimeout final : public Rule {
 public:
  explicit RequireLockTimeout(const RuleOptions& options) : Rule(kInfo) {
    const auto found = options.find("max");
    if (found == options.end() || found->second.empty()) return;
    max_ms_ = duration_ms(found->second.front());
    if (!max_ms_) throw Error(fmt::format("[rules.{}] max: cannot read `{}` as a duration (e.g. \"5s\")", kInfo.id, found->second.front()));
  }

  void check(const Statement& stmt, const Context& ctx) const override {
    const std::optional<std::string> lock = blocking_lock(stmt, ctx);
    if (!lock) return;
    const std::string why = unprotected(ctx.session(), max_ms_);
    if (why.empty()) return;
    // Once per script: at the first statement that needs the setting and lacks it.
    const std::vector<Statement>& script = ctx.script_statements();
    for (size_t i = 0; i < ctx.statement_index() && i < script.size(); ++i) {
      if (blocking_lock(script[i], ctx) && !unprotected(ctx.session_at(i), max_ms_).empty()) return;
    }
    ctx.report(diagnostic(stmt.range,
                          fmt::format("this statement takes the {} and waits for its lock as long as it takes: while it waits behind a long-running query, {} on the table queue behind it; {}", *lock, blocked_queries(*lock), why),
                          std::string("Put `SET lock_timeout = '2s';` (or `SET LOCAL` inside the migration's transaction) before "
                                      "the first statement that takes a lock, and let the deploy retry when it times "
                                      "out.")));
  }

 private:
  std::optional<double> max_ms_;
};

}  // namespace

void register_require_lock_timeout(RuleRegistry& registry) { registry.add<RequireLockTimeout>(kInfo); }

}  // namespace miglint
