#include "validator/trace.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

namespace miglint::validate {

namespace {

// In these queries, objects below PostgreSQL's FirstNormalObjectId (16384) belong to the system
// catalogs, including the ones the queries lock themselves.

// Every user relation with its file and, for tables, this transaction's counters so far (the
// columns of pg_stat_xact_user_tables, without that view's per-row cost), then the relation
// locks this backend holds. One round trip. TOAST tables come as rows of their own (a join to
// find each table's would cost an index lookup per relation; their indexes are left out), and
// only the relations that are not TOAST get their name.
// Columns: tag ('r' relation, 'l' lock), oid, name or lock mode, relkind, relfilenode,
// TOAST oid, sequential scans, rows changed, parent (of a partition).
constexpr std::string_view kStateQuery = R"(
SELECT 'r', c.oid::text, CASE WHEN c.relkind <> 't' THEN c.oid::regclass::text END, c.relkind::text,
       c.relfilenode::text, NULLIF(c.reltoastrelid, 0)::text,
       CASE WHEN c.relkind IN ('r', 'm', 'p') THEN pg_stat_get_xact_numscans(c.oid)::text END,
       CASE WHEN c.relkind IN ('r', 'm', 'p') THEN (pg_stat_get_xact_tuples_inserted(c.oid)
         + pg_stat_get_xact_tuples_updated(c.oid) + pg_stat_get_xact_tuples_deleted(c.oid))::text END,
       CASE WHEN c.relispartition AND c.relkind IN ('r', 'p') THEN
         (SELECT i.inhparent::text FROM pg_inherits i WHERE i.inhrelid = c.oid) END
  FROM pg_class c
 WHERE c.oid >= 16384 AND (c.relkind = 't' OR c.relnamespace <> 'pg_toast'::regnamespace)
UNION ALL
SELECT 'l', l.relation::text, l.mode, NULL, NULL, NULL, NULL, NULL, NULL
  FROM pg_locks l
 WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

// This transaction's counters per table (the same columns as in kStateQuery): all a statement
// needs before it when its transaction is new and the relations are known.
constexpr std::string_view kCountersQuery = R"(
SELECT c.oid::text, pg_stat_get_xact_numscans(c.oid)::text, (pg_stat_get_xact_tuples_inserted(c.oid)
         + pg_stat_get_xact_tuples_updated(c.oid) + pg_stat_get_xact_tuples_deleted(c.oid))::text
  FROM pg_class c
 WHERE c.oid >= 16384 AND c.relkind IN ('r', 'm', 'p'))";

std::string kind_of(char relkind) {
  static constexpr std::array<std::pair<char, std::string_view>, 10> kKinds{{
      {'r', "table"}, {'p', "partitioned table"}, {'i', "index"}, {'I', "partitioned index"}, {'S', "sequence"},
      {'v', "view"}, {'m', "materialized view"}, {'t', "TOAST table"}, {'f', "foreign table"}, {'c', "type"},
  }};
  for (const auto& [code, name] : kKinds) {
    if (code == relkind) return std::string(name);
  }
  return "relation";
}

}  // namespace

int lock_strength(const std::string& mode) {
  static constexpr std::array<std::string_view, 8> kModes{
      "AccessShareLock",       "RowShareLock",  "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",             "ShareRowExclusiveLock", "ExclusiveLock",    "AccessExclusiveLock",
  };
  const auto found = std::find(kModes.begin(), kModes.end(), mode);
  return found == kModes.end() ? 0 : static_cast<int>(found - kModes.begin()) + 1;
}

Tracer::State Tracer::read_state(PGconn* conn) {
  // Prepared, and read straight from the result: this runs after every statement, and parsing
  // and planning it each time cost more than running it (documenso: 929 times).
  const Result result = exec_prepared(conn, "miglint_trace_state", std::string(kStateQuery));
  const auto value = [&result](int row, int column) { return PQgetvalue(result.get(), row, column); };
  const auto is_null = [&result](int row, int column) { return PQgetisnull(result.get(), row, column) != 0; };
  const auto oid = [&value](int row, int column) { return static_cast<Oid>(std::strtoul(value(row, column), nullptr, 10)); };
  State state;
  std::map<Oid, Oid> toast_files;  // TOAST oid -> its relfilenode
  std::vector<std::pair<Oid, Oid>> toast_of;  // table oid, its TOAST oid
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    if (*value(row, 0) == 'l') {
      state.locks.insert({oid(row, 1), value(row, 2)});
      continue;
    }
    if (*value(row, 3) == 't') {
      toast_files[oid(row, 1)] = oid(row, 4);
      continue;
    }
    Relation& relation = state.relations[oid(row, 1)];
    relation.name = value(row, 2);
    relation.relkind = *value(row, 3);
    relation.filenode = oid(row, 4);
    if (!is_null(row, 5)) toast_of.emplace_back(oid(row, 1), oid(row, 5));
    if (!is_null(row, 6)) relation.scans = std::atoll(value(row, 6));
    if (!is_null(row, 7)) relation.changes = std::atoll(value(row, 7));
    if (!is_null(row, 8)) relation.parent = oid(row, 8);
  }
  for (const auto& [table, toast] : toast_of) {
    const auto file = toast_files.find(toast);
    if (file != toast_files.end()) state.relations[toast] = {state.relations[table].name + " (TOAST)", 't', file->second};
  }
  return state;
}

