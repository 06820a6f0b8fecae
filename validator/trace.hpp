#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/pg_node.hpp"
#include "linter/source_file.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

/// A lock a statement took on a relation, as pg_locks showed it before its transaction ended.
struct TracedLock {
  /// The relation, as `regclass` prints it (schema-qualified when not on the search path).
  std::string relation;
  /// `table`, `index`, `sequence`, `view`, ... (from pg_class.relkind).
  std::string kind;
  /// PostgreSQL's name for the mode, e.g. `AccessExclusiveLock`.
  std::string mode;
};

/// What one statement of an up migration did on the server (`miglint validate --trace`).
struct StatementTrace {
  /// The statement's text in its file.
  TextRange range;
  /// Its first line (1-based), for reports.
  uint32_t line = 0;
  /// The statement, shortened to its first line, for reports.
  std::string statement;
  /// Wall time of the statement alone, in seconds.
  double seconds = 0;
  /// False when locks and scans could not be read: the statement cannot run inside a
  /// transaction block (CONCURRENTLY, VACUUM), so its locks are gone when it returns.
  bool locks_measured = true;
  /// The strongest lock the statement acquired (not held before it) on each relation that
  /// existed before it, strongest first.
  std::vector<TracedLock> locks;
  /// The strongest lock the statement's transaction already held, before it, on each relation
  /// (a mode requested again is not seen in `locks`).
  std::vector<TracedLock> held_before;
  /// Relations the statement created (a CREATE OR REPLACE that found nothing to replace).
  std::vector<std::string> created;
  /// A CREATE ... IF NOT EXISTS whose object was already there: it did nothing, so what rules
  /// predict for it cannot be judged.
  bool skipped = false;
  /// Relations (names as PostgreSQL stores them, without schema) that existed before the
  /// statement and that its text names: a claim about any other cannot be judged (a
  /// `DROP ... IF EXISTS` of what is not there locks nothing).
  std::vector<std::string> named_existing;
  /// Tables, TOAST tables and indexes that got a new relfilenode: rewritten (a partitioned table
  /// when one of its partitions was).
  std::vector<std::string> rewritten;
  /// Tables read by a sequential scan during the statement (a partitioned table when one of its
  /// partitions was).
  std::vector<std::string> scanned;
  /// Rows the statement inserted, updated or deleted, as the server counted them.
  long long rows = 0;
  /// The lock the linter claims for the statement (`ACCESS EXCLUSIVE on users`), when it claims
  /// one; empty otherwise.
  std::string claim;
  /// Whether the measurement agrees with `claim` (see disagreement()).
  bool claim_agrees = true;
  /// With `--rows` and production sizes (`--stats`): the table whose size dominates the estimate,
  /// its production rows, the lock held meanwhile and the estimated seconds (0: no estimate).
  std::string estimate_table;
  /// Production rows of estimate_table.
  double estimate_rows = 0;
  /// The strongest lock the statement's transaction holds on it (PostgreSQL's name).
  std::string estimate_lock;
  /// Estimated seconds at production size.
  double estimate_seconds = 0;
  /// The same statement's time with the tables it names emptied (run in a savepoint that is then
  /// rolled back): its fixed cost, so that the estimate scales only the rest. Negative when not
  /// measured.
  double seconds_on_empty_tables = -1;
};

/// 1 for AccessShareLock up to 8 for AccessExclusiveLock (PostgreSQL's lock mode order); 0 for
/// anything else.
int lock_strength(const std::string& mode);

/// Where the measurement of a statement disagrees with the linter's claim that it takes
/// `claimed_mode` (as SQL names it: `ACCESS EXCLUSIVE`) on `relation` (name without schema): what
/// the server took instead. Empty when they agree, or when the trace cannot tell (locks not
/// measured).
std::string disagreement(const StatementTrace& trace, const std::string& claimed_mode, const std::string& relation);

/// Where the measurement of a statement disagrees with a rule's prediction that it rewrites or
/// scans a table: what the server did instead ("did not rewrite it"). Empty when they agree or
/// when the trace cannot tell (a table that was not there, or created by the statement; a scan
/// outside a transaction, whose counters are not read).
std::string effect_disagreement(const StatementTrace& trace, const PredictedEffect& effect);

