#pragma once

#include "linter/rule_registry.hpp"

namespace miglint {

/// Every rule of rules/rule_list.def with its embedded documentation, built once.
const RuleRegistry& builtin_rules();

}  // namespace miglint
