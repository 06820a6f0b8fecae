#pragma once

#include <optional>

#include "linter/source_file.hpp"
#include "validator/executor.hpp"
#include "validator/server.hpp"
#include "validator/snapshot.hpp"

namespace miglint::validate {

/// What loading one model gave: its schema, or where and why it could not be loaded.
struct ModelLoad {
  /// Why the model could not be loaded (offset into the model file).
  std::optional<ScriptFailure> failure;
  /// The schema it describes.
  std::optional<Snapshot> expected;
  /// False for a model that describes an enum as a set of labels (Prisma: a new value is
  /// appended with ALTER TYPE ... ADD VALUE, and no order is promised).
  bool enum_order_matters = true;
};

/// Reads a model: a miglint snapshot (.json) directly; a schema.prisma translated to the DDL
/// Prisma Migrate would run; any other file as SQL (pg_dump output included). SQL is loaded into
/// a scratch database of `server` and read back, so the server normalises it exactly like the
/// migrated schema. Thread-safe.
ModelLoad load_model(Server& server, const SourceFile& file, Strictness strictness);

}  // namespace miglint::validate
