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
  /// Empties `tables` (as empty_tables() takes them) but not the tables referencing them,
  /// keeping the values of their columns that other tables' foreign keys reference: the
  /// referencing tables keep their rows, and each table, filled again, takes those values back,
  /// so the references hold again (a data failure on a table that thirty others reference no
  /// longer empties and refills all thirty). Where that cannot be done (a trigger, a rule, a
  /// generated key, no right to turn triggers off, an open transaction) a table is emptied as
  /// empty_tables() does. The number of tables emptied, or nullopt when PostgreSQL refused.
  std::optional<size_t> empty_keeping_keys(PGconn* conn, const std::vector<std::string>& tables);
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
  /// The newest relation's oid when every user table last held synthetic rows or was skipped;
  /// empty once a table is emptied (see fill_pass).
  std::string settled_at_;
  /// By oid: the referenced key values of a table emptied alone, as a "table" to take them from
  /// (an unnest() of them, with the key columns' names), and how many rows held them.
  struct KeptKeys {
    std::string source;
    std::vector<std::string> columns;
    long long rows = 0;
    std::string table;  // the table's name (as `regclass` prints it) when it takes them back
    bool columns_remain = true;  // and whether it still has every key column (not renamed, not dropped)
  };
  std::map<std::string, KeptKeys> kept_keys_;
  /// By oid: the columns ANALYZE has seen. A table filled again after it was emptied keeps the
  /// statistics of its first filling (DELETE and VACUUM leave them, and the new rows follow the
  /// same patterns), so only the columns added since are analyzed (a whole table costs about
  /// 3 ms, and a data failure may empty dozens).
  std::map<std::string, std::set<std::string>> analyzed_columns_;

  // Empties the tables whose oids the query `seeds` selects and the tables referencing them,
  // transitively; the number emptied, or nullopt when PostgreSQL refused.
  std::optional<size_t> empty_with_referencing(PGconn* conn, const std::string& seeds);
  // One round of fill_new_tables(): fills the tables that hold no synthetic rows, adding to
  // `notes` those left smaller; returns the keys given back, by the oid of their table.
  std::map<std::string, KeptKeys> fill_pass(PGconn* conn, const std::function<PGconn*()>& second_session,
                                            std::vector<SeedNote>& notes);
  // The tables (as `regclass` prints them) holding rows whose foreign key points at no row of a
  // table of `restored`: keys kept that did not come back.
  std::vector<std::string> referencing_lost_keys(PGconn* conn, const std::map<std::string, KeptKeys>& restored) const;
  // Takes table `oid` out of the filled ones: the next fill_pass() lists the tables again.
  void forget_filled(const std::string& oid);
  // Saves the values of `columns` (the ones other tables' foreign keys reference) that table
  // `oid`, named `name`, holds, for its refill (kept_keys_).
  void keep_keys(PGconn* conn, const std::string& oid, const std::string& name, const std::vector<std::string>& columns);
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
