#pragma once

#include <string_view>

namespace miglint {

/// What a runner may sort a migration by.
struct RunKey {
  /// The version as the layout reads it from the name (diesel's without dashes).
  std::string_view version;
  /// The up file's path relative to the set's root (for diesel and Prisma it starts with the
  /// migration's folder).
  std::string_view file;
  /// Flyway repeatable migrations run after every versioned one.
  bool repeatable = false;
};

/// One runner's ordering: true when `a` runs before `b`. Each is the runner's own rule, cited in
/// run_order.cpp; equal keys keep the order of the listing.
using RunOrder = bool (*)(const RunKey& a, const RunKey& b);

/// golang-migrate and goose: versions parsed as integers (uint64, int64), in numeric order.
bool numeric_version_order(const RunKey& a, const RunKey& b);
/// Flyway: versions split at dots, each part compared as a number, missing parts as zero (`1.1`
/// = `1.1.0` < `1.10`); repeatable migrations after all versioned ones, by description.
bool flyway_order(const RunKey& a, const RunKey& b);
/// dbmate: file names in byte order.
bool file_name_order(const RunKey& a, const RunKey& b);
/// diesel, Atlas: version strings in byte order (diesel: the folder prefix with `-` removed, so
/// `20140924113530` < `20170831230457` < `20170925000000` whatever the style).
bool version_string_order(const RunKey& a, const RunKey& b);
/// Prisma Migrate: migration folder names in byte order.
bool folder_name_order(const RunKey& a, const RunKey& b);
/// node-pg-migrate: the numeric value of the prefix before the first `_` (a 17-digit prefix is a
/// UTC date and time with milliseconds, converted to epoch milliseconds like a 13-digit one),
/// then the names compared with numbers as numbers and punctuation ignored.
bool node_pg_migrate_order(const RunKey& a, const RunKey& b);
/// sqitch: the plan's order; nothing is re-sorted.
bool plan_order(const RunKey& a, const RunKey& b);
/// No runner known: file paths with digit runs compared as numbers.
bool natural_order(const RunKey& a, const RunKey& b);

}  // namespace miglint
