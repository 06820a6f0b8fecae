#include "linter/fix.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace miglint {

namespace {

bool overlaps(const Edit& a, const Edit& b) { return a.range.begin < b.range.end && b.range.begin < a.range.end; }

// Keeps the diagnostics whose fix chosen_edits() takes, calling `take` for each.
template <class Take>
void choose(const std::vector<Diagnostic>& diagnostics, FixSelection selection, Take take) {
  std::vector<Edit> chosen;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix || (d.fix->safety == FixSafety::unsafe && selection == FixSelection::safe_only)) {
      continue;
    }
    const bool clashes = std::any_of(d.fix->edits.begin(), d.fix->edits.end(), [&](const Edit& e) {
      return std::any_of(chosen.begin(), chosen.end(), [&](const Edit& c) { return overlaps(e, c); });
    });
    if (clashes) continue;
    chosen.insert(chosen.end(), d.fix->edits.begin(), d.fix->edits.end());
    take(d);
  }
}

// The lines `[first, last]` (1-based) of a text as one string, terminators included.
std::string_view lines_of(const SourceFile& file, uint32_t first, uint32_t last) {
  const uint32_t begin = file.lines().line_range(first).begin;
  const uint32_t end = last < file.lines().line_count() ? file.lines().line_range(last + 1).begin
                                                         : static_cast<uint32_t>(file.text().size());
  return file.text().substr(begin, end - begin);
}

// Splits text into lines, each keeping its terminator.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t newline = text.find('\n', start);
    const size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

void append_lines(std::string& out, char mark, const std::vector<std::string_view>& lines) {
  for (const std::string_view line : lines) {
    out += mark;
    out += line;
    if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
  }
}

}  // namespace

std::vector<Edit> chosen_edits(const std::vector<Diagnostic>& diagnostics, FixSelection selection) {
  std::vector<Edit> edits;
  choose(diagnostics, selection, [&](const Diagnostic& d) { edits.insert(edits.end(), d.fix->edits.begin(), d.fix->edits.end()); });
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.range.begin < b.range.begin; });
  return edits;
}

size_t fixed_count(const std::vector<Diagnostic>& diagnostics, FixSelection selection) {
  size_t count = 0;
  choose(diagnostics, selection, [&](const Diagnostic&) { ++count; });
  return count;
}

std::string apply_edits(std::string_view text, const std::vector<Edit>& edits) {
  std::string out;
  uint32_t at = 0;
  for (const Edit& edit : edits) {
    out += text.substr(at, edit.range.begin - at);
    out += edit.replacement;
    at = edit.range.end;
  }
  out += text.substr(at);
  return out;
}

std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, FixSelection selection) {
  return apply_edits(text, chosen_edits(diagnostics, selection));
}

std::string unified_diff(const SourceFile& file, const std::vector<Edit>& edits) {
  constexpr uint32_t kContext = 3;
  const uint32_t line_count = std::max<uint32_t>(file.lines().line_count(), 1);
  std::string hunks;
  int32_t shift = 0;  // new line number minus old line number, after the hunks so far
  for (size_t i = 0; i < edits.size();) {
    // A hunk: the edits whose context windows touch, with the lines around them.
    const uint32_t first = std::max<uint32_t>(file.position(edits[i].range.begin).line, kContext + 1) - kContext;
    uint32_t last = std::min(file.position(edits[i].range.end).line + kContext, line_count);
    size_t j = i + 1;
    while (j < edits.size() && file.position(edits[j].range.begin).line <= last + kContext) {
      last = std::min(file.position(edits[j].range.end).line + kContext, line_count);
      ++j;
    }
    const std::string_view old_text = lines_of(file, first, last);
    const uint32_t region_begin = file.lines().line_range(first).begin;
    std::vector<Edit> local;
    for (size_t k = i; k < j; ++k) {
      local.push_back({{edits[k].range.begin - region_begin, edits[k].range.end - region_begin}, edits[k].replacement});
    }
    const std::string new_text = apply_edits(old_text, local);
    i = j;
    if (new_text == old_text) continue;
    const std::vector<std::string_view> old_lines = split_lines(old_text);
    const std::vector<std::string_view> new_lines = split_lines(new_text);
    // Trim the context that is the same on both sides.
    size_t head = 0;
    while (head < old_lines.size() && head < new_lines.size() && old_lines[head] == new_lines[head] && head < kContext) ++head;
    size_t tail = 0;
    while (tail < old_lines.size() - head && tail < new_lines.size() - head &&
           old_lines[old_lines.size() - 1 - tail] == new_lines[new_lines.size() - 1 - tail] && tail < kContext) {
      ++tail;
    }
    const std::vector<std::string_view> context_before(old_lines.begin(), old_lines.begin() + static_cast<std::ptrdiff_t>(head));
    const std::vector<std::string_view> removed(old_lines.begin() + static_cast<std::ptrdiff_t>(head),
                                                old_lines.end() - static_cast<std::ptrdiff_t>(tail));
    const std::vector<std::string_view> added(new_lines.begin() + static_cast<std::ptrdiff_t>(head),
                                              new_lines.end() - static_cast<std::ptrdiff_t>(tail));
    const std::vector<std::string_view> context_after(old_lines.end() - static_cast<std::ptrdiff_t>(tail), old_lines.end());
    const size_t old_size = head + removed.size() + tail;
    const size_t new_size = head + added.size() + tail;
    hunks += fmt::format("@@ -{},{} +{},{} @@\n", first, old_size, static_cast<int64_t>(first) + shift, new_size);
    append_lines(hunks, ' ', context_before);
    append_lines(hunks, '-', removed);
    append_lines(hunks, '+', added);
    append_lines(hunks, ' ', context_after);
    shift += static_cast<int32_t>(new_size) - static_cast<int32_t>(old_size);
  }
  if (hunks.empty()) return {};
  return fmt::format("--- a/{0}\n+++ b/{0}\n{1}", file.path(), hunks);
}

}  // namespace miglint
