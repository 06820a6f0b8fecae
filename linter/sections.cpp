#include "linter/sections.hpp"

#include <array>

namespace miglint {

namespace {

std::string_view trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

// Runners match these markers line by line, so miglint does too.
bool is_down_marker(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("--")) {
    return false;
  }
  line = trim(line.substr(2));
  constexpr std::array<std::string_view, 3> kMarkers{"+goose Down", "migrate:down", "Down Migration"};
  for (const std::string_view marker : kMarkers) {
    if (line.starts_with(marker)) {
      return true;
    }
  }
  return false;
}

}  // namespace

TextRange up_section(std::string_view text) {
  const auto size = static_cast<uint32_t>(text.size());
  uint32_t line_begin = 0;
  while (line_begin < size) {
    uint32_t line_end = line_begin;
    while (line_end < size && text[line_end] != '\n' && text[line_end] != '\r') ++line_end;
    if (is_down_marker(text.substr(line_begin, line_end - line_begin))) {
      return {0, line_begin};
    }
    line_begin = line_end + 1;
  }
  return {0, size};
}

}  // namespace miglint
