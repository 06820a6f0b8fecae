#pragma once

#include <cstdint>
#include <map>
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
  /// A `DROP ... IF EXISTS`: when what it drops is not there, it locks nothing (the linter cannot
  /// know whether it is).
  bool if_exists = false;
  /// A statement of a DO block's body that runs whenever the block does (one that branches,
  /// loops or catches errors has no claims): `validate --trace` measures the DO as a whole, so
  /// its claims are combined (see strongest_claims()).
  bool in_do_block = false;
};

/// The claims of the statements of one DO block's body as a trace of the block sees them: the
/// strongest mode claimed on each relation, by relation. IF EXISTS claims are left out.
std::map<std::string, std::string> strongest_claims(const std::vector<const LockClaim*>& claims);

/// What a rule's finding predicts one statement of an up migration does to a table's rows.
struct EffectClaim {
  /// The file, as the set names it.
  std::string file;
  /// Where the finding starts: inside the statement.
  uint32_t offset = 0;
  /// The rule that predicts it.
  std::string rule;
  /// Rewrite or scan, and the table.
  PredictedEffect effect;
};

/// Everything the linter claims about the statements of a set, for `validate --trace` to measure.
struct LinterClaims {
  /// The blocking lock of each statement that takes one on a relation holding data.
  std::vector<LockClaim> locks;
  /// The rewrites and scans that the rules' findings predict.
  std::vector<EffectClaim> effects;
};

/// Replays the set the way `miglint lint` does and returns the claims: the lock of every
/// top-level statement of an up migration (and of every statement of a straight-line DO body)
/// that takes a blocking lock on a relation holding data, and every rewrite or scan a rule
/// predicts (with the rules' default options).
LinterClaims claim_locks(MigrationSet set, int pg_version);


}  // namespace miglint
