#pragma once

#include <string>
#include <string_view>

#include "linter/source_file.hpp"

namespace miglint::validate {

/// The DDL Prisma Migrate would create for a `schema.prisma` (PostgreSQL provider): enums,
/// tables with their columns (scalar types, `@db.*` native types, lists, optional fields,
/// `@default` with autoincrement/now/dbgenerated/literals, `@map`/`@@map`), primary keys (`@id`,
/// `@@id`), unique constraints and indexes (`@unique`, `@@unique`, `@@index`), and foreign keys
/// from `@relation` with their referential actions, named as Prisma names them.
struct PrismaDdl {
  /// The SQL, one statement per line group.
  std::string sql;
  /// Empty on success; otherwise what could not be read...
  std::string error;
  /// ...and where (byte offset in the schema file).
  uint32_t error_offset = 0;
};

/// Translates a schema.prisma to PostgreSQL DDL.
PrismaDdl prisma_to_ddl(std::string_view schema);

}  // namespace miglint::validate