/// What the statement's kind says about its measurement: the new files a TRUNCATE gives its
/// tables are empty (no row is copied: no rewrite); a CREATE ... IF NOT EXISTS that created
/// nothing found its object there and did nothing (StatementTrace::skipped).
void account_for_statement_kind(StatementTrace& trace, const PgQuery__Node& statement);

/// `AccessExclusiveLock` for `ACCESS EXCLUSIVE`.
std::string pg_lock_mode(const std::string& sql_mode);

/// Measures statements run on one connection: before() reads the state a statement starts
/// from, after() what it changed. Both run in the statement's own transaction when it has one.
/// One Tracer follows a sequence of statements: within one transaction, the state after() read
/// is the state the next statement starts from, so it is not read again (one catalog query per
/// statement instead of two).
class Tracer {
 public:
  /// Reads locks held, relfilenodes and scan counters before a statement (unless the previous
  /// statement of the same transaction left them known).
  void before(PGconn* conn, bool in_transaction);
  /// What the statement `sql` changed since before(); `seconds` is its own wall time.
  StatementTrace after(PGconn* conn, std::string_view sql, double seconds);
  /// The tables (not views, indexes or sequences) that existed before the statement and that
  /// `sql` names, as `regclass` prints them; after before().
  std::vector<std::string> named_tables(std::string_view sql) const;
  /// Something the tracer did not see ran on the connection (COMMIT, ROLLBACK, a savepoint, an
  /// untraced statement): the next before() reads the state afresh.
  void forget() { known_ = Known::nothing; }
  /// The transaction of the last traced statement was committed and nothing ran since: the next
  /// before() reads only the counters.
  void committed() {
    if (known_ == Known::everything) known_ = Known::relations;
  }

 private:
  /// A pg_class oid. Numbers, not text: the state is read and compared after every statement.
  using Oid = uint32_t;
  /// One user relation (oid >= 16384, TOAST tables included) as pg_class showed it.
  struct Relation {
    /// As `regclass` prints it; a TOAST table is named after its table: `users (TOAST)`.
    std::string name;
    /// pg_class.relkind.
    char relkind = 0;
    /// pg_class.relfilenode: a new one means the relation was rewritten.
    Oid filenode = 0;
    /// Sequential scans and rows inserted/updated/deleted so far in this transaction (tables).
    long long scans = 0;
    /// Rows changed so far in this transaction.
    long long changes = 0;
    /// The partitioned table it is a partition of, or 0.
    Oid parent = 0;
  };
  /// What one catalog query shows: relations by oid, and relation locks held as (oid, mode).
  struct State {
    /// User relations by oid.
    std::map<Oid, Relation> relations;
    /// Granted relation locks of this backend on user relations: (oid, mode).
    std::set<std::pair<Oid, std::string>> locks;
  };

  /// Reads the state in one round trip.
  static State read_state(PGconn* conn);
  /// Reads this transaction's counters into `before_`.
  void read_counters(PGconn* conn);
  /// The names of `oids` in `now`, and of the partitioned tables above them, sorted.
  static std::vector<std::string> with_parents(const State& now, const std::set<Oid>& oids);
  /// Tables, TOAST tables and indexes whose relfilenode changed from `before_` to `now`.
  std::vector<std::string> rewritten(const State& now) const;
  /// Tables scanned and rows changed from `before_` to `now` (in one transaction).
  void read_scans(const State& now, StatementTrace& trace) const;
  /// Locks in `now` not held in `before_`, on relations that existed then.
  std::vector<TracedLock> new_locks(const State& now) const;
  /// The strongest lock held in `before_` on each relation.
  std::vector<TracedLock> held_before() const;
  /// Relations in `before_` that `sql` names (see StatementTrace::named_existing).
  std::vector<std::string> named_existing(std::string_view sql) const;
  /// Relations in `now` that were not in `before_` (TOAST tables left out).
  std::vector<std::string> created(const State& now) const;

  /// How much of `before_` still describes the connection.
  enum class Known { nothing, relations, everything };

  State before_;
  bool in_transaction_ = false;
  Known known_ = Known::nothing;
};

}  // namespace miglint::validate
