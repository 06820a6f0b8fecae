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
#include "linter/parse.hpp"
#include "linter/transactions.hpp"

namespace miglint {

/// Whether a rule can offer a machine-applicable fix.
enum class FixAvailability { none, sometimes, always };

/// What a rule is about; used for grouping in `miglint rules`.
enum class RuleCategory { locking, compatibility, correctness, performance, meta };

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
  /// Names of the per-rule options accepted in `[rules.<id>]` (string lists).
  std::span<const std::string_view> options = {};
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
  /// The layout of the current migration set (`goose`, `flyway`, ...; `files` for loose files).
  const std::string& layout() const { return layout_; }
  /// Sets the layout (the engine knows the set).
  void set_layout(std::string layout) { layout_ = std::move(layout); }
  /// Sets the transaction state of the statement about to be checked.
  void set_transaction_state(TransactionState state) { transaction_state_ = state; }
  /// Reports a diagnostic in the current file.
  void report(Diagnostic diagnostic) const { sink_(file_index_, std::move(diagnostic)); }
  /// Reports a diagnostic in another file of the run (used by end-of-set checks).
  void report_in(size_t file_index, Diagnostic diagnostic) const { sink_(file_index, std::move(diagnostic)); }

 private:
  const SourceFile* file_;
  size_t file_index_;
  size_t migration_;
  const Catalog* catalog_;
  int pg_version_;
  TransactionState transaction_state_ = TransactionState::unknown;
  std::string layout_;
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
  /// Called once per migration set after every statement has been replayed.
  virtual void finish(const Context& /*ctx*/) const {}

 protected:
  /// A diagnostic of this rule with its default severity.
  Diagnostic diagnostic(TextRange range, std::string message, std::string help) const;

 private:
  const RuleInfo& info_;
};

}  // namespace miglint
