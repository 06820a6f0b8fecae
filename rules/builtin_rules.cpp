#include "rules/builtin_rules.hpp"

#include "rules/rule_docs.hpp"

namespace miglint {

#define MIGLINT_RULE(snake) void register_##snake(RuleRegistry& registry);
#include "rules/rule_list.def"
#undef MIGLINT_RULE

const RuleRegistry& builtin_rules() {
  static const RuleRegistry registry = [] {
    RuleRegistry r;
#define MIGLINT_RULE(snake) register_##snake(r);
#include "rules/rule_list.def"
#undef MIGLINT_RULE
    std::vector<std::string_view> ids;
    for (const RuleEntry& entry : r.entries()) ids.push_back(entry.info->id);
    for (const std::string_view id : ids) {
      for (const rules::RuleDoc& doc : rules::embedded_rule_docs()) {
        if (doc.snake_name == snake_case(id)) r.set_doc(id, doc.markdown);
      }
    }
    r.seal();
    return r;
  }();
  return registry;
}

}  // namespace miglint