void Tracer::before(PGconn* conn, bool in_transaction) {
  if (known_ == Known::everything && in_transaction && in_transaction_) {
    // The previous statement's after() read the state in this same transaction.
  } else if (known_ == Known::relations && in_transaction) {
    // Our own COMMIT ended the last transaction: the relations are as after() read them and
    // its locks are released, but the counters may have been flushed meanwhile.
    before_.locks.clear();
    read_counters(conn);
  } else {
    before_ = read_state(conn);
  }
  in_transaction_ = in_transaction;
}

void Tracer::read_counters(PGconn* conn) {
  for (auto& [oid, relation] : before_.relations) relation.scans = relation.changes = 0;
  const Result result = exec_prepared(conn, "miglint_trace_counters", std::string(kCountersQuery));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const auto found = before_.relations.find(static_cast<Oid>(std::strtoul(PQgetvalue(result.get(), row, 0), nullptr, 10)));
    if (found == before_.relations.end()) continue;
    found->second.scans = std::atoll(PQgetvalue(result.get(), row, 1));
    found->second.changes = std::atoll(PQgetvalue(result.get(), row, 2));
  }
}

StatementTrace Tracer::after(PGconn* conn, std::string_view sql, double seconds) {
  State now = read_state(conn);
  StatementTrace trace;
  trace.seconds = seconds;
  trace.locks_measured = in_transaction_;
  trace.rewritten = rewritten(now);
  if (in_transaction_) {
    read_scans(now, trace);
    trace.locks = new_locks(now);
    trace.held_before = held_before();
    trace.created = created(now);
  }
  trace.named_existing = named_existing(sql);
  before_ = std::move(now);
  known_ = in_transaction_ ? Known::everything : Known::nothing;
  return trace;
}

std::vector<std::string> Tracer::created(const State& now) const {
  std::vector<std::string> out;
  for (const auto& [oid, relation] : now.relations) {
    if (relation.relkind != 't' && !before_.relations.contains(oid)) out.push_back(relation.name);
  }
  return out;
}

std::vector<TracedLock> Tracer::held_before() const {
  std::map<Oid, TracedLock> strongest;
  for (const auto& [oid, mode] : before_.locks) {
    const auto known = before_.relations.find(oid);
    if (known == before_.relations.end() || known->second.relkind == 't') continue;
    TracedLock& lock = strongest[oid];
    if (lock_strength(mode) > lock_strength(lock.mode)) lock = {known->second.name, kind_of(known->second.relkind), mode};
  }
  std::vector<TracedLock> out;
  for (auto& [oid, lock] : strongest) out.push_back(std::move(lock));
  return out;
}

