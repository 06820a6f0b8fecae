#pragma once

#include <string>
#include <string_view>

namespace miglint {

/// Hex SHA-256 of `text` (OpenSSL).
std::string sha256_hex(std::string_view text);

}  // namespace miglint
