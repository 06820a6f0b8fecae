#pragma once

#include <map>
#include <string>
#include <vector>

#include "validator/trace.hpp"

namespace miglint::validate {

/// Production table sizes: rows by table name (`orders`, or `sales.orders` when not in `public`).
using TableSizes = std::map<std::string, double>;

/// Reads `--stats FILE`: a JSON object of table name -> rows (`{"orders": 120000000}`), the shape
/// the query in the README prints. Throws Error with file:line:col for a malformed file.
TableSizes read_table_sizes(const std::string& path);

/// Reads `--stats-from URL`: `pg_class.reltuples` of every user table, in a read-only
/// transaction; no table data is read.
TableSizes read_table_sizes_from(const std::string& url);

/// A lock budget: `AccessExclusiveLock=5` gives at most 5 s under ACCESS EXCLUSIVE.
using LockBudgets = std::map<std::string, double>;

/// Parses `MODE=SECONDS` (`AccessExclusiveLock=5`, or `ACCESS EXCLUSIVE=5`); throws Error.
std::pair<std::string, double> parse_lock_budget(const std::string& text);

/// The time `statement` would take on a table of `rows` rows, from its time on the
/// `synthetic_rows` the table held and, when measured, on the table emptied (its fixed cost, not
/// scaled); without that, the whole time is scaled: an upper bound.
double production_seconds(const StatementTrace& statement, double rows, long long synthetic_rows);

/// Fills `estimate` on each statement of `trace` that rewrote or scanned a table of `sizes` while
/// holding a lock: see production_seconds().
void estimate_production_cost(std::vector<StatementTrace>& trace, const TableSizes& sizes, long long synthetic_rows);

/// The budget the estimate of `trace` exceeds, as a message; empty when none.
std::string over_budget(const StatementTrace& trace, const LockBudgets& budgets);

/// `4 min`, `2.5 s`, `3.1 h`.
std::string human_seconds(double seconds);

}  // namespace miglint::validate
