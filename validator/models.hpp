#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/source_file.hpp"
#include "validator/executor.hpp"
#include "validator/server.hpp"
#include "validator/snapshot.hpp"

namespace miglint::validate {

/// Whether a model's language can express the object `key` of a snapshot (whose definition in the
/// migrated schema is `definition`).
using Describes = bool (*)(const std::string& key, const std::string& definition);

/// One way a model differs from the migrated database, where the model says it.
struct ModelDifference {
  /// Byte offset in the model file (the stale line).
  uint32_t offset = 0;
  /// What differs.
  std::string message;
};

/// What loading one model gave: its schema, or where and why it could not be loaded.
struct ModelLoad {
  /// Why the model could not be loaded (offset into the model file).
  std::optional<ScriptFailure> failure;
  /// The schema it describes.
  std::optional<Snapshot> expected;
  /// Which of the model's files `failure` is in.
  size_t failure_file = 0;
  /// False for a model that describes an enum as a set of labels (Prisma: a new value is
  /// appended with ALTER TYPE ... ADD VALUE, and no order is promised).
  bool enum_order_matters = true;
  /// What the model's language can express; null when it can express everything (SQL, snapshots).
  Describes describes = nullptr;
  /// False for a model whose views name their columns but not their query (Prisma's `view`):
  /// the migrated view's query is taken as the model's, and columns the model leaves out of a
  /// view are not drift (the application just does not read them).
  bool view_queries_known = true;
  /// Where the model describes each object, by snapshot key (Prisma); a drift finding goes
  /// there, or to the model's line for the relation it belongs to, or to the top of the first file.
  std::map<std::string, ModelLocation> locations;
  /// The model's language as messages name it ("Prisma schema").
  std::string language = "model";
  /// For a model compared on what a tool prints from the migrated database rather than on a
  /// snapshot (diesel's schema.rs): its differences from that database. Set instead of `expected`.
  std::function<std::vector<ModelDifference>(PGconn* migrated)> compare_live;
  /// How to bring such a model up to date (the help of its drift findings).
  std::string regenerate;
};

/// The --models arguments grouped into models: every .prisma file and every folder (its .prisma
/// files, recursively, as Prisma reads a multi-file schema) together form one Prisma schema,
/// since a project has one; every other file is a model of its own. Throws Error for a folder
/// without .prisma files.
std::vector<std::vector<std::filesystem::path>> model_groups(const std::vector<std::filesystem::path>& models);

/// Reads a model: a miglint snapshot (.json) directly; a drizzle-kit snapshot or a Prisma schema
/// (one or more .prisma files) translated to the DDL their tools would run; a diesel schema.rs
/// (any .rs) read for a comparison with what `diesel print-schema` prints; any other file as SQL
/// (pg_dump output included). SQL is loaded into a scratch database of `server` and read back, so the server
/// normalises it exactly like the migrated schema. Thread-safe.
/// `stubs` stand in for extensions the server lacks, as in the migrations.
ModelLoad load_model(Server& server, const std::vector<const SourceFile*>& files, Strictness strictness,
                     const std::vector<const ExtensionStandIn*>& stubs = {});

/// Creates the stand-ins of `stubs` in `database` (see ExtensionStandIn), as the server's
/// administrative role. Throws Error when that role may not.
void create_stand_ins(Server& server, const std::string& database, const std::vector<const ExtensionStandIn*>& stubs);

/// For a model whose views have no query: gives each view of `expected` the query `actual` has,
/// and removes from `actual` the columns of those views that `expected` lacks, returning their
/// keys.
std::vector<std::string> adopt_view_queries(Snapshot& expected, Snapshot& actual);

/// Where a model describes the object `key` (see ModelLoad::locations): its own location, else
/// that of the table or view it belongs to (definitions from `expected`, else `actual`), else the
/// top of the model's first file.
ModelLocation location_in_model(const std::map<std::string, ModelLocation>& locations, const std::string& key,
                                const Snapshot& expected, const Snapshot& actual);

/// Removes from `actual` what `expected` lacks and `describes` says the model cannot express, and
/// returns their keys; the parts of such an object (a view's columns, an index on it) go with it
/// unnamed. Row level security on a table the model has is removed the same way
/// (`row level security on public.t`).
std::vector<std::string> take_undescribed(Snapshot& actual, const Snapshot& expected, Describes describes);

}  // namespace miglint::validate
