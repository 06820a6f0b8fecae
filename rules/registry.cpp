#include "rules/registry.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/rule_docs.hpp"

namespace miglint {

#define MIGLINT_RULE(snake) void register_##snake(RuleRegistry& registry);
#include "rules/rule_list.def"
#undef MIGLINT_RULE

namespace {

class ReportedByEngine final : public Rule {
 public:
  explicit ReportedByEngine(const RuleInfo& info) : Rule(info) {}
};

}  // namespace

void RuleRegistry::add_reported_by_engine(const RuleInfo& info) {
  entries_.push_back({&info, {}, [&info](const RuleOptions& /*options*/) { return std::make_unique<ReportedByEngine>(info); }});
}

Diagnostic reported_diagnostic(std::string_view rule, TextRange range, std::string message, std::string help) {
  Diagnostic d;
  d.rule = std::string(rule);
  d.severity = RuleRegistry::builtin().find(rule)->info->default_severity;
  d.range = range;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

std::string snake_case(std::string_view kebab_id) {
  std::string out(kebab_id);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

const RuleRegistry& RuleRegistry::builtin() {
  static const RuleRegistry registry = [] {
    RuleRegistry r;
#define MIGLINT_RULE(snake) register_##snake(r);
#include "rules/rule_list.def"
#undef MIGLINT_RULE
    for (RuleEntry& entry : r.entries_) {
      const std::string snake = snake_case(entry.info->id);
      for (const rules::RuleDoc& doc : rules::embedded_rule_docs()) {
        if (doc.snake_name == snake) {
          entry.doc = doc.markdown;
        }
      }
    }
    std::sort(r.entries_.begin(), r.entries_.end(),
              [](const RuleEntry& a, const RuleEntry& b) { return a.info->id < b.info->id; });
    return r;
  }();
  return registry;
}

std::string rules_markdown_table(const RuleRegistry& registry) {
  std::string out = "| rule | default | category | fix | what it flags |\n| --- | --- | --- | --- | --- |\n";
  for (const RuleEntry& e : registry.entries()) {
    out += fmt::format("| `{}` | {}{} | {} | {} | {} |\n", e.info->id, to_string(e.info->default_severity),
                       e.info->opt_in ? " (opt-in)" : "", to_string(e.info->category), to_string(e.info->fix),
                       e.info->summary);
  }
  return out;
}

const RuleEntry* RuleRegistry::find(std::string_view id) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), id,
                                   [](const RuleEntry& e, std::string_view key) { return e.info->id < key; });
  return it != entries_.end() && it->info->id == id ? &*it : nullptr;
}

}  // namespace miglint
