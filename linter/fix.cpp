#include "linter/fix.hpp"

#include <algorithm>

namespace miglint {

std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, FixSelection selection) {
  std::vector<Edit> chosen;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix || (d.fix->safety == FixSafety::unsafe && selection == FixSelection::safe_only)) {
      continue;
    }
    const bool overlaps = std::any_of(d.fix->edits.begin(), d.fix->edits.end(), [&](const Edit& e) {
      return std::any_of(chosen.begin(), chosen.end(), [&](const Edit& c) {
        return e.range.begin < c.range.end && c.range.begin < e.range.end;
      });
    });
    if (!overlaps) {
      chosen.insert(chosen.end(), d.fix->edits.begin(), d.fix->edits.end());
    }
  }
  std::sort(chosen.begin(), chosen.end(), [](const Edit& a, const Edit& b) { return a.range.begin > b.range.begin; });
  std::string out(text);
  for (const Edit& edit : chosen) {
    out.replace(edit.range.begin, edit.range.end - edit.range.begin, edit.replacement);
  }
  return out;
}

}  // namespace miglint
