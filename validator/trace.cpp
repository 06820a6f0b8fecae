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
    trace.held_before = held_before();
    trace.created = created(conn);
  }
  return trace;
}

std::vector<std::string> Tracer::created(PGconn* conn) const {
  std::vector<std::string> out;
  for (const std::vector<std::string>& row : rows(conn, std::string(kExistingQuery))) {
    if (!existing_.contains(row[0])) out.push_back(row[1]);
  }
  return out;
}

std::vector<TracedLock> Tracer::held_before() const {
  std::map<std::string, TracedLock> strongest;  // by oid
  for (const auto& [oid, mode] : locks_) {
    const auto known = existing_.find(oid);
    if (known == existing_.end()) continue;
    TracedLock& lock = strongest[oid];
    if (lock_strength(mode) > lock_strength(lock.mode)) lock = {known->second.first, known->second.second, mode};
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
