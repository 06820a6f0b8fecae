#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse.hpp"
#include "linter/transactions.hpp"

namespace miglint {

/// Session settings (lock_timeout, statement_timeout, timezone, search_path, ...) in effect at
/// one point of a script, as far as its own SQL shows them.
class SessionSettings {
 public:
  /// The value of `name` (lower case) when the script set it, as written (`'2s'` gives `2s`).
  std::optional<std::string> get(std::string_view name) const;
  /// Sets a value for the session.
  void set(const std::string& name, std::string value) { session_[name] = std::move(value); }
  /// Sets a value until the current transaction ends (SET LOCAL).
  void set_local(const std::string& name, std::string value) { local_[name] = std::move(value); }
  /// RESET name: back to the server's default, which the script does not show.
  void reset(const std::string& name);
  /// RESET ALL.
  void reset_all();
  /// The transaction ended: SET LOCAL values are gone.
  void end_transaction() { local_.clear(); }

 private:
  std::map<std::string, std::string, std::less<>> session_;
  std::map<std::string, std::string, std::less<>> local_;
};

/// The settings in effect before each statement of a script: SET and `SET ... TO`, SET LOCAL
/// (until its transaction block commits or rolls back, or the script ends), RESET, RESET ALL,
/// and `SELECT set_config('name', 'value', is_local)`. Each script starts from nothing: what an
/// earlier migration set is not assumed to carry over.
std::vector<SessionSettings> session_timeline(const std::vector<Statement>& statements,
                                              const std::vector<TransactionState>& states);

/// A duration in milliseconds as PostgreSQL reads lock_timeout or statement_timeout: a number
/// (milliseconds) or a number with a unit (us, ms, s, min, h, d). Nullopt when unreadable.
std::optional<double> duration_ms(std::string_view text);

}  // namespace miglint
