#include "validator/seed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "linter/pg_node.hpp"

namespace miglint::validate {

namespace {

// User tables (not partitions: rows go in through their parent; not tables of extensions).
constexpr const char* kUserTables =
    "c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
    "AND d.deptype = 'e')";

// Migration runners' own bookkeeping, which a migration may create but must not be filled.
bool is_runner_table(const std::string& name) {
  static const std::set<std::string> names = {"schema_migrations",  "goose_db_version", "flyway_schema_history",
                                              "__drizzle_migrations", "_prisma_migrations", "pgmigrations",
                                              "__diesel_schema_migrations", "knex_migrations", "schema_version"};
  return names.contains(name);
}

struct Column {
  std::string name;
  std::string type;       // format_type(): what values are cast to
  std::string base;       // the base type's name (through a domain), e.g. int4
  std::string base_sql;   // the base type as regtype prints it, for enum_range()
  char category = 'X';    // pg_type.typcategory of the base type
  bool is_enum = false;
  bool nullable = true;
  bool takes_default = false;  // identity, generated, or serial: left to the server
  bool unique = false;         // in a unique index or primary key
};

struct ForeignKey {
  std::string referenced_oid;
  std::string referenced;  // regclass text
  std::vector<std::string> columns;
  std::vector<std::string> referenced_columns;
};

struct Table {
  std::string oid;
  std::string name;  // regclass text, quoted as needed
  std::string bare_name;
  std::vector<Column> columns;
  std::vector<ForeignKey> foreign_keys;
  std::vector<std::string> checks;  // CHECK constraint expressions, over the column names
  // Key values the table held before it was emptied alone (Seeder::empty_keeping_keys), as a
  // referenced "table" (an unnest() of them) whose columns have the key columns' names: the rows
  // generated take them, so that the rows referencing it stay valid.
  std::optional<ForeignKey> kept_keys;
  // Its inserts must run its triggers and rules: it has triggers or rules of its own, is
  // partitioned (its partitions may), or has a MATCH FULL foreign key (a nullable column of it
  // may be NULL alone).
  bool needs_triggers = false;
};

std::vector<std::string> split_names(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= joined.size()) {
    const size_t end = joined.find('\x1f', start);
    out.push_back(joined.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Every user table, by oid, with its name only.
std::map<std::string, Table> list_tables(PGconn* conn) {
  std::map<std::string, Table> tables;
  for (const std::vector<std::string>& row :
       rows(conn, fmt::format("SELECT c.oid::text, c.oid::regclass::text, c.relname FROM pg_class c "
                              "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {}",
                              kUserTables))) {
    Table& table = tables[row[0]];
    table.oid = row[0];
    table.name = row[1];
    table.bare_name = row[2];
  }
  return tables;
}

// SQL for the names of a foreign key's columns, in key order, joined by chr(31) (split_names()):
// `side` is "" for the referencing columns, "f" for the referenced ones, of constraint `con`.
std::string key_column_names_sql(const std::string& side) {
  return fmt::format("array_to_string(ARRAY(SELECT a.attname FROM unnest(con.con{0}key) WITH ORDINALITY k(n, i) "
                     "JOIN pg_attribute a ON a.attrelid = con.con{0}relid AND a.attnum = k.n ORDER BY k.i), chr(31))",
                     side);
}

// SQL true when DELETE with triggers off empties table `oid` as TRUNCATE would: no trigger or
// rule that fires in the replica role, no forced row security.
std::string deletes_as_truncate_sql(const std::string& oid) {
  return fmt::format("NOT EXISTS (SELECT 1 FROM pg_class f WHERE f.oid = {0} AND f.relforcerowsecurity) "
                     "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = {0} AND t.tgenabled = 'A') "
                     "AND NOT EXISTS (SELECT 1 FROM pg_rewrite w WHERE w.ev_class = {0} AND w.ev_enabled = 'A')",
                     oid);
}

// The tables of `oids` (from list_tables()) with their columns, CHECK constraints and foreign
// keys. Reading the catalog for every table before every migration would cost more than the
// migrations on long histories: only the tables asked for are read.
std::map<std::string, Table> read_tables(PGconn* conn, const std::vector<std::string>& oids) {
  std::map<std::string, Table> tables;
  if (oids.empty()) return tables;
  const std::string in_list = join(oids);
  const std::string only = "c.oid IN (" + in_list + ")";
  const std::string columns_sql = fmt::format(
      "SELECT c.oid::text, c.oid::regclass::text, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
      "bt.typname, bt.oid::regtype::text, bt.typcategory, bt.typtype = 'e', a.attnotnull, "
      "a.attidentity <> '' OR a.attgenerated <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%', "
      "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND a.attnum = ANY (i.indkey)) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "JOIN pg_type t ON t.oid = a.atttypid "
      "JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
      "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
      "WHERE {} ORDER BY c.oid, a.attnum",
      only);
  // Every table, with or without columns (a table without is filled with rows of defaults only),
  // and whether its inserts must run its triggers (Table::needs_triggers).
  const std::string kind_sql =
      "SELECT c.oid::text, c.oid::regclass::text, c.relname, c.relkind = 'p' "
      "OR EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) "
      "OR EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = c.oid) "
      "OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' "
      "AND k.confmatchtype = 'f') FROM pg_class c WHERE " + only;
  const std::string checks_sql = "SELECT conrelid::text, pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE contype = 'c' "
                                 "AND conrelid IN (" + in_list + ") ORDER BY conrelid, conname";
  const std::string fk_sql =
      "SELECT con.conrelid::text, con.confrelid::text, con.confrelid::regclass::text, " + key_column_names_sql("") +
      ", " + key_column_names_sql("f") + " FROM pg_constraint con WHERE con.contype = 'f' AND con.conrelid IN (" + in_list + ") "
      "ORDER BY con.conrelid, con.conname";
  // One round trip for the four: a fill pass runs before most migrations of a long history.
  const std::vector<Rows> found = rows_of_each(conn, columns_sql + ";" + kind_sql + ";" + checks_sql + ";" + fk_sql);
  for (const std::vector<std::string>& row : found.at(0)) {
    Table& table = tables[row[0]];
    table.oid = row[0];
    table.name = row[1];
    table.bare_name = row[2];
    table.columns.push_back({.name = row[3], .type = row[4], .base = row[5], .base_sql = row[6],
                             .category = row[7].empty() ? 'X' : row[7][0], .is_enum = row[8] == "t",
                             .nullable = row[9] != "t", .takes_default = row[10] == "t", .unique = row[11] == "t"});
  }
  for (const std::vector<std::string>& row : found.at(1)) {
    Table& table = tables[row[0]];
    table.oid = row[0];
    table.name = row[1];
    table.bare_name = row[2];
    table.needs_triggers = row[3] == "t";
  }
  for (const std::vector<std::string>& row : found.at(2)) {
    const auto table = tables.find(row[0]);
    if (table != tables.end()) table->second.checks.push_back(row[1]);
  }
  for (const std::vector<std::string>& row : found.at(3)) {
    const auto table = tables.find(row[0]);
    if (table == tables.end()) continue;
    table->second.foreign_keys.push_back({row[1], row[2], split_names(row[3]), split_names(row[4])});
  }
  return tables;
}

// Referenced tables before the tables that reference them (a cycle is broken where it closes).
std::vector<const Table*> in_dependency_order(const std::map<std::string, Table>& tables,
                                              const std::vector<std::string>& oids) {
  std::vector<const Table*> order;
  std::set<std::string> visited;
  const std::set<std::string> wanted(oids.begin(), oids.end());
  std::function<void(const std::string&)> visit = [&](const std::string& oid) {
    if (!wanted.contains(oid) || !visited.insert(oid).second) return;
    const Table& table = tables.at(oid);
    for (const ForeignKey& fk : table.foreign_keys) visit(fk.referenced_oid);
    order.push_back(&table);
  };
  for (const std::string& oid : oids) visit(oid);
  return order;
}

// A value of the column's base type for key `k` (an SQL expression of the row number).
std::string value_for(const Column& column, const std::string& k) {
  const std::string& t = column.base;
  if (column.is_enum) {
    // enum_range() reads pg_enum on every call: as scalar subqueries it runs once per insert,
    // not twice per row (which cost documenso's fills four-fifths of their time).
    return fmt::format("(SELECT enum_range(NULL::{0}))[1 + ({1}) % (SELECT greatest(cardinality(enum_range(NULL::{0})), 1))]",
                       column.base_sql, k);
  }
  if (t == "int2" || t == "int4" || t == "int8" || t == "float4" || t == "float8" || t == "numeric" || t == "money" ||
      t == "oid") {
    return k;
  }
  if (column.category == 'S') return fmt::format("({}) || ' text'", k);  // never a number
  if (t == "bool") return fmt::format("({}) % 2 = 0", k);
  if (t == "date") return fmt::format("date '2024-01-01' + ({})::int", k);
  // Near the time of the run: tables partitioned by time usually have a partition for today.
  if (t == "timestamp" || t == "timestamptz") return fmt::format("date_trunc('day', now()) + ({}) * interval '1 minute'", k);
  if (t == "time" || t == "timetz") return fmt::format("time '00:00' + ({}) * interval '1 second'", k);
  if (t == "interval") return fmt::format("({}) * interval '1 minute'", k);
  if (t == "uuid") return fmt::format("md5(({})::text)::uuid", k);
  if (t == "json" || t == "jsonb") return fmt::format("json_build_object('n', {})", k);
  if (t == "bytea") return fmt::format("decode(md5(({})::text), 'hex')", k);
  if (t == "inet" || t == "cidr") {
    return fmt::format("'10.' || (({0}) / 65536) % 256 || '.' || (({0}) / 256) % 256 || '.' || ({0}) % 256", k);
  }
  if (column.category == 'A') return "'{}'";
  if (column.nullable) return "NULL";
  return fmt::format("({})::text", k);  // the type's input function may accept it
}

// Which synthetic rows an INSERT generates.
struct RowSpan {
  std::string first;            // SQL expression of the first row number
  std::string last;             // and of the last
  long long period = 7;         // a non-unique column's values repeat every `period` rows
  bool skip_conflicts = false;  // rows that repeat a unique key are left out (ON CONFLICT DO NOTHING)
  std::string only;             // when not empty, a condition on the row number g: the rows kept
};

// How often a non-unique column's value repeats when a table gets `rows` rows: each value about
// ten times, so that a unique index over the column fails, but not so few values that a
// migration's self-join on it grows with the square of the rows (1,000 rows over 7 values join
// into 143,000). Never a multiple of 2 or 5, so that the NULLs (every tenth row) fall on every
// value.
long long repeat_period(long long rows) {
  long long period = std::max<long long>(7, rows / 10);
  while (period % 2 == 0 || period % 5 == 0) ++period;
  return period;
}

// INSERT ... SELECT of the rows `span` of the synthetic data for `table`.
std::string insert_sql(PGconn* conn, const Table& table, const RowSpan& span) {
  std::vector<std::string> targets;
  std::vector<std::string> values;
  std::string joins;
  std::map<std::string, std::string> from_foreign_key;  // column -> f<i>.c<j>
  std::vector<const ForeignKey*> sources;
  for (const ForeignKey& fk : table.foreign_keys) sources.push_back(&fk);
  if (table.kept_keys) sources.push_back(&*table.kept_keys);
  for (size_t i = 0; i < sources.size(); ++i) {
    const ForeignKey& fk = *sources[i];
    std::string picked;
    for (size_t j = 0; j < fk.columns.size() && j < fk.referenced_columns.size(); ++j) {
      // A column in two foreign keys takes the first one's value; a kept key wins over both.
      const std::string value = fmt::format("f{}.c{}", i, j);
      if (table.kept_keys && &fk == &*table.kept_keys) {
        from_foreign_key.insert_or_assign(fk.columns[j], value);
      } else {
        from_foreign_key.emplace(fk.columns[j], value);
      }
      picked += fmt::format(", r.{} AS c{}", quote_identifier(conn, fk.referenced_columns[j]), j);
    }
    // The referenced rows, numbered; row g takes row 1 + (g - 1) % count.
    joins += fmt::format(
        " LEFT JOIN (SELECT row_number() OVER () AS rn{1} FROM {2} AS r) AS f{0} "
        "ON f{0}.rn = 1 + (g - 1) % (SELECT greatest(count(*), 1) FROM {2} AS n)",
        i, picked, fk.referenced);
  }
  const auto is_kept_key = [&](const Column& column) {
    return table.kept_keys && std::ranges::find(table.kept_keys->columns, column.name) != table.kept_keys->columns.end();
  };
  // Each nullable column is NULL in every tenth row, a different tenth for each column, so
  // that a CHECK wanting exactly one of two columns set (`(a IS NULL) <> (b IS NULL)`) has rows.
  int nullable_seen = 0;
  bool overrides_defaults = false;  // a kept key goes into an identity or serial column
  for (const Column& column : table.columns) {
    const bool kept = is_kept_key(column);
    if (column.takes_default && !kept) continue;
    overrides_defaults = overrides_defaults || column.takes_default;
    const auto fk = from_foreign_key.find(column.name);
    std::string value = fk != from_foreign_key.end() ? fk->second
                                                      : value_for(column, column.unique ? "g" : fmt::format("(g % {})", span.period));
    if (column.nullable && value != "NULL" && !kept) {
      value = fmt::format("CASE WHEN (g + {}) % 10 = 0 THEN NULL ELSE {} END", nullable_seen++ % 10, value);
    }
    targets.push_back(quote_identifier(conn, column.name));
    values.push_back(fmt::format("CAST(({}) AS {}) AS {}", value, column.type, targets.back()));
  }
  // Rows a CHECK constraint refuses are filtered out here rather than refused one by one: the
  // generated values are named like the columns, so the constraint's expression reads them.
  std::vector<std::string> conditions;
  for (const std::string& check : table.checks) conditions.push_back("(" + check + ") IS NOT FALSE");
  const std::string filter = conditions.empty() ? "" : " WHERE " + join(conditions, " AND ");
  const std::string columns = join(targets);
  const char* on_conflict = span.skip_conflicts ? " ON CONFLICT DO NOTHING" : "";
  const std::string only = span.only.empty() ? "" : " WHERE " + span.only;
  if (targets.empty()) {
    return fmt::format("INSERT INTO {} SELECT FROM generate_series({}, {}) AS s(g){}{}", table.name, span.first,
                       span.last, only, on_conflict);
  }
  return fmt::format(
      "INSERT INTO {0} ({1}){9} SELECT {1} FROM (SELECT {2} FROM generate_series({3}, {4}) AS s(g){5}{6}) AS generated{7}{8}",
      table.name, columns, join(values), span.first, span.last, joins, only, filter, on_conflict,
      overrides_defaults ? " OVERRIDING SYSTEM VALUE" : "");
}

// Whether the generated rows of `table` may repeat a unique key: a unique column takes values
// of few kinds (an enum, a boolean, an empty array) or a referenced row's (which repeat when
// the referenced table has fewer rows). A unique index over an expression is not seen here: the
// insert then fails on the conflict and is run again skipping conflicts.
bool may_repeat_a_unique_key(const Table& table) {
  std::set<std::string> referencing;
  for (const ForeignKey& fk : table.foreign_keys) referencing.insert(fk.columns.begin(), fk.columns.end());
  return std::any_of(table.columns.begin(), table.columns.end(), [&](const Column& column) {
    return column.unique && !column.takes_default &&
           (column.is_enum || column.base == "bool" || column.category == 'A' || referencing.contains(column.name));
  });
}

// Whether the values generated for `table`'s foreign keys are valid by construction, so that
// their checks may be skipped: each referencing column takes the value of one referenced row,
// unless a column belongs to two foreign keys (its value comes from the first one's row) or
// takes a kept key instead.
bool references_valid_by_construction(const Table& table) {
  if (table.needs_triggers) return false;
  std::set<std::string> referencing;
  for (const ForeignKey& fk : table.foreign_keys) {
    for (const std::string& column : fk.columns) {
      if (!referencing.insert(column).second) return false;
    }
  }
  // A kept key replaces the value a foreign key would give its column.
  const std::vector<std::string> kept = table.kept_keys ? table.kept_keys->columns : std::vector<std::string>{};
  return std::none_of(kept.begin(), kept.end(), [&](const std::string& column) { return referencing.contains(column); });
}

// What PostgreSQL refused.
struct Refusal {
  std::string message;
  std::string sqlstate;
};

// Runs `sql`; inside a transaction under a savepoint, so that a failure leaves the transaction
// usable. What PostgreSQL said when it failed; the rows its last statement inserted, updated
// or deleted go to `affected` when given.
std::optional<Refusal> try_exec(PGconn* conn, const std::string& sql, long long* affected = nullptr) {
  const bool in_transaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
  if (in_transaction) exec(conn, "SAVEPOINT miglint_seed");
  try {
    const Result result = exec(conn, sql);
    if (affected != nullptr) *affected = std::atoll(PQcmdTuples(result.get()));
    if (in_transaction) exec(conn, "RELEASE SAVEPOINT miglint_seed");
    return std::nullopt;
  } catch (const ServerError& error) {
    if (in_transaction) exec(conn, "ROLLBACK TO SAVEPOINT miglint_seed; RELEASE SAVEPOINT miglint_seed");
    return Refusal{error.what(), error.sqlstate()};
  }
}

// A unique or exclusion constraint refused a row.
bool is_conflict(const Refusal& refusal) { return refusal.sqlstate == "23505" || refusal.sqlstate == "23P01"; }

// Turns the session's triggers and rules off (session_replication_role = replica) while it
// lives, when `off`: the migrations after the fill must run with them.
class TriggersOff {
 public:
  TriggersOff(PGconn* conn, bool off) : conn_(off ? conn : nullptr) {
    if (conn_ != nullptr) exec(conn_, "SET session_replication_role = replica");
  }
  ~TriggersOff() {
    if (conn_ == nullptr) return;
    try {
      exec(conn_, "RESET session_replication_role");
    } catch (const Error&) {
      // The connection is lost: nothing runs on it any more.
    }
  }
  TriggersOff(const TriggersOff&) = delete;
  TriggersOff& operator=(const TriggersOff&) = delete;

 private:
  PGconn* conn_;
};

long long count_rows(PGconn* conn, const std::string& table) {
  return std::stoll(rows(conn, "SELECT count(*) FROM " + table)[0][0]);
}

// Fills one table: all rows in one statement; when PostgreSQL refuses one of them, a tenth at a
// time; in the tenths it refuses, row by row (each in a subtransaction of a DO block), keeping
// those it accepts. Each nullable column is NULL in one tenth of the rows (the row number modulo
// 10), so a refusal that a NULL causes (a trigger casting the column, a CHECK on another table)
// falls on whole tenths, and the other nine go in at bulk speed. Rows follow patterns with short
// periods (repeat_period()), so refusals in a row past one period mean none will be accepted (a
// NOT NULL reference to an empty table, no partition for the values): stop there.
constexpr long long kGiveUpAfter = 50;
constexpr int kTenths = 10;
// Row by row costs a subtransaction per row (and the table's triggers): past this, the table is
// left with the rows it has.
constexpr int kRowByRowBudgetMs = 250;

// Inserts the rows of `span` a tenth at a time (by row number modulo 10); the tenths refused,
// and the first refusal.
std::pair<std::vector<int>, std::optional<Refusal>> fill_by_tenths(PGconn* conn, const Table& table, RowSpan span) {
  std::vector<int> refused_tenths;
  std::optional<Refusal> first;
  for (int tenth = 0; tenth < kTenths; ++tenth) {
    span.only = fmt::format("g % {} = {}", kTenths, tenth);
    std::optional<Refusal> refused = try_exec(conn, insert_sql(conn, table, span));
    if (!refused) continue;
    refused_tenths.push_back(tenth);
    if (!first) first = std::move(refused);
  }
  return {refused_tenths, first};
}

// Inserts, row by row, the rows up to `wanted` whose number modulo 10 is in `tenths`; what
// PostgreSQL said when the block itself failed.
std::optional<Refusal> fill_row_by_row(PGconn* conn, const Table& table, long long wanted, long long period,
                                       const std::vector<int>& tenths) {
  std::vector<std::string> listed;
  for (int tenth : tenths) listed.push_back(std::to_string(tenth));
  const std::string one_row = insert_sql(conn, table, {"miglint_row", "miglint_row", period, true});
  return try_exec(conn, fmt::format("DO $miglint_seed$ DECLARE refused_in_a_row int := 0; BEGIN "
                                    "FOR miglint_row IN 1..{} LOOP CONTINUE WHEN miglint_row % {} <> ALL (ARRAY[{}]); "
                                    "BEGIN {}; refused_in_a_row := 0; EXCEPTION WHEN others "
                                    "THEN refused_in_a_row := refused_in_a_row + 1; END; EXIT WHEN refused_in_a_row >= {} "
                                    "OR clock_timestamp() - statement_timestamp() > interval '{} ms'; END LOOP; END "
                                    "$miglint_seed$",
                                    wanted, kTenths, join(listed), one_row, std::max(kGiveUpAfter, period + 10),
                                    kRowByRowBudgetMs));
}

// What the statistics of a table need after it is filled: nullopt, the whole table; else the
// columns listed (none: it keeps those it has). See Seeder::analyzed_columns_.
using ToAnalyze = std::optional<std::vector<std::string>>;

// Production tables have statistics (autovacuum keeps them): without them the planner takes a
// filled table for a handful of rows and picks nested loops that production would not, which
// inflates the measured time and its estimate at production size (marquez's V29 UPDATE took
// 285 ms before, 100 ms after). About 3 ms a table. True when it analyzed.
bool analyze(PGconn* conn, const Table& table, const ToAnalyze& columns) {
  if (!columns) return !try_exec(conn, "ANALYZE " + table.name);
  if (columns->empty()) return false;
  std::vector<std::string> quoted;
  for (const std::string& column : *columns) quoted.push_back(quote_identifier(conn, column));
  return !try_exec(conn, "ANALYZE " + table.name + " (" + join(quoted) + ")");
}

// What ANALYZE must see after `table` is filled, given the columns it has seen of each table
// (by oid): the whole table when it never saw it, else the columns added since.
ToAnalyze columns_to_analyze(const std::map<std::string, std::set<std::string>>& analyzed, const Table& table) {
  const auto seen = analyzed.find(table.oid);
  if (seen == analyzed.end()) return std::nullopt;
  std::vector<std::string> columns;
  for (const Column& column : table.columns) {
    if (!seen->second.contains(column.name)) columns.push_back(column.name);
  }
  return columns;
}

// What fill() did.
struct Filled {
  std::optional<SeedNote> note;  // when the table got fewer rows than wanted
  long long added = 0;
  bool analyzed = false;  // set after the fill, when ANALYZE ran (fill_pass)
};

// `skip_triggers`: the role may turn triggers off, which this table's inserts do when its
// references are valid by construction and it has no triggers or rules of its own.
Filled fill(PGconn* conn, const Table& table, long long wanted, bool skip_triggers) {
  // The rows the table held before (a migration's own INSERTs) are counted only where they are
  // needed: a rule or trigger may add rows of its own, or the rows go in by several statements.
  // Otherwise the one statement's row count says what was added, and the count is a query less
  // before each of the hundred fills of a long history.
  std::optional<long long> before;
  if (table.needs_triggers) before = count_rows(conn, table.name);
  const TriggersOff triggers_off(conn, skip_triggers && references_valid_by_construction(table));
  // ON CONFLICT costs a speculative insertion per row: only where a key may repeat (rows there
  // already, or values of few kinds), or when the insert without it met a conflict.
  RowSpan all{"1", std::to_string(wanted), repeat_period(wanted), before.value_or(0) > 0 || may_repeat_a_unique_key(table)};
  long long added = 0;  // as the one statement reports it, when it is accepted (one query less)
  std::optional<Refusal> refused = try_exec(conn, insert_sql(conn, table, all), &added);
  if (refused && !all.skip_conflicts && is_conflict(*refused)) {
    all.skip_conflicts = true;
    refused = try_exec(conn, insert_sql(conn, table, all), &added);
  }
  const bool in_one_statement = !refused;
  if (refused) {
    if (!before) before = count_rows(conn, table.name);  // the refused statement added nothing
    const auto [tenths, first] = fill_by_tenths(conn, table, all);
    refused = first;
    if (!tenths.empty()) {
      if (std::optional<Refusal> failed = fill_row_by_row(conn, table, wanted, all.period, tenths)) refused = failed;
    }
  }
  // After several statements, or when a rule or trigger may put rows elsewhere or add some, the
  // rows are counted.
  if (!in_one_statement || table.needs_triggers) added = count_rows(conn, table.name) - *before;
  if (added >= wanted) return {std::nullopt, added};
  const long long held = before ? *before : count_rows(conn, table.name) - added;
  return {SeedNote{table.name, added, held,
                   refused ? refused->message
                           : "rows that a CHECK constraint refuses, or that repeat a unique key, were left out"},
          added};
}

// Whether the role may set session_replication_role (a superuser, or granted SET on it).
bool may_set_replication_role(PGconn* conn) {
  if (try_exec(conn, "SET session_replication_role = replica")) return false;
  exec(conn, "RESET session_replication_role");
  return true;
}

// For each table of `order`, the positions of the earlier tables it references: it is filled
// after them. (A reference to a later table closes a cycle, which the order broke.)
std::vector<std::vector<size_t>> referenced_positions(const std::vector<const Table*>& order) {
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < order.size(); ++i) position.emplace(order[i]->oid, i);
  std::vector<std::vector<size_t>> before(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    for (const ForeignKey& fk : order[i]->foreign_keys) {
      const auto found = position.find(fk.referenced_oid);
      if (found != position.end() && found->second < i) before[i].push_back(found->second);
    }
  }
  return before;
}

// Runs `fill_one(session, i)` for each table of `order` on two sessions at once, each table once
// the tables it references are filled, then `then(session, i)` on the same session: the tables
// referencing table i need only its rows, so they may start while `then` (ANALYZE) runs. A table
// whose inserts run its triggers (which may write into other tables) is filled alone, after
// every table before it and before any after it, so that what its triggers add is the same as
// when the tables are filled one by one. An exception on either session stops both and is
// rethrown here.
void fill_on_two_sessions(const std::vector<const Table*>& order, PGconn* first, PGconn* second,
                          const std::function<void(PGconn*, size_t)>& fill_one,
                          const std::function<void(PGconn*, size_t)>& then) {
  const std::vector<std::vector<size_t>> before = referenced_positions(order);
  std::vector<bool> started(order.size());
  std::vector<bool> done(order.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::exception_ptr failure;
  const auto may_start = [&](size_t i) {
    const auto is_done = [&](size_t j) { return done[j]; };
    if (!std::all_of(before[i].begin(), before[i].end(), is_done)) return false;
    for (size_t j = 0; j < order.size(); ++j) {
      const bool alone = order[i]->needs_triggers || order[j]->needs_triggers;
      // Tables alone wait for every table before them, and tables after them for them.
      if (alone && started[j] && !done[j]) return false;
      if (alone && j < i && !done[j]) return false;
    }
    return true;
  };
  // The next table that may start; nullopt when none is left to start.
  const auto next_ready = [&](std::unique_lock<std::mutex>& lock) -> std::optional<size_t> {
    for (;;) {
      bool waiting = false;
      for (size_t i = 0; i < order.size() && !failure; ++i) {
        if (started[i]) continue;
        waiting = true;
        if (may_start(i)) return i;
      }
      if (!waiting || failure) return std::nullopt;
      changed.wait(lock);
    }
  };
  const auto work = [&](PGconn* session) {
    std::unique_lock<std::mutex> lock(mutex);
    while (const std::optional<size_t> i = next_ready(lock)) {
      started[*i] = true;
      lock.unlock();
      try {
        fill_one(session, *i);
        lock.lock();
        done[*i] = true;
        changed.notify_all();
        lock.unlock();
        then(session, *i);
      } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        if (!failure) failure = std::current_exception();
        changed.notify_all();
        return;
      }
      lock.lock();
    }
  };
  std::thread helper(work, second);
  work(first);
  helper.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::vector<SeedNote> Seeder::fill_new_tables(PGconn* conn, const std::function<PGconn*()>& second_session) {
  std::vector<SeedNote> notes;
  // A table that took back kept keys may have lost some (a CHECK, a unique column the migration
  // filled): the tables whose rows pointed at those are emptied and filled again.
  for (;;) {
    const std::map<std::string, KeptKeys> restored = fill_pass(conn, second_session, notes);
    const std::vector<std::string> dangling = referencing_lost_keys(conn, restored);
    if (dangling.empty() || !empty_tables(conn, dangling)) return notes;
  }
}

std::map<std::string, Seeder::KeptKeys> Seeder::fill_pass(PGconn* conn, const std::function<PGconn*()>& second_session,
                                                          std::vector<SeedNote>& notes) {
  if (rows_ <= 0) return {};
  // Listing the user tables costs more than most migrations that create none (documenso: 100 of
  // 163). A new table takes an oid above every relation before it (the counter wraps only after
  // four billion), so while the newest relation is the one seen when every table was last filled
  // or skipped, and no table was emptied since, there is nothing to fill.
  const std::string newest = rows(conn, "SELECT COALESCE(max(oid), 0)::text FROM pg_class")[0][0];
  if (newest == settled_at_) return {};
  std::vector<std::string> fresh;
  for (const auto& [oid, table] : list_tables(conn)) {
    if (filled_.contains(oid) || skipped_.contains(oid)) continue;
    if (is_runner_table(table.bare_name)) {
      skipped_.insert(oid);
      continue;
    }
    fresh.push_back(oid);
  }
  settled_at_ = newest;  // each table listed is filled below
  if (fresh.empty()) return {};
  std::map<std::string, Table> tables = read_tables(conn, fresh);
  std::map<std::string, long long> wanted;  // by oid: rows_, or more to take back every kept key
  std::map<std::string, KeptKeys> restored;  // the tables given kept keys
  for (auto& entry : tables) {
    // Not a structured binding: clang 14 does not let a lambda capture one.
    const std::string& oid = entry.first;
    Table& table = entry.second;
    wanted[oid] = rows_;
    const auto kept = kept_keys_.find(oid);
    if (kept == kept_keys_.end()) continue;
    table.kept_keys = ForeignKey{"", kept->second.source, kept->second.columns, kept->second.columns};
    wanted[oid] = std::max(rows_, kept->second.rows);
    kept->second.table = table.name;
    kept->second.columns_remain = std::ranges::all_of(kept->second.columns, [&](const std::string& name) {
      return std::ranges::any_of(table.columns, [&](const Column& column) { return column.name == name; });
    });
    restored.insert(kept_keys_.extract(kept));
  }
  if (!may_skip_triggers_) may_skip_triggers_ = may_set_replication_role(conn);
  const std::vector<const Table*> order = in_dependency_order(tables, fresh);
  std::vector<ToAnalyze> to_analyze(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    filled_.insert(order[i]->oid);
    ever_filled_.insert(order[i]->oid);
    to_analyze[i] = columns_to_analyze(analyzed_columns_, *order[i]);
  }
  std::vector<Filled> results(order.size());
  const auto fill_one = [&](PGconn* session, size_t i) {
    results[i] = fill(session, *order[i], wanted.at(order[i]->oid), *may_skip_triggers_);
  };
  const auto analyze_one = [&](PGconn* session, size_t i) {
    results[i].analyzed = results[i].added > 0 && analyze(session, *order[i], to_analyze[i]);
  };
  // A second session sees the tables only outside a transaction (where each fill commits).
  PGconn* second = order.size() > 1 && second_session && PQtransactionStatus(conn) == PQTRANS_IDLE ? second_session() : nullptr;
  if (second != nullptr) {
    fill_on_two_sessions(order, conn, second, fill_one, analyze_one);
  } else {
    for (size_t i = 0; i < order.size(); ++i) {
      fill_one(conn, i);
      analyze_one(conn, i);
    }
  }
  for (size_t i = 0; i < order.size(); ++i) {
    if (results[i].note) notes.push_back(std::move(*results[i].note));
    if (!results[i].analyzed) continue;
    for (const Column& column : order[i]->columns) analyzed_columns_[order[i]->oid].insert(column.name);
  }
  return restored;
}

std::vector<std::string> Seeder::referencing_lost_keys(PGconn* conn, const std::map<std::string, KeptKeys>& restored) const {
  // First whether any kept key is missing (one EXCEPT on each table, on the keys' text), which
  // is rare; only then which foreign keys point at a missing one.
  std::vector<std::string> tables;
  for (const auto& [oid, kept] : restored) {
    if (!kept.columns_remain) {
      tables.push_back(oid);  // the foreign keys that stay tell
      continue;
    }
    std::vector<std::string> set;
    std::vector<std::string> kept_values;
    std::vector<std::string> values_now;
    for (const std::string& column : kept.columns) {
      const std::string quoted = quote_identifier(conn, column);
      set.push_back("k." + quoted + " IS NOT NULL");
      kept_values.push_back("k." + quoted);
      values_now.push_back("t." + quoted + "::text");
    }
    // EXCEPT hashes both sides: an anti-join on the text planned a nested loop (30 ms a table).
    const std::string lost = rows(conn, fmt::format("SELECT EXISTS (SELECT {} FROM {} k WHERE {} EXCEPT SELECT {} FROM {} t)",
                                                    join(kept_values), kept.source, join(set, " AND "),
                                                    join(values_now), kept.table))[0][0];
    if (lost == "t") tables.push_back(oid);
  }
  if (tables.empty()) return {};
  // Each foreign key into `tables` from another table: its table and both column lists.
  const std::vector<std::vector<std::string>> keys = rows(
      conn, "SELECT con.conrelid::regclass::text, con.confrelid::regclass::text, " + key_column_names_sql("") + ", " +
                key_column_names_sql("f") + " FROM pg_constraint con WHERE con.contype = 'f' "
                "AND con.conrelid <> con.confrelid AND con.confrelid IN (" + join(tables) + ")");
  std::vector<std::string> checks;
  for (const std::vector<std::string>& key : keys) {
    const std::vector<std::string> columns = split_names(key[2]);
    const std::vector<std::string> referenced = split_names(key[3]);
    std::vector<std::string> set;
    std::vector<std::string> match;
    for (size_t i = 0; i < columns.size() && i < referenced.size(); ++i) {
      const std::string column = quote_identifier(conn, columns[i]);
      set.push_back("r." + column + " IS NOT NULL");
      match.push_back("t." + quote_identifier(conn, referenced[i]) + " = r." + column);
    }
    // MATCH SIMPLE: a row with a NULL in the key references nothing.
    checks.push_back(fmt::format("SELECT {0} WHERE EXISTS (SELECT 1 FROM {1} r WHERE {2} AND NOT EXISTS "
                                 "(SELECT 1 FROM {3} t WHERE {4}))",
                                 quote_literal(conn, key[0]), key[0], join(set, " AND "), key[1], join(match, " AND ")));
  }
  std::vector<std::string> dangling;
  if (checks.empty()) return dangling;
  for (const std::vector<std::string>& row : rows(conn, join(checks, " UNION "))) dangling.push_back(row[0]);
  return dangling;
}

std::optional<size_t> Seeder::empty_tables(PGconn* conn, const std::vector<std::string>& tables) {
  if (tables.empty()) return 0;
  std::vector<std::string> literals;
  for (const std::string& table : tables) literals.push_back(quote_literal(conn, table));
  return empty_with_referencing(conn, "SELECT to_regclass(t)::oid FROM unnest(ARRAY[" + join(literals) + "]::text[]) AS t");
}

std::optional<size_t> Seeder::empty_keeping_keys(PGconn* conn, const std::vector<std::string>& tables) {
  if (tables.empty()) return 0;
  if (!may_skip_triggers_.value_or(false) || PQtransactionStatus(conn) != PQTRANS_IDLE) return empty_tables(conn, tables);
  // Each table; whether DELETE with triggers off empties it as TRUNCATE would (see
  // empty_with_referencing) and none of the columns other tables' foreign keys reference is
  // generated (a value cannot be given to it); those columns. One query for all the tables, and
  // one DELETE and one VACUUM statement: a retry may empty thirty tables the migration names.
  std::vector<std::string> literals;
  for (const std::string& table : tables) literals.push_back(quote_literal(conn, table));
  const std::vector<std::vector<std::string>> found = rows(
      conn, "SELECT c.oid::text, c.oid::regclass::text, " + deletes_as_truncate_sql("c.oid") +
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.confrelid "
                "AND a.attnum = ANY (k.confkey) WHERE k.contype = 'f' AND k.confrelid = c.oid AND a.attgenerated <> ''), "
                "array_to_string(ARRAY(SELECT DISTINCT a.attname FROM pg_constraint k JOIN pg_attribute a "
                "ON a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey) "
                "WHERE k.contype = 'f' AND k.confrelid = c.oid AND k.conrelid <> c.oid), chr(31)) "
                "FROM pg_class c WHERE c.oid IN (SELECT to_regclass(t) FROM unnest(ARRAY[" + join(literals) +
                "]::text[]) AS t)");
  std::vector<std::string> emptied_alone;  // by name
  std::vector<std::string> emptied_alone_oids;
  std::vector<std::string> with_referencing;
  std::string deletes;
  for (const std::vector<std::string>& row : found) {
    if (row[2] != "t") {
      with_referencing.push_back(row[1]);
      continue;
    }
    if (!row[3].empty()) keep_keys(conn, row[0], row[1], split_names(row[3]));
    emptied_alone.push_back(row[1]);
    emptied_alone_oids.push_back(row[0]);
    deletes += "DELETE FROM " + row[1] + ";";
  }
  if (!deletes.empty()) {
    {
      const TriggersOff triggers_off(conn, true);
      if (try_exec(conn, deletes)) return std::nullopt;
    }
    try_exec(conn, "VACUUM " + join(emptied_alone));  // the table's owner may: else only the estimates suffer
    for (const std::string& oid : emptied_alone_oids) forget_filled(oid);
  }
  const std::optional<size_t> cascaded = empty_tables(conn, with_referencing);
  if (!cascaded) return std::nullopt;
  return emptied_alone.size() + *cascaded;
}

void Seeder::keep_keys(PGconn* conn, const std::string& oid, const std::string& name, const std::vector<std::string>& columns) {
  // The key values, each column's in one array, all in the same row order.
  std::string sql = "SELECT count(*)";
  std::vector<std::string> quoted;
  for (const std::string& column : columns) {
    quoted.push_back(quote_identifier(conn, column));
    sql += fmt::format(", COALESCE(array_agg({}::text ORDER BY ctid), '{{}}')::text", quoted.back());
  }
  const std::vector<std::string> kept = rows(conn, sql + " FROM " + name)[0];
  std::vector<std::string> arrays;
  for (size_t i = 1; i < kept.size(); ++i) arrays.push_back(quote_literal(conn, kept[i]) + "::text[]");
  kept_keys_[oid] = {fmt::format("(SELECT * FROM unnest({}) AS k({}))", join(arrays), join(quoted)), columns,
                     std::stoll(kept[0])};
}

void Seeder::forget_filled(const std::string& oid) {
  filled_.erase(oid);
  settled_at_.clear();
}

std::optional<size_t> Seeder::empty_every_table(PGconn* conn) {
  if (filled_.empty()) return 0;
  const std::string seeds =
      "SELECT unnest(ARRAY[" + join(std::vector<std::string>(filled_.begin(), filled_.end())) + "]::oid[])";
  filled_.clear();  // including tables dropped since they were filled
  settled_at_.clear();
  return empty_with_referencing(conn, seeds);
}

std::optional<size_t> Seeder::empty_with_referencing(PGconn* conn, const std::string& seeds) {
  // The tables and, transitively, the tables referencing them (what TRUNCATE ... CASCADE
  // empties), each with whether DELETE under session_replication_role = replica empties it
  // as TRUNCATE would: no trigger or rule that fires in that role, no forced row security.
  const std::vector<std::vector<std::string>> found = rows(
      conn, "WITH RECURSIVE r(oid) AS (" + seeds +
                " UNION SELECT c.conrelid FROM pg_constraint c JOIN r ON c.confrelid = r.oid WHERE c.contype = 'f') "
                "SELECT k.oid::text, k.oid::regclass::text, " + deletes_as_truncate_sql("k.oid") + " FROM r JOIN pg_class k ON k.oid = r.oid");
  std::vector<std::string> names;
  // VACUUM cannot run inside a transaction block.
  bool deletable = may_skip_triggers_.value_or(false) && PQtransactionStatus(conn) == PQTRANS_IDLE;
  for (const std::vector<std::string>& row : found) {
    forget_filled(row[0]);
    kept_keys_.erase(row[0]);  // the rows referencing it are emptied too
    names.push_back(row[1]);
    deletable = deletable && row[2] == "t";
  }
  if (names.empty()) return 0;
  if (!deletable) return try_exec(conn, "TRUNCATE " + join(names) + " CASCADE") ? std::nullopt : std::optional(names.size());
  // TRUNCATE gives each table, index and TOAST table a new file: documenso's 14 retries spent
  // 0.5-0.9 s in it. DELETE with the foreign-key triggers off (every referencing table is in the
  // list) and a VACUUM cost about a third. The VACUUM is not optional: without it the pages of
  // the dead rows stay, later emptyings add more, and documenso's planner estimated 1 row for a
  // refilled 1,000-row table (an UPDATE went from 15 ms to 140 ms on a nested loop).
  std::string deletes;
  for (const std::string& name : names) deletes += "DELETE FROM " + name + ";";
  {
    const TriggersOff triggers_off(conn, true);
    if (try_exec(conn, deletes)) return std::nullopt;
  }
  try_exec(conn, "VACUUM " + join(names));  // the table's owner may: else only the estimates suffer
  return names.size();
}

std::vector<std::string> Seeder::filled_tables(PGconn* conn, const std::function<bool(const std::string&)>& wanted) const {
  std::vector<std::string> names;
  for (const auto& [oid, table] : list_tables(conn)) {
    if (filled_.contains(oid) && wanted(table.bare_name)) names.push_back(table.name);
  }
  return names;
}

std::map<std::string, TableData> read_table_data(PGconn* conn, const std::function<bool(const std::string&)>& wanted) {
  std::map<std::string, TableData> data;
  std::vector<std::string> oids;
  for (const auto& [oid, table] : list_tables(conn)) {
    if (wanted(table.bare_name)) oids.push_back(oid);
  }
  for (const auto& [oid, table] : read_tables(conn, oids)) {
    std::string sql = "SELECT count(*)";
    for (const Column& column : table.columns) {
      const std::string name = quote_identifier(conn, column.name);
      sql += fmt::format(", count({0})::text || ':' || COALESCE(sum(hashtextextended({0}::text, 0)::numeric), 0)", name);
    }
    const std::vector<std::string> row = rows(conn, sql + " FROM " + table.name)[0];
    TableData& entry = data[table.name];
    entry.rows = std::stoll(row[0]);
    for (size_t i = 0; i < table.columns.size(); ++i) entry.columns[table.columns[i].name] = row[i + 1];
  }
  return data;
}

std::vector<std::string> lost_data(const std::map<std::string, TableData>& before,
                                   const std::map<std::string, TableData>& after) {
  std::vector<std::string> lost;
  for (const auto& [table, was] : before) {
    const auto now = after.find(table);
    if (was.rows == 0 || now == after.end()) continue;
    if (now->second.rows != was.rows) {
      lost.push_back(fmt::format("{}: {} rows before the up, {} after the down", table, was.rows, now->second.rows));
      continue;
    }
    std::vector<std::string> changed;
    for (const auto& [column, checksum] : was.columns) {
      const auto other = now->second.columns.find(column);
      if (other != now->second.columns.end() && other->second != checksum) changed.push_back(column);
    }
    if (!changed.empty()) lost.push_back(fmt::format("{}: the values of {} are not those before the up", table, join(changed)));
  }
  return lost;
}

}  // namespace miglint::validate
