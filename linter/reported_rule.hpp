#pragma once

#include <array>
#include <string_view>

namespace miglint {

/// Rules whose findings the engine or the validator report themselves, not a rule's check():
/// a typo in one of these ids is a compile error, and RuleSet verifies at start-up that each is
/// registered (rules/<snake_id>.cpp registers it with its metadata and docs).
enum class ReportedRule {
  /// A statement PostgreSQL's grammar rejects, or a file that is not SQL text (engine).
  syntax_error,
  /// A suppression comment naming a rule that does not exist (engine).
  unknown_suppression,
  /// A suppression comment that suppressed nothing (engine).
  unused_suppression,
  /// A migration PostgreSQL refused while `miglint validate` applied it (validator).
  migration_failed,
  /// A down migration that does not restore the schema its up started from (validator).
  down_not_reverting,
  /// A down migration that does not give back the rows and values its up found (validator, `--rows`).
  down_loses_data,
  /// An up migration that cannot be applied again after its down, or gives another schema (validator).
  up_not_repeatable,
  /// `validate --trace` measured another lock than the linter claims for a statement (validator).
  lint_trace_mismatch,
  /// A lock whose estimated time at production size is over its budget (validator, `--stats`).
  lock_over_budget,
  /// The migrated schema differs from the models (validator).
  schema_drift,
  /// Objects the migrations create that the model's language cannot express, so they were not
  /// compared (validator; Prisma schemas).
  undescribed_by_model,
  /// A statement that `validate --stub-extension` replaced or skipped (validator).
  stubbed_extension,
};

/// Every ReportedRule, for start-up checks.
inline constexpr std::array kReportedRules = {
    ReportedRule::syntax_error,       ReportedRule::unknown_suppression, ReportedRule::unused_suppression,
    ReportedRule::migration_failed,   ReportedRule::down_not_reverting,  ReportedRule::up_not_repeatable,
    ReportedRule::down_loses_data,    ReportedRule::lint_trace_mismatch, ReportedRule::lock_over_budget,
    ReportedRule::schema_drift,       ReportedRule::undescribed_by_model, ReportedRule::stubbed_extension,
};

/// The kebab-case id of a reported rule, as users write it.
constexpr std::string_view rule_id(ReportedRule rule) {
  switch (rule) {
    case ReportedRule::syntax_error: return "syntax-error";
    case ReportedRule::unknown_suppression: return "unknown-suppression";
    case ReportedRule::unused_suppression: return "unused-suppression";
    case ReportedRule::migration_failed: return "migration-failed";
    case ReportedRule::down_not_reverting: return "down-not-reverting";
    case ReportedRule::up_not_repeatable: return "up-not-repeatable";
    case ReportedRule::down_loses_data: return "down-loses-data";
    case ReportedRule::lint_trace_mismatch: return "lint-trace-mismatch";
    case ReportedRule::lock_over_budget: return "lock-over-budget";
    case ReportedRule::schema_drift: return "schema-drift";
    case ReportedRule::undescribed_by_model: return "undescribed-by-model";
    case ReportedRule::stubbed_extension: return "stubbed-extension";
  }
  return "syntax-error";
}

}  // namespace miglint
