#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/catalog.hpp"
#include "linter/diagnostic.hpp"
#include "linter/layout.hpp"
#include "linter/parse.hpp"
#include "linter/session.hpp"
#include "linter/transactions.hpp"

namespace miglint {

/// Whether a rule can offer a machine-applicable fix.
enum class FixAvailability { none, sometimes, always };

/// What a rule is about; used for grouping in `miglint rules`.
enum class RuleCategory { locking, compatibility, correctness, performance, meta, validation };

/// Which command reports a rule's findings.
enum class Pass {
  /// `miglint lint`: rules over the parsed statements and the static catalog.
  lint,
  /// `miglint validate`: findings measured on a real PostgreSQL.
  validate,
};

/// `locking`, `compatibility`, ...
std::string_view to_string(RuleCategory category);
/// `none`, `sometimes`, `always`.
std::string_view to_string(FixAvailability availability);

/// Static metadata of a rule. The documentation lives in `rules/<snake_id>.md`.
struct RuleInfo {
  /// Kebab-case id: the name users write in config and suppressions.
  std::string_view id;
  /// One line: shown by `miglint rules` and as SARIF shortDescription.
  std::string_view summary;
  /// Severity unless configured otherwise.
  Severity default_severity = Severity::warning;
  /// What the rule is about.
  RuleCategory category = RuleCategory::locking;
  /// Whether fixes are offered.
  FixAvailability fix = FixAvailability::none;
  /// Off unless selected explicitly.
  bool opt_in = false;
  /// It predicts a migration that fails to run: it also checks down migrations (the other rules
  /// do only with `lint_downs = "all"`).
  bool predicts_failure = false;
  /// It is about down migrations: it checks them whatever `lint_downs` says (and, for its own
  /// reasons, nothing else).
  bool checks_downs = false;
  /// Its findings are about migrations that were already applied (edited, deleted, renamed, out
  /// of order): kept when `--base` narrows a run to the new migrations.
  bool about_applied_migrations = false;
  /// Names of the per-rule options accepted in `[rules.<id>]` (string lists).
  std::span<const std::string_view> options = {};
};

/// The pass that reports findings of a rule: validation rules report in `validate`, every other
/// rule in `lint`.
inline Pass pass_of(const RuleInfo& info) {
  return info.category == RuleCategory::validation ? Pass::validate : Pass::lint;
}

/// Which part of a migration a statement belongs to.
enum class Direction {
  /// The forward script.
  up,
  /// The rollback, checked against the catalog as it stands after its up.
  down,
};

/// Per-rule options from the config file: each option is a list of strings.
using RuleOptions = std::map<std::string, std::vector<std::string>, std::less<>>;

/// What a rule sees while it runs: the statement's file, the catalog as it was just before the
/// statement, the target server version, and a sink for diagnostics.
class Context {
 public:
  /// Receives diagnostics for a given file index.
  using Sink = std::function<void(size_t file_index, Diagnostic)>;

  /// Context for checking statements of `file` (index `file_index`) in migration `migration`.
  Context(const SourceFile& file, size_t file_index, size_t migration, const Catalog& catalog, int pg_version, Sink sink);

