#include "rules/builtin_rules.hpp"

#include "linter/config.hpp"
#include "linter/engine.hpp"
#include "linter/rule_registry.hpp"
#include "linter/rule_set.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {

namespace {

// A rule only this replay runs: each claim is a finding, so the engine's own replay (catalog,
// migration order, what counts as existing) decides exactly as it does for the locking rules.
constexpr RuleInfo kClaimInfo{
    .id = "miglint-internal-lock-claim",
    .summary = "Records the lock the linter predicts for each statement (validate --trace)",
    .default_severity = Severity::note,
    .category = RuleCategory::locking,
    .opt_in = true,
};

class LockClaimRecorder final : public Rule {
 public:
  explicit LockClaimRecorder(const RuleOptions& /*options*/) : Rule(kClaimInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    // The trace measures top-level statements; those of a DO body together, as the DO, so only
    // when they all run.
    if ((stmt.embedded && stmt.conditional) || ctx.direction() != Direction::up) return;
    const std::optional<PredictedLock> lock = predicted_lock(stmt, ctx);
    if (!lock) return;
    Diagnostic d = diagnostic(stmt.range, "lock claim", "");
    d.lock = PredictedLockClaim{lock->mode, lock->relation ? lock->relation->name : "",
                                stmt.node->node_case == PG_QUERY__NODE__NODE_DROP_STMT && stmt.node->drop_stmt->missing_ok,
                                stmt.embedded};
    ctx.report(std::move(d));
  }
};

}  // namespace

std::map<std::string, std::string> strongest_claims(const std::vector<const LockClaim*>& claims) {
  std::map<std::string, std::string> out;
  for (const LockClaim* claim : claims) {
    if (claim->relation.empty() || claim->if_exists) continue;
    std::string& mode = out[claim->relation];
    if (lock_level(claim->mode) > lock_level(mode)) mode = claim->mode;
  }
  return out;
}

LinterClaims claim_locks(MigrationSet set, int pg_version) {
  RuleRegistry registry = builtin_rules();
  registry.add<LockClaimRecorder>(kClaimInfo);
  registry.seal();
  // The recorder, and every rule whose findings may predict a rewrite or a scan.
  std::vector<std::string> ids = {std::string(kClaimInfo.id)};
  for (const RuleEntry& entry : registry.entries()) {
    if (entry.info->category == RuleCategory::locking && entry.create && entry.info != &kClaimInfo) ids.emplace_back(entry.info->id);
  }
  const RuleSet rules(registry, Config{}, ids, {});
  std::vector<MigrationSet> sets;
  sets.push_back(std::move(set));
  LintSettings settings;
  settings.pg_version = pg_version;
  settings.scope = HistoryScope::whole_history;
  const LintResult result = lint_sets(std::move(sets), rules, settings);
  LinterClaims claims;
  for (const FileResult& file : result.results) {
    for (const Diagnostic& d : file.diagnostics) {
      if (d.rule != kClaimInfo.id) {
        if (d.effect) claims.effects.push_back({file.file->path(), d.range.begin, d.rule, *d.effect});
        continue;
      }
      if (d.lock) {
        claims.locks.push_back(
            {file.file->path(), d.range.begin, d.lock->mode, d.lock->relation, d.lock->if_exists, d.lock->in_do_block});
      }
    }
  }
  return claims;
}

}  // namespace miglint
