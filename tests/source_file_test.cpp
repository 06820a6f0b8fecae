#include <gtest/gtest.h>

#include "linter/source_file.hpp"

namespace miglint {
namespace {

Position pos(const SourceFile& file, std::string_view needle) {
  const auto at = file.text().find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return file.position(static_cast<uint32_t>(at));
}

TEST(LineIndex, LfCrlfAndCrAllEndLines) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const SourceFile file("a.sql", "SELECT 1;" + eol + "  SELECT 2;" + eol + eol + "SELECT 3;");
    EXPECT_EQ(pos(file, "SELECT 2").line, 2U) << "eol " << eol.size();
    EXPECT_EQ(pos(file, "SELECT 2").column, 3U);
    EXPECT_EQ(pos(file, "SELECT 3").line, 4U);
    EXPECT_EQ(pos(file, "SELECT 3").column, 1U);
    EXPECT_EQ(file.slice(file.lines().line_range(2)), "  SELECT 2;");
  }
}

TEST(LineIndex, ColumnsCountCodePointsNotBytes) {
  const SourceFile file("a.sql", "SELECT 'é日本' FROM t;");
  EXPECT_EQ(pos(file, "FROM").column, 14U);  // 'é' is 2 bytes, each CJK character 3
}

TEST(LineIndex, ByteOrderMarkIsNotAColumn) {
  const SourceFile file("a.sql", "\xEF\xBB\xBFSELECT 1;\nSELECT 2;");
  EXPECT_EQ(file.position(3).line, 1U);
  EXPECT_EQ(file.position(3).column, 1U);
  EXPECT_EQ(pos(file, "SELECT 2").column, 1U);
}

TEST(LineIndex, OffsetsPastTheEndClamp) {
  const SourceFile file("a.sql", "ab\ncd");
  EXPECT_EQ(file.position(1000).line, 2U);
  EXPECT_EQ(file.position(1000).column, 3U);
  const SourceFile empty("e.sql", "");
  EXPECT_EQ(empty.position(0).line, 1U);
  EXPECT_EQ(empty.position(0).column, 1U);
}

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_FALSE(first_invalid_utf8("plain ascii é 日本 😀").has_value());
  EXPECT_EQ(first_invalid_utf8("ab\xFF" "cd"), 2U);
  EXPECT_EQ(first_invalid_utf8("ab\xC3"), 2U);                // truncated sequence
  EXPECT_EQ(first_invalid_utf8("a\xC0\xAF"), 1U);             // overlong
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1U);         // surrogate
  EXPECT_EQ(first_invalid_utf8("a\xF4\x90\x80\x80"), 1U);     // beyond U+10FFFF
}

TEST(Utf8, CharPositionToOffset) {
  EXPECT_EQ(char_position_to_offset("SELECT 'é' FROM", 1), 0U);
  EXPECT_EQ(char_position_to_offset("SELECT 'é' FROM", 12), 12U);  // F: 11 chars before it, 12 bytes
  EXPECT_EQ(char_position_to_offset("ab", 99), 2U);
}

}  // namespace
}  // namespace miglint
