// The Prisma schema reader: any bytes give DDL or an error, never a crash.
#include <string_view>

#include "linter/error.hpp"
#include "validator/prisma.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)miglint::validate::prisma_to_ddl({std::string_view(reinterpret_cast<const char*>(data), size)});
  } catch (const miglint::Error&) {
  }
  return 0;
}
