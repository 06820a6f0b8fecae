#pragma once

#include <string_view>
#include <vector>

namespace miglint::rules {

/// One embedded rule document, keyed by the rule's snake_case file name.
struct RuleDoc {
  /// `rules/<snake_name>.md`.
  std::string_view snake_name;
  /// The Markdown, byte for byte.
  std::string_view markdown;
};

/// Every `rules/*.md` named in rule_list.def, embedded at build time.
const std::vector<RuleDoc>& embedded_rule_docs();

}  // namespace miglint::rules
