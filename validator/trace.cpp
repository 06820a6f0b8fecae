#include "validator/trace.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace miglint::validate {

namespace {

// In these queries, objects below PostgreSQL's FirstNormalObjectId (16384) belong to the system
// catalogs, including the ones the queries lock themselves.

// User tables and materialized views, their TOAST tables and indexes, with their files.
constexpr std::string_view kRelationsQuery = R"(
SELECT c.oid::text, c.oid::regclass::text, c.relfilenode::text
  FROM pg_class c
 WHERE c.relkind IN ('r', 'm', 'i') AND c.oid >= 16384
UNION ALL
SELECT t.oid::text, c.oid::regclass::text || ' (TOAST)', t.relfilenode::text
  FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid
 WHERE c.relkind IN ('r', 'm') AND c.oid >= 16384)";

// This transaction's counters so far: sequential scans and rows changed per table.
constexpr std::string_view kScansQuery = R"(
SELECT relid::text, relid::regclass::text, seq_scan::text, (n_tup_ins + n_tup_upd + n_tup_del)::text
  FROM pg_stat_xact_user_tables)";

// Every user relation but TOAST tables and their indexes (which follow their table's locks).
constexpr std::string_view kExistingQuery = R"(
SELECT c.oid::text, c.oid::regclass::text, c.relkind::text
  FROM pg_class c
 WHERE c.oid >= 16384 AND c.relnamespace <> 'pg_toast'::regnamespace)";

// Relation locks this session holds now, and whether the relation still exists.
constexpr std::string_view kLocksQuery = R"(
SELECT l.relation::text, l.mode, (c.oid IS NOT NULL)::text
  FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
 WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

std::string kind_of(std::string_view relkind) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kKinds{{
      {"r", "table"}, {"p", "partitioned table"}, {"i", "index"}, {"I", "partitioned index"}, {"S", "sequence"},
      {"v", "view"}, {"m", "materialized view"}, {"t", "TOAST table"}, {"f", "foreign table"}, {"c", "type"},
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

void Tracer::before(PGconn* conn, bool in_transaction) {
  in_transaction_ = in_transaction;
  relations_.clear();
  for (const std::vector<std::string>& row : rows(conn, std::string(kRelationsQuery))) {
    relations_[row[0]] = {row[1], row[2]};
  }
  scans_.clear();
  locks_.clear();
  existing_.clear();
  if (!in_transaction) return;
  for (const std::vector<std::string>& row : rows(conn, std::string(kExistingQuery))) {
    existing_[row[0]] = {row[1], kind_of(row[2])};
  }
  for (const std::vector<std::string>& row : rows(conn, std::string(kScansQuery))) {
    scans_[row[0]] = {std::stoll(row[2]), std::stoll(row[3])};
  }
  for (const std::vector<std::string>& row : rows(conn, std::string(kLocksQuery))) {
    locks_.insert({row[0], row[1]});
  }
}

StatementTrace Tracer::after(PGconn* conn, double seconds) {
  StatementTrace trace;
  trace.seconds = seconds;
  trace.locks_measured = in_transaction_;
  trace.rewritten = rewritten(conn);
  if (in_transaction_) {
    read_scans(conn, trace);
    trace.locks = new_locks(conn);
  }
  return trace;
}

std::vector<std::string> Tracer::rewritten(PGconn* conn) const {
  std::vector<std::string> out;
  for (const std::vector<std::string>& row : rows(conn, std::string(kRelationsQuery))) {
    const auto found = relations_.find(row[0]);
    if (found != relations_.end() && found->second.filenode != row[2]) out.push_back(row[1]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Tracer::read_scans(PGconn* conn, StatementTrace& trace) const {
  for (const std::vector<std::string>& row : rows(conn, std::string(kScansQuery))) {
    const auto found = scans_.find(row[0]);
    const std::pair<long long, long long> start = found == scans_.end() ? std::pair(0LL, 0LL) : found->second;
    // A table the statement creates (and scans to build its indexes) holds no one's rows yet.
    if (std::stoll(row[2]) > start.first && existing_.contains(row[0])) trace.scanned.push_back(row[1]);
    trace.rows += std::stoll(row[3]) - start.second;
  }
  std::sort(trace.scanned.begin(), trace.scanned.end());
}

// The strongest new lock on each relation that existed before the statement (locks on what it
// creates hold up no one), strongest first.
std::vector<TracedLock> Tracer::new_locks(PGconn* conn) const {
  std::map<std::string, TracedLock> strongest;
  for (const std::vector<std::string>& row : rows(conn, std::string(kLocksQuery))) {
    const auto known = existing_.find(row[0]);
    if (known == existing_.end() || locks_.contains({row[0], row[1]})) continue;
    TracedLock& lock = strongest[row[0]];
    if (lock_strength(row[1]) <= lock_strength(lock.mode)) continue;
    lock = {known->second.first, row[2] == "true" ? known->second.second : "dropped " + known->second.second, row[1]};
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
