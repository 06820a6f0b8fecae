#include "linter/sections.hpp"

#include <array>
#include <cctype>

namespace miglint {

namespace {

std::string_view trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Calls `visit(line_begin, comment_body)` for each line that is a `--` comment, where the body is
// the text after the dashes, trimmed. Stops when `visit` returns true.
template <class Visit>
void for_each_comment_line(std::string_view text, Visit visit) {
  const auto size = static_cast<uint32_t>(text.size());
  uint32_t line_begin = bom_length(text);
  while (line_begin < size) {
    uint32_t line_end = line_begin;
    while (line_end < size && text[line_end] != '\n' && text[line_end] != '\r') ++line_end;
    const std::string_view line = trim(text.substr(line_begin, line_end - line_begin));
    if (line.starts_with("--") && visit(line_begin, trim(line.substr(2)))) {
      return;
    }
    line_begin = line_end + 1;
  }
}

constexpr std::array<std::string_view, 3> kDownMarkers{"+goose Down", "migrate:down", "Down Migration"};

}  // namespace

Sections split_sections(std::string_view text) {
  const auto size = static_cast<uint32_t>(text.size());
  Sections sections{{0, size}, std::nullopt};
  for_each_comment_line(text, [&](uint32_t line_begin, std::string_view body) {
    for (const std::string_view marker : kDownMarkers) {
      if (starts_with_ignoring_case(body, marker)) {
        sections.up = {0, line_begin};
        sections.down = TextRange{line_begin, size};
        return true;
      }
    }
    return false;
  });
  return sections;
}

TextRange up_section(std::string_view text) { return split_sections(text).up; }

std::optional<std::string_view> marker_line_rest(std::string_view text, std::string_view marker) {
  std::optional<std::string_view> rest;
  for_each_comment_line(text, [&](uint32_t /*line_begin*/, std::string_view body) {
    if (starts_with_ignoring_case(body, marker)) {
      rest = body.substr(marker.size());
      return true;
    }
    return false;
  });
  return rest;
}

bool has_marker_line(std::string_view text, std::string_view marker) { return marker_line_rest(text, marker).has_value(); }

}  // namespace miglint
