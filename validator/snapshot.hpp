#pragma once

#include <libpq-fe.h>

#include <map>
#include <string>
#include <vector>

namespace miglint::validate {

/// How strictly two schemas are compared.
enum class Strictness {
  /// Ignore column order, extension versions, and the names of constraints and indexes whose
  /// definitions match (auto-generated names differ between PostgreSQL versions and histories):
  /// the usual false drifts.
  normal,
  /// Also compare column order, extension versions, owners and grants.
  all,
};

/// A schema read from pg_catalog: object key (`table public.users`, `column public.users.email`,
/// `index public.users_pkey`, ...) to its definition, as the server's own deparsers print it.
/// System schemas and objects that belong to extensions are left out.
using Snapshot = std::map<std::string, std::string>;

/// Where a model describes the object of a snapshot key: one of the model's files and a byte
/// offset in it (a model block's header, a field's line).
struct ModelLocation {
  /// Which of the model's files.
  size_t file = 0;
  /// Byte offset in that file.
  uint32_t offset = 0;
};

/// Reads the whole schema of the connected database.
Snapshot take_snapshot(PGconn* conn, Strictness strictness);

/// `snapshot` with the labels of every enum sorted: for comparing enums as sets of labels.
Snapshot with_enum_labels_sorted(Snapshot snapshot);

/// A cheap hash of the same schema, computed by the server; equal schemas give equal hashes.
std::string schema_fingerprint(PGconn* conn, Strictness strictness);

/// The fingerprint a snapshot would have, computed locally (same format as the server's).
std::string fingerprint_of(const Snapshot& snapshot);

/// The keys of every object that differs between the two snapshots, in order.
std::vector<std::string> differing_keys(const Snapshot& expected, const Snapshot& actual, Strictness strictness);

/// One line describing how `key` differs.
std::string describe_difference(const std::string& key, const Snapshot& expected, const Snapshot& actual);

/// One line per difference: `table public.orders: exists now, did not before`, ...
std::vector<std::string> describe_differences(const Snapshot& expected, const Snapshot& actual, Strictness strictness);

}  // namespace miglint::validate
