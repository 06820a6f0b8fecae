#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

/// A half-open byte range `[begin, end)` into a file's text.
struct TextRange {
  /// First byte of the range.
  uint32_t begin = 0;
  /// One past the last byte of the range.
  uint32_t end = 0;

  /// True when `offset` lies inside the range.
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  /// Ranges compare by position, so they can be used as sort keys.
  auto operator<=>(const TextRange&) const = default;
};

/// A 1-based line and column; columns count Unicode code points, not bytes.
struct Position {
  /// 1-based line number.
  uint32_t line = 1;
  /// 1-based column, in code points from the start of the line.
  uint32_t column = 1;
};

/// Maps byte offsets to lines and columns. `\n`, `\r\n` and a lone `\r` all end a line, and
/// a UTF-8 byte order mark at the start of the file does not count as a column.
class LineIndex {
 public:
  /// Indexes `text`, which must outlive the index.
  explicit LineIndex(std::string_view text);

  /// The 1-based line and column of the byte at `offset` (clamped to the text's end).
  Position position(uint32_t offset) const;
  /// The byte range of 1-based `line`, without its line terminator.
  TextRange line_range(uint32_t line) const;
  /// The number of lines (a file without a final newline still counts its last line).
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string_view text_;
  std::vector<uint32_t> line_starts_;
};

/// One input file: its display path and full text, plus the line index over that text.
class SourceFile {
 public:
  /// Takes ownership of `text`; `path` is how the file is named in every report.
  SourceFile(std::string path, std::string text);
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  /// The path as given by the user (or `--stdin-filename`).
  const std::string& path() const { return path_; }
  /// The complete, unmodified text.
  std::string_view text() const { return text_; }
  /// The text of `range`.
  std::string_view slice(TextRange range) const;
  /// Line and column of a byte offset.
  Position position(uint32_t offset) const { return lines_.position(offset); }
  /// The line index of this file.
  const LineIndex& lines() const { return lines_; }

 private:
  std::string path_;
  std::string text_;
  LineIndex lines_;
};

/// Length of the UTF-8 byte order mark at the start of `text` (0 or 3).
uint32_t bom_length(std::string_view text);

/// Offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<uint32_t> first_invalid_utf8(std::string_view text);

/// Offset of the first NUL byte, if any (binary files, and text libpg_query cannot read).
std::optional<uint32_t> first_nul_byte(std::string_view text);

/// Converts a 1-based character position inside `text` (PostgreSQL's cursorpos) to a byte
/// offset. Positions past the end map to the end.
uint32_t char_position_to_offset(std::string_view text, int char_position);

/// Reads a file into a SourceFile displayed as `path`; throws Error when it cannot be read.
std::unique_ptr<SourceFile> read_source_file(const std::string& path);

}  // namespace miglint
