#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "linter/source_file.hpp"
#include "validator/snapshot.hpp"

namespace miglint::validate {

/// The DDL Prisma Migrate would create for a `schema.prisma` (PostgreSQL provider): enums,
/// tables with their columns (scalar types, `@db.*` native types, lists, optional fields,
/// `@default` with autoincrement/now/dbgenerated/literals, `@map`/`@@map`), primary keys (`@id`,
/// `@@id`), unique constraints and indexes (`@unique`, `@@unique`, `@@index`), and foreign keys
/// from `@relation` with their referential actions, named as Prisma names them; a `view` block
/// becomes a view with its columns and types only (Prisma Migrate writes no view, so the model
/// knows no query).
struct PrismaDdl {
  /// The SQL, one statement per line group.
  std::string sql;
  /// Empty on success; otherwise what could not be read...
  std::string error;
  /// ...and where: byte offset...
  uint32_t error_offset = 0;
  /// ...in which of the schema's files.
  size_t error_file = 0;
  /// Where each object of the DDL is described, by its snapshot key (`column public.User.email`
  /// at the field, `table public.User` and its key and `@@index`es at the model, a foreign key at
  /// its relation field, an enum at its block): where a drift finding belongs.
  std::map<std::string, ModelLocation> locations;
};

/// Translates a Prisma schema to PostgreSQL DDL: one schema.prisma, or every file of a
/// multi-file schema (a relation may name a model of another file). Datasource `extensions` are
/// created; `Unsupported("...")` fields get their written type; `@@index` keeps `type:`, `ops:`
/// and `sort:`.
PrismaDdl prisma_to_ddl(const std::vector<std::string_view>& files);

/// Whether a Prisma schema can express the object `key` of a snapshot, whose definition in the
/// migrated schema is `definition`: tables, columns, keys, unique and foreign-key constraints,
/// plain indexes, enums and extensions can be; functions, triggers, policies, views it does not
/// declare, sequences of
/// their own, domains, comments, CHECK constraints, row level security and partial or expression
/// indexes cannot.
bool prisma_describes(const std::string& key, const std::string& definition);

}  // namespace miglint::validate