namespace {

// `users` for `public.users`, `Foo` for `"Foo"`: regclass text to the name PostgreSQL stores.
std::string bare_name(const std::string& regclass) {
  std::string name = regclass;
  if (!name.empty() && name.back() == '"') {
    const size_t open = name.rfind('"', name.size() - 2);
    name = name.substr(open + 1, name.size() - open - 2);
    for (size_t pos = name.find("\"\""); pos != std::string::npos; pos = name.find("\"\"", pos + 1)) name.erase(pos, 1);
    return name;
  }
  const size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

const TracedLock* lock_on(const std::vector<TracedLock>& locks, const std::string& relation) {
  for (const TracedLock& lock : locks) {
    if (bare_name(lock.relation) == relation) return &lock;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> Tracer::named_tables(std::string_view sql) const {
  const std::vector<std::string> named = named_existing(sql);
  std::vector<std::string> out;
  for (const auto& [oid, relation] : before_.relations) {
    if ((relation.relkind == 'r' || relation.relkind == 'p') &&
        std::find(named.begin(), named.end(), bare_name(relation.name)) != named.end()) {
      out.push_back(relation.name);
    }
  }
  return out;
}

std::vector<std::string> Tracer::named_existing(std::string_view sql) const {
  std::string lower(sql);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::vector<std::string> out;
  for (const auto& [oid, relation] : before_.relations) {
    if (relation.relkind == 't') continue;
    const std::string name = bare_name(relation.name);
    // An unquoted name folds to lower case, so `Users` in the text names `users`.
    const bool folded = std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); });
    if ((folded ? std::string_view(lower) : sql).find(name) != std::string::npos) out.push_back(name);
  }
  return out;
}

std::string pg_lock_mode(const std::string& sql_mode) {
  std::string out;
  bool word_start = true;
  for (const char c : sql_mode) {
    if (c == ' ') {
      word_start = true;
      continue;
    }
    out += word_start ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    word_start = false;
  }
  return out + "Lock";
}

std::string disagreement(const StatementTrace& trace, const std::string& claimed_mode, const std::string& relation) {
  if (!trace.locks_measured || relation.empty()) return {};
  // The claim is about a relation that holds data; one the statement created held none.
  for (const std::string& name : trace.created) {
    if (bare_name(name) == relation) return {};
  }
  // Nothing of that name was there to lock.
  if (std::find(trace.named_existing.begin(), trace.named_existing.end(), relation) == trace.named_existing.end()) return {};
  const int claimed = lock_strength(pg_lock_mode(claimed_mode));
  const TracedLock* taken = lock_on(trace.locks, relation);
  const TracedLock* held = lock_on(trace.held_before, relation);
  const int taken_strength = taken != nullptr ? lock_strength(taken->mode) : 0;
  const int held_strength = held != nullptr ? lock_strength(held->mode) : 0;
  if (taken_strength > claimed) return taken->mode;  // stronger than claimed
  // Equal, or a mode the transaction already held (which pg_locks does not show again).
  if (taken_strength == claimed || held_strength >= claimed) return {};
  return taken != nullptr ? taken->mode : "no new lock";  // weaker than claimed
}

namespace {

bool names(const std::vector<std::string>& relations, const std::string& table) {
  return std::any_of(relations.begin(), relations.end(), [&](const std::string& name) { return bare_name(name) == table; });
}

}  // namespace

void account_for_statement_kind(StatementTrace& trace, const PgQuery__Node& statement) {
  if (statement.node_case == PG_QUERY__NODE__NODE_TRUNCATE_STMT) trace.rewritten.clear();
  const bool if_not_exists =
      (statement.node_case == PG_QUERY__NODE__NODE_INDEX_STMT && statement.index_stmt->if_not_exists) ||
      (statement.node_case == PG_QUERY__NODE__NODE_CREATE_STMT && statement.create_stmt->if_not_exists) ||
      (statement.node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT && statement.create_table_as_stmt->if_not_exists);
  trace.skipped = if_not_exists && trace.locks_measured && trace.created.empty();
}

std::string effect_disagreement(const StatementTrace& trace, const PredictedEffect& effect) {
  const std::vector<std::string>& existing = trace.named_existing;
  if (trace.skipped) return {};
  if (std::find(existing.begin(), existing.end(), effect.table) == existing.end() || names(trace.created, effect.table)) {
    return {};
  }
  if (effect.kind == PredictedEffect::Kind::rewrite) return names(trace.rewritten, effect.table) ? "" : "did not rewrite it";
  if (!trace.locks_measured) return {};
  // A rewrite reads every row too.
  return names(trace.scanned, effect.table) || names(trace.rewritten, effect.table) ? "" : "did not read every row of it";
}

std::vector<std::string> Tracer::with_parents(const State& now, const std::set<Oid>& oids) {
  std::set<std::string> names;
  for (const Oid oid : oids) {
    // A partitioned table holds no rows of its own: what its partitions went through, it did.
    for (auto at = now.relations.find(oid); at != now.relations.end(); at = now.relations.find(at->second.parent)) {
      names.insert(at->second.name);
    }
  }
  return {names.begin(), names.end()};
}

std::vector<std::string> Tracer::rewritten(const State& now) const {
  std::set<Oid> oids;
  for (const auto& [oid, relation] : now.relations) {
    if (relation.relkind != 'r' && relation.relkind != 'm' && relation.relkind != 'i' && relation.relkind != 't') continue;
    const auto found = before_.relations.find(oid);
    if (found != before_.relations.end() && found->second.filenode != relation.filenode) oids.insert(oid);
  }
  return with_parents(now, oids);
}

void Tracer::read_scans(const State& now, StatementTrace& trace) const {
  std::set<Oid> scanned;
  for (const auto& [oid, relation] : now.relations) {
    const auto found = before_.relations.find(oid);
    if (found == before_.relations.end()) {
      trace.rows += relation.changes;  // e.g. CREATE TABLE ... AS; but its scans (to build its
      continue;                        // indexes) read no one's rows
    }
    if (relation.scans > found->second.scans) scanned.insert(oid);
    trace.rows += relation.changes - found->second.changes;
  }
  trace.scanned = with_parents(now, scanned);
}

// The strongest new lock on each relation that existed before the statement (locks on what it
// creates hold up no one), strongest first.
std::vector<TracedLock> Tracer::new_locks(const State& now) const {
  std::map<Oid, TracedLock> strongest;
  for (const auto& [oid, mode] : now.locks) {
    const auto known = before_.relations.find(oid);
    if (known == before_.relations.end() || known->second.relkind == 't' || before_.locks.contains({oid, mode})) continue;
    TracedLock& lock = strongest[oid];
    if (lock_strength(mode) <= lock_strength(lock.mode)) continue;
    const std::string kind = kind_of(known->second.relkind);
    lock = {known->second.name, now.relations.contains(oid) ? kind : "dropped " + kind, mode};
  }
  std::vector<TracedLock> out;
  for (auto& [oid, lock] : strongest) out.push_back(std::move(lock));
  std::sort(out.begin(), out.end(), [](const TracedLock& a, const TracedLock& b) {
    const int sa = lock_strength(a.mode);
    const int sb = lock_strength(b.mode);
    return sa != sb ? sa > sb : a.relation < b.relation;
  });
  return out;
}

}  // namespace miglint::validate
