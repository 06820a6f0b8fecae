#include "linter/source_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "linter/error.hpp"

namespace miglint {

namespace {

bool is_continuation_byte(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

uint32_t count_code_points(std::string_view text) {
  return static_cast<uint32_t>(
      std::count_if(text.begin(), text.end(),
                    [](char c) { return !is_continuation_byte(static_cast<unsigned char>(c)); }));
}

}  // namespace

uint32_t bom_length(std::string_view text) { return text.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(bom_length(text));
  const auto size = static_cast<uint32_t>(text.size());
  for (uint32_t i = 0; i < size; ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < size && text[i + 1] == '\n') {
        ++i;
      }
      line_starts_.push_back(i + 1);
    }
  }
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<uint32_t>(next - line_starts_.begin());  // >= 1
  const uint32_t start = std::min(line_starts_[line - 1], offset);
  return {line, count_code_points(text_.substr(start, offset - start)) + 1};
}

TextRange LineIndex::line_range(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) {
    return {};
  }
  const uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) {
    --end;
  }
  return {begin, end};
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)), lines_(text_) {}

std::string_view SourceFile::slice(TextRange range) const {
  const auto size = static_cast<uint32_t>(text_.size());
  const uint32_t begin = std::min(range.begin, size);
  const uint32_t end = std::clamp(range.end, begin, size);
  return std::string_view(text_).substr(begin, end - begin);
}

std::optional<uint32_t> first_invalid_utf8(std::string_view text) {
  const auto size = text.size();
  size_t i = 0;
  while (i < size) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      // Reject overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF).
      if (lead == 0xE0) min_second = 0xA0;
      if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;
      if (lead == 0xF4) max_second = 0x8F;
    } else {
      return static_cast<uint32_t>(i);
    }
    if (i + length > size) {
      return static_cast<uint32_t>(i);
    }
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < min_second || second > max_second) {
      return static_cast<uint32_t>(i);
    }
    for (size_t k = 2; k < length; ++k) {
      if (!is_continuation_byte(static_cast<unsigned char>(text[i + k]))) {
        return static_cast<uint32_t>(i);
      }
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<uint32_t> first_nul_byte(std::string_view text) {
  const auto at = text.find('\0');
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(at);
}

uint32_t char_position_to_offset(std::string_view text, int char_position) {
  int chars_left = char_position - 1;
  uint32_t offset = 0;
  const auto size = static_cast<uint32_t>(text.size());
  while (offset < size && chars_left > 0) {
    ++offset;
    while (offset < size && is_continuation_byte(static_cast<unsigned char>(text[offset]))) {
      ++offset;
    }
    --chars_left;
  }
  return offset;
}

std::unique_ptr<SourceFile> read_source_file(const std::string& path) {
  // Plain POSIX reads, so every failure (EACCES, EISDIR, EIO) surfaces with its errno.
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    throw Error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw Error(fmt::format("cannot read {}: not a regular file (a FIFO, socket or device)", path));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      throw Error(fmt::format("cannot read {}: {}", path, std::strerror(saved)));
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return std::make_unique<SourceFile>(path, std::move(text));
}

}  // namespace miglint
