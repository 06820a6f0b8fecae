#include "linter/rule_set.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "linter/error.hpp"

namespace miglint {

RuleSet::RuleSet(const RuleRegistry& registry, const Config& config,
                 const std::optional<std::vector<std::string>>& select, const std::vector<std::string>& ignore)
    : registry_(&registry) {
  for (const ReportedRule reported : kReportedRules) {
    if (registry.find(rule_id(reported)) == nullptr) {
      throw Error(fmt::format("internal error: rule `{}` is reported but not registered (rules/rule_list.def)",
                              rule_id(reported)));
    }
  }
  auto require_known = [&](const std::string& id, std::string_view where) {
    if (registry.find(id) == nullptr) {
      throw Error(fmt::format("{} names unknown rule `{}` (see `miglint rules`)", where, id));
    }
  };
  const std::optional<std::vector<std::string>>& chosen = select ? select : config.select;
  std::set<std::string, std::less<>> on;
  for (const RuleEntry& entry : registry.entries()) {
    const auto configured = config.rules.find(entry.info->id);
    const bool explicitly = configured != config.rules.end() && configured->second.explicitly_enabled;
    if (chosen ? std::find(chosen->begin(), chosen->end(), entry.info->id) != chosen->end()
               : (!entry.info->opt_in || explicitly)) {
      on.insert(std::string(entry.info->id));
    }
    if (configured != config.rules.end() && !configured->second.enabled) {
      on.erase(std::string(entry.info->id));
    }
  }
  if (select) {
    for (const std::string& id : *select) require_known(id, "--select");
  }
  for (const std::string& id : ignore) {
    require_known(id, "--ignore");
    on.erase(id);
  }
  for (const std::string& id : config.ignore) {
    on.erase(id);
  }
  for (const std::string& id : on) {
    const RuleEntry& entry = *registry.find(id);
    const auto configured = config.rules.find(id);
    static const RuleOptions kNoOptions;
    const bool has_config = configured != config.rules.end();
    enabled_[id] = has_config ? configured->second.severity : std::nullopt;
    rules_.push_back(entry.create(has_config ? configured->second.options : kNoOptions));
  }
}

bool RuleSet::enabled(std::string_view id) const { return enabled_.contains(id); }

std::optional<Severity> RuleSet::configured_severity(std::string_view id) const {
  const auto it = enabled_.find(id);
  return it == enabled_.end() ? std::nullopt : it->second;
}

Diagnostic RuleSet::diagnostic(ReportedRule rule, TextRange range, std::string message, std::string help) const {
  Diagnostic d;
  d.rule = std::string(rule_id(rule));
  d.severity = registry_->find(d.rule)->info->default_severity;  // present: checked in the constructor
  d.range = range;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

}  // namespace miglint
