#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::cli {

int run_rules(const Invocation& call) {
  Command command({
      .name = "rules",
      .synopsis = "miglint rules [--format text|json|markdown]",
      .description = "Lists every rule: its id, default severity and what it flags.",
      .formats = {"text", "json", "markdown"},
  });
  if (!command.parse(call.args, call.out)) return 0;
  const RuleRegistry& registry = builtin_rules();
  if (command.format() == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const RuleEntry& e : registry.entries()) {
      list.push_back({{"id", e.info->id}, {"summary", e.info->summary}, {"severity", to_string(e.info->default_severity)},
                      {"category", to_string(e.info->category)}, {"fix", to_string(e.info->fix)}, {"opt_in", e.info->opt_in}});
    }
    call.out << list.dump(2) << "\n";
  } else if (command.format() == "markdown") {
    call.out << rules_markdown_table(registry);
  } else {
    for (const RuleEntry& e : registry.entries()) {
      call.out << fmt::format("{:<36} {:<8} {}{}\n", e.info->id, to_string(e.info->default_severity), e.info->summary,
                              e.info->opt_in ? " (opt-in)" : "");
    }
  }
  return 0;
}

}  // namespace miglint::cli
