#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/error.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::cli {

int run_explain(const Invocation& call) {
  Command command({
      .name = "explain",
      .synopsis = "miglint explain RULE",
      .description = "Prints the documentation of RULE (see `miglint rules` for the ids).",
      .paths = Paths::any,
  });
  if (!command.parse(call.args, call.out)) return 0;
  if (command.paths().size() != 1) {
    throw Error("usage: miglint explain RULE (see `miglint rules` for the ids)");
  }
  const RuleEntry* entry = builtin_rules().find(command.paths()[0]);
  if (entry == nullptr) {
    throw Error(fmt::format("unknown rule `{}` (see `miglint rules`)", command.paths()[0]));
  }
  call.out << entry->doc;
  return 0;
}

}  // namespace miglint::cli
