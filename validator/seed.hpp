#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "validator/pq.hpp"

namespace miglint::validate {

/// A table that got fewer synthetic rows than asked for, and why.
struct SeedNote {
  /// The table, as `regclass` prints it.
  std::string table;
  /// Synthetic rows it got.
  long long added = 0;
  /// Rows it held before (a migration's own INSERTs, or rows its triggers wrote).
  long long existing = 0;
  /// Why no more rows could be generated (PostgreSQL's message for the first row refused).
  std::string reason;
};

/// Fills tables with synthetic rows before each checked migration (`miglint validate --rows N`),
/// so that a migration meets the values production tables hold: NULLs in nullable columns,
/// repeated values in columns without a unique index, non-numeric text in text columns. Values
/// follow the column types (through domains), foreign keys point at rows of the referenced table
/// (filled first), identity, serial and generated columns take their defaults, and unique
/// conflicts are skipped. A row PostgreSQL refuses (a CHECK, a trigger, a domain) is left out.
/// Where the role may (see Server), a table whose references are valid by construction is filled
/// with its foreign-key checks off, which otherwise cost a query per row and reference.
class Seeder {
 public:
  /// `rows` per table; 0 fills nothing.
  explicit Seeder(long long rows) : rows_(rows) {}
  /// Fills every user table not filled before (a table keeps its oid through rewrites, so only
  /// new tables are filled), referenced tables first. Runs inside the connection's transaction
  /// when one is open (each table under a savepoint). Otherwise, when there are several tables
  /// and `second_session` is given, it is called for a second session on the same database, and
  /// both fill at once (one fills alone when it returns nullptr). Returns the tables left smaller.
  std::vector<SeedNote> fill_new_tables(PGconn* conn, const std::function<PGconn*()>& second_session = {});
  /// Empties `tables` (as `regclass` prints them; those that do not exist are passed over) and
  /// the tables that reference them (TRUNCATE ... CASCADE), so that a migration that fails on the
  /// data can be run again without it; they are filled again before the next migration. The
  /// number of tables emptied, or nullopt when PostgreSQL refused.
  std::optional<size_t> empty_tables(PGconn* conn, const std::vector<std::string>& tables);
  /// Empties every table filled so far, as empty_tables() does.
  std::optional<size_t> empty_every_table(PGconn* conn);
  /// The tables holding synthetic rows whose bare name `wanted` accepts, as `regclass` prints them.
  std::vector<std::string> filled_tables(PGconn* conn, const std::function<bool(const std::string&)>& wanted) const;
  /// True when any table holds synthetic rows now.
  bool has_rows() const { return !filled_.empty(); }
  /// Tables filled so far (a table emptied and filled again counts once).
  size_t tables_filled() const { return ever_filled_.size(); }

 private:
  long long rows_;
  std::set<std::string> filled_;       // oids of the tables that hold synthetic rows
  std::set<std::string> ever_filled_;  // oids
  std::set<std::string> skipped_;  // oids of tables not to fill (the runner's own bookkeeping)
  std::optional<bool> may_skip_triggers_;  // whether the role may set session_replication_role

  // Empties the tables whose oids the query `seeds` selects and the tables referencing them,
  // transitively; the number emptied, or nullopt when PostgreSQL refused.
  std::optional<size_t> empty_with_referencing(PGconn* conn, const std::string& seeds);
};

/// What a table holds, to compare before and after: its row count and, per column, the count of
/// non-NULL values and an order-independent checksum of their text.
struct TableData {
  /// Rows in the table.
  long long rows = 0;
  /// Column name -> "count:checksum".
  std::map<std::string, std::string> columns;
};

/// The data of the user tables whose bare name `wanted` accepts, by `regclass` name.
std::map<std::string, TableData> read_table_data(PGconn* conn, const std::function<bool(const std::string&)>& wanted);

/// The tables of `before` whose rows or column values `after` does not have, one line each
/// (`orders: 1000 rows before, 0 after`, `orders: values of total, note changed`). Tables and
/// columns that no longer exist are left to the schema comparison.
std::vector<std::string> lost_data(const std::map<std::string, TableData>& before,
                                   const std::map<std::string, TableData>& after);

}  // namespace miglint::validate
