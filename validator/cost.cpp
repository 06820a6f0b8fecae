#include "validator/cost.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "linter/error.hpp"
#include "linter/source_file.hpp"
#include "validator/pq.hpp"

namespace miglint::validate {

namespace {

// `users` for `public.users` and `users`; other schemas keep theirs. Quotes are dropped.
std::string table_key(std::string name) {
  std::erase(name, '"');
  return name.starts_with("public.") ? name.substr(7) : name;
}

}  // namespace

double production_seconds(const StatementTrace& statement, double rows, long long synthetic_rows) {
  const double on_empty = statement.seconds_on_empty_tables;
  // Timed at two sizes: the fixed cost plus the per-row cost scaled. When the two times do not
  // show a per-row cost (noise at small sizes), the whole time is scaled: an upper bound.
  if (on_empty >= 0 && statement.seconds > on_empty) {
    return on_empty + (statement.seconds - on_empty) * rows / static_cast<double>(synthetic_rows);
  }
  return statement.seconds * rows / static_cast<double>(synthetic_rows);
}

TableSizes read_table_sizes(const std::string& path) {
  const std::unique_ptr<SourceFile> file = read_source_file(path);
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(file->text());
  } catch (const nlohmann::json::parse_error& error) {
    const uint32_t at = static_cast<uint32_t>(std::min<size_t>(error.byte > 0 ? error.byte - 1 : 0, file->text().size()));
    const Position p = file->position(at);
    throw Error(fmt::format("{}:{}:{}: not valid JSON: expected an object of table name -> rows", path, p.line, p.column));
  }
  if (!parsed.is_object()) throw Error(fmt::format("{}:1:1: expected an object of table name -> rows", path));
  TableSizes sizes;
  for (const auto& [name, rows] : parsed.items()) {
    if (!rows.is_number() || rows.get<double>() < 0) {
      throw Error(fmt::format("{}: the rows of `{}` must be a number of 0 or more", path, name));
    }
    sizes[table_key(name)] = rows.get<double>();
  }
  return sizes;
}

TableSizes read_table_sizes_from(const std::string& url) {
  Connection conn;
  try {
    conn = connect(url);
  } catch (const Error& error) {
    throw Error(fmt::format("--stats-from: cannot read the table sizes: {}", error.what()));
  }
  // Only catalog statistics, never table data; and nothing this session could write.
  exec(conn.get(), "BEGIN TRANSACTION READ ONLY");
  TableSizes sizes;
  for (const std::vector<std::string>& row :
       rows(conn.get(), "SELECT c.oid::regclass::text, greatest(c.reltuples, 0)::float8 FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
                        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")) {
    sizes[table_key(row[0])] = std::stod(row[1]);
  }
  exec(conn.get(), "COMMIT");
  return sizes;
}

std::pair<std::string, double> parse_lock_budget(const std::string& text) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) throw Error(fmt::format("--max-lock-seconds takes MODE=SECONDS, not `{}`", text));
  std::string mode = text.substr(0, equals);
  if (!mode.ends_with("Lock")) mode = pg_lock_mode(mode);
  if (lock_strength(mode) == 0) {
    throw Error(fmt::format("--max-lock-seconds: `{}` is not a lock mode (e.g. AccessExclusiveLock or ShareLock)",
                            text.substr(0, equals)));
  }
  char* end = nullptr;
  const std::string number = text.substr(equals + 1);
  const double seconds = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !(seconds >= 0)) {
    throw Error(fmt::format("--max-lock-seconds: `{}` is not a number of seconds", number));
  }
  return {mode, seconds};
}

void estimate_production_cost(std::vector<StatementTrace>& trace, const TableSizes& sizes, long long synthetic_rows) {
  if (synthetic_rows <= 0 || sizes.empty()) return;
  for (StatementTrace& statement : trace) {
    if (statement.locks.empty() && statement.held_before.empty()) continue;
    std::vector<std::string> tables = statement.rewritten;
    tables.insert(tables.end(), statement.scanned.begin(), statement.scanned.end());
    for (const std::string& table : tables) {
      const auto size = sizes.find(table_key(table));
      if (size == sizes.end()) continue;
      const double seconds = production_seconds(statement, size->second, synthetic_rows);
      if (seconds <= statement.estimate_seconds) continue;
      std::string lock;
      for (const std::vector<TracedLock>* locks : {&statement.locks, &statement.held_before}) {
        for (const TracedLock& held : *locks) {
          if (table_key(held.relation) == table_key(table) && lock_strength(held.mode) > lock_strength(lock)) lock = held.mode;
        }
      }
      if (lock.empty()) continue;  // an index or TOAST table without a lock of its own in the list
      statement.estimate_table = table;
      statement.estimate_rows = size->second;
      statement.estimate_lock = lock;
      statement.estimate_seconds = seconds;
    }
  }
}

std::string over_budget(const StatementTrace& trace, const LockBudgets& budgets) {
  if (trace.estimate_seconds <= 0) return {};
  for (const auto& [mode, seconds] : budgets) {
    // A budget for a mode also bounds the stronger modes (they block at least as much).
    if (lock_strength(trace.estimate_lock) >= lock_strength(mode) && trace.estimate_seconds > seconds) {
      return fmt::format("{} on `{}` for about {} at {:.0f} rows, over the budget of {} for {}", trace.estimate_lock,
                         trace.estimate_table, human_seconds(trace.estimate_seconds), trace.estimate_rows,
                         human_seconds(seconds), mode);
    }
  }
  return {};
}

std::string human_seconds(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  if (seconds < 3600) return fmt::format("{:.0f} min", std::round(seconds / 60));
  return fmt::format("{:.1f} h", seconds / 3600);
}

}  // namespace miglint::validate
