#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostic.hpp"
#include "linter/source_file.hpp"

namespace miglint {

/// Which fixes to apply.
enum class FixSelection { safe_only, include_unsafe };

/// The edits of the fixes that would be applied: each diagnostic's fix when `selection` allows it
/// and none of its edits overlaps an edit already chosen (the next run picks those up). Sorted by
/// position.
std::vector<Edit> chosen_edits(const std::vector<Diagnostic>& diagnostics, FixSelection selection);

/// How many diagnostics chosen_edits() takes a fix from.
size_t fixed_count(const std::vector<Diagnostic>& diagnostics, FixSelection selection);

/// `text` with `edits` (sorted, non-overlapping) applied.
std::string apply_edits(std::string_view text, const std::vector<Edit>& edits);

/// Applies the fixes of `diagnostics` to `text` (see chosen_edits()). Returns the new text.
std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, FixSelection selection);

/// A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context) of what `edits`
/// (sorted, non-overlapping) change in `file`; empty when they change nothing.
std::string unified_diff(const SourceFile& file, const std::vector<Edit>& edits);

}  // namespace miglint
