// miglint.toml: any bytes give a Config or an Error naming the line, never a crash.
#include <string_view>

#include "linter/config.hpp"
#include "linter/error.hpp"
#include "rules/builtin_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)miglint::parse_config(text, "miglint.toml", miglint::builtin_rules());
  } catch (const miglint::Error&) {
  }
  (void)miglint::parse_pg_version(text);
  return 0;
}
