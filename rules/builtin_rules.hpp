#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linter/migration_set.hpp"
#include "linter/rule_registry.hpp"

namespace miglint {

/// Every rule of rules/rule_list.def with its embedded documentation, built once.
const RuleRegistry& builtin_rules();

/// What the linter claims one statement of an up migration locks: the strongest lock that blocks
/// reads or writes (the lock its locking rules reason about), for `validate --trace` to measure.
struct LockClaim {
  /// The file, as the set names it.
  std::string file;
  /// Where the statement starts in it.
  uint32_t offset = 0;
  /// The mode as SQL names it: `ACCESS EXCLUSIVE`, `SHARE`, ...
  std::string mode;
  /// The relation's name as PostgreSQL stores it (without schema); empty when the statement does
  /// not name it (the table of a dropped index).
  std::string relation;
};

/// Replays the set the way `miglint lint` does and returns the claim of every top-level statement
/// of an up migration that takes a blocking lock on a relation holding data.
std::vector<LockClaim> claim_locks(MigrationSet set, int pg_version);


}  // namespace miglint
