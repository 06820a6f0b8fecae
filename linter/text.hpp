#pragma once

#include <string>
#include <string_view>

namespace miglint {

/// `text` without the spaces, tabs and carriage returns at either end.
inline std::string trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r") - first + 1));
}

}  // namespace miglint
