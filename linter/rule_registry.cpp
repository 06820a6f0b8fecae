#include "linter/rule_registry.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace miglint {

namespace {

class ReportedElsewhere final : public Rule {
 public:
  explicit ReportedElsewhere(const RuleInfo& info) : Rule(info) {}
};

}  // namespace

void RuleRegistry::add_reported(const RuleInfo& info) {
  entries_.push_back({&info, {}, [&info](const RuleOptions& /*options*/) { return std::make_unique<ReportedElsewhere>(info); }});
}

void RuleRegistry::set_doc(std::string_view id, std::string_view doc) {
  for (RuleEntry& entry : entries_) {
    if (entry.info->id == id) entry.doc = doc;
  }
}

void RuleRegistry::seal() {
  std::sort(entries_.begin(), entries_.end(), [](const RuleEntry& a, const RuleEntry& b) { return a.info->id < b.info->id; });
}

std::string snake_case(std::string_view kebab_id) {
  std::string out(kebab_id);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
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