  /// The file being checked (for `finish`, the last file of the set).
  const SourceFile& file() const { return *file_; }
  /// The catalog before the current statement (for `finish`, after the whole set).
  const Catalog& catalog() const { return *catalog_; }
  /// While a down migration is checked: the catalog its up started from (else null).
  const Catalog* catalog_before_up() const { return before_up_; }
  /// Sets the catalog the up of the down being checked started from.
  void set_catalog_before_up(const Catalog* catalog) { before_up_ = catalog; }
  /// Target PostgreSQL major version.
  int pg_version() const { return pg_version_; }
  /// Index of the current migration in its set.
  size_t migration() const { return migration_; }
  /// True when the table was created by the current migration (it holds no live data yet).
  bool is_new_table(const QualifiedName& name) const;
  /// Whether the current statement runs inside a transaction block, as its runner executes it.
  TransactionState transaction_state() const { return transaction_state_; }
  /// How the current migration's runner wraps it in transactions.
  TransactionMode transaction_mode() const { return transaction_mode_; }
  /// All statements of the current migration's up script.
  const std::vector<Statement>& script_statements() const { return *script_; }
  /// Sets the current script and its transaction mode (the engine knows the migration).
  void set_script(const std::vector<Statement>* statements, TransactionMode mode) {
    script_ = statements;
    transaction_mode_ = mode;
  }
  /// The runner of the current migration set (`files` for loose files).
  const LayoutInfo& layout() const { return layout_info(layout_); }
  /// Sets the layout (the engine knows the set).
  void set_layout(LayoutId layout) { layout_ = layout; }
  /// Looks up the parse of a script of the current set (null for files that are not SQL text).
  using ScriptStatements = std::function<const ParsedFile*(const Script&)>;
  /// The migration set being checked (for set-level rules). Its `files` have moved into the run:
  /// use set_file() to read them.
  const MigrationSet& migration_set() const { return *set_; }
  /// A file of the current set, by its index in the set.
  const SourceFile& set_file(size_t set_file_index) const { return *(*run_files_)[first_file_ + set_file_index]; }
  /// A file of the run by its run-wide index (as Origin::file holds it).
  const SourceFile& run_file(size_t run_file_index) const { return *(*run_files_)[run_file_index]; }
  /// The run-wide index of a file of the current set.
  size_t run_file_index(size_t set_file) const { return first_file_ + set_file; }
  /// The parse of a script of the current set, or null. Its nodes and tokens are freed once the
  /// last migration that reads it has replayed (kept to the end with a base).
  const ParsedFile* parsed(const Script& script) const { return statements_of_(script); }
  /// True when a script parsed without errors and holds no statement at all.
  bool is_empty_script(const Script& script) const {
    const ParsedFile* found = parsed(script);
    return found != nullptr && found->statements().empty() && found->errors().empty();
  }
  /// Binds the set, where its files start in the run, and how to find parsed scripts.
  void set_migration_set(const MigrationSet* set, const std::vector<std::unique_ptr<SourceFile>>* run_files,
                         size_t first_file, ScriptStatements statements_of) {
    set_ = set;
    run_files_ = run_files;
    first_file_ = first_file;
    statements_of_ = std::move(statements_of);
  }
  /// The session settings the script's own SQL set before the current statement.
  const SessionSettings& session() const { return session_at(statement_index_); }
  /// The settings before statement `index` of script_statements().
  const SessionSettings& session_at(size_t index) const {
    return timeline_ != nullptr && index < timeline_->size() ? (*timeline_)[index] : kNoSettings;
  }
  /// The index of the current statement in script_statements().
  size_t statement_index() const { return statement_index_; }
  /// Sets the current statement's index and the script's settings timeline (the engine's).
  void set_statement(size_t index, const std::vector<SessionSettings>* timeline) {
    statement_index_ = index;
    timeline_ = timeline;
  }
  /// Whether the statements being checked are an up or a down migration.
  Direction direction() const { return direction_; }
  /// Sets the direction (the engine knows the script).
  void set_direction(Direction direction) { direction_ = direction; }
  /// Sets the transaction state of the statement about to be checked.
  void set_transaction_state(TransactionState state) { transaction_state_ = state; }
  /// Sets the transaction state of every statement of the script (parallel to script_statements()).
  void set_transaction_states(const std::vector<TransactionState>* states) { transaction_states_ = states; }
  /// The transaction state of statement `index` of the script (unknown when not set).
  TransactionState transaction_state_at(size_t index) const {
    return transaction_states_ != nullptr && index < transaction_states_->size() ? (*transaction_states_)[index]
                                                                                 : TransactionState::unknown;
  }
  /// Reports a diagnostic in the current file. A statement a DO body runs gets no fix: its text
  /// cannot be edited as a statement of its own (CONCURRENTLY, for one, fails inside DO).
  void report(Diagnostic diagnostic) const {
    if (statement_index_ < script_->size() && (*script_)[statement_index_].embedded) diagnostic.fix.reset();
    sink_(file_index_, std::move(diagnostic));
  }
  /// Reports a diagnostic in another file of the run (used by end-of-set checks).
  void report_in(size_t file_index, Diagnostic diagnostic) const { sink_(file_index, std::move(diagnostic)); }

 private:
  const SourceFile* file_;
  size_t file_index_;
  size_t migration_;
  const Catalog* catalog_;
  int pg_version_;
  TransactionState transaction_state_ = TransactionState::unknown;
  const std::vector<TransactionState>* transaction_states_ = nullptr;
  const Catalog* before_up_ = nullptr;
  Direction direction_ = Direction::up;
  size_t statement_index_ = 0;
  const std::vector<SessionSettings>* timeline_ = nullptr;
  static inline const SessionSettings kNoSettings{};
  LayoutId layout_ = LayoutId::files;
  const MigrationSet* set_ = nullptr;
  const std::vector<std::unique_ptr<SourceFile>>* run_files_ = nullptr;
  size_t first_file_ = 0;
  ScriptStatements statements_of_;
  TransactionMode transaction_mode_ = TransactionMode::unknown;
  const std::vector<Statement>* script_ = &kNoStatements;
  static inline const std::vector<Statement> kNoStatements{};
  Sink sink_;
};

/// A lint rule. Rules are stateless: facts that span statements come from the Context.
class Rule {
 public:
  /// Binds the rule to its static metadata.
  explicit Rule(const RuleInfo& info) : info_(info) {}
  /// Rules are used through pointers to this base.
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  /// The rule's metadata.
  const RuleInfo& info() const { return info_; }

  /// Called once per statement, in migration order, before the statement is replayed.
  virtual void check(const Statement& /*stmt*/, const Context& /*ctx*/) const {}
  /// Called once per migration set, after its replay and before finish(), with every script
  /// parsed (file names, versions, pairing of up and down migrations). Statement nodes and
  /// tokens are already freed then, except with a base.
  virtual void check_set(const Context& /*ctx*/) const {}
  /// Called once per migration set after every statement has been replayed.
  virtual void finish(const Context& /*ctx*/) const {}
  /// Called after a down migration has been replayed on top of its up, for rules that check
  /// downs: ctx.catalog() is the schema after the down, ctx.catalog_before_up() the one the up
  /// started from.
  virtual void finish_down(const Context& /*ctx*/) const {}

 protected:
  /// A diagnostic of this rule with its default severity.
  Diagnostic diagnostic(TextRange range, std::string message, std::string help) const;

 private:
  const RuleInfo& info_;
};

}  // namespace miglint
