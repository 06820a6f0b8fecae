#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostic.hpp"

namespace miglint {

/// Which fixes to apply.
enum class FixSelection { safe_only, include_unsafe };

/// Applies the fixes of `diagnostics` to `text`, back to front. Fixes whose edits overlap an
/// already chosen edit are skipped (the next run picks them up). Returns the new text.
std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, FixSelection selection);

}  // namespace miglint
