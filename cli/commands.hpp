#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace miglint::cli {

/// What a command receives: its arguments (after the command name) and the standard streams.
struct Invocation {
  /// The arguments after the command name.
  std::vector<std::string> args;
  /// Standard input (for `lint -`).
  std::istream& in;
  /// Standard output.
  std::ostream& out;
};

/// `miglint lint`: cli/lint.cpp.
int run_lint(const Invocation& call);
/// `miglint fix`: cli/fix.cpp.
int run_fix(const Invocation& call);
/// `miglint migrations`: cli/migrations.cpp.
int run_migrations(const Invocation& call);
/// `miglint sum`: cli/sum.cpp.
int run_sum(const Invocation& call);
/// `miglint validate`: cli/validate.cpp.
int run_validate(const Invocation& call);
/// `miglint status`: cli/status.cpp.
int run_status(const Invocation& call);
/// `miglint schema`: cli/schema.cpp.
int run_schema(const Invocation& call);
/// `miglint rules`: cli/rules.cpp.
int run_rules(const Invocation& call);
/// `miglint explain`: cli/explain.cpp.
int run_explain(const Invocation& call);
/// `miglint install-hook`: cli/install_hook.cpp.
int run_install_hook(const Invocation& call);
/// `miglint completion`: cli/completion.cpp.
int run_completion(const Invocation& call);
/// `miglint man`: cli/completion.cpp (the same help texts, as roff).
int run_man(const Invocation& call);

}  // namespace miglint::cli
