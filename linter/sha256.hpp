#pragma once

#include <string>
#include <string_view>

namespace miglint {

/// Lowercase hex SHA-256 of `text` (libmd).
std::string sha256_hex(std::string_view text);

}  // namespace miglint
