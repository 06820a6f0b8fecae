#include "linter/migration_set.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "linter/error.hpp"
#include "linter/listing.hpp"
#include "linter/sections.hpp"

namespace miglint {

namespace fs = std::filesystem;

std::string_view to_string(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::wrapped: return "transaction";
    case TransactionMode::wrapped_each_statement: return "transaction-each-statement";
    case TransactionMode::implicit_when_multi_statement: return "implicit";
    case TransactionMode::none: return "none";
    case TransactionMode::flyway_auto: return "flyway-auto";
    case TransactionMode::unknown: return "unknown";
  }
  return "unknown";
}

std::string canonical_version(std::string_view version) {
  std::string out;
  size_t i = 0;
  while (i < version.size()) {
    if (!std::isdigit(static_cast<unsigned char>(version[i]))) {
      out += version[i++];
      continue;
    }
    size_t end = i;
    while (end < version.size() && std::isdigit(static_cast<unsigned char>(version[end]))) ++end;
    std::string_view digits = version.substr(i, end - i);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    out += digits;
    i = end;
  }
  while (out.size() > 2 && out.ends_with(".0")) out.resize(out.size() - 2);
  return out;
}

std::string version_key(LayoutId layout, std::string_view version) {
  return layout_info(layout).numeric_versions ? canonical_version(version) : std::string(version);
}

std::string recorded_key(LayoutId layout, const Migration& migration) {
  if (!layout_info(layout).records_by_name) return version_key(layout, migration.version);
  return migration.name.empty() ? migration.version : migration.version + "_" + migration.name;
}

namespace {

// When a directory holds its migrations deeper down (a repository checkout, say), the folder the
// runner reads is the deepest one that contains every SQL file; a Prisma or diesel migration
// folder stands for its parent.
std::optional<fs::path> nested_migrations_folder(const Listing& listing) {
  const bool top_level_content = listing.has_file("sqitch.plan") ||
                                 std::any_of(listing.files().begin(), listing.files().end(),
                                             [](const std::string& f) { return at_top_level(f) && is_sql(f); });
  if (top_level_content) return std::nullopt;
  std::optional<fs::path> common;
  for (const std::string& relative : listing.files()) {
    if (!is_sql(relative)) continue;
    const fs::path parent = fs::path(relative).parent_path();
    if (!common) {
      common = parent;
      continue;
    }
    fs::path shared;
    for (auto a = common->begin(), b = parent.begin(); a != common->end() && b != parent.end() && *a == *b; ++a, ++b) {
      shared /= *a;
    }
    common = shared;
  }
  if (!common || common->empty()) return std::nullopt;
  const std::string folder = common->generic_string();
  if (listing.has_file(folder + "/migration.sql") || listing.has_file(folder + "/up.sql")) {
    common = common->parent_path();
  }
  return common->empty() ? std::nullopt : common;
}

}  // namespace

std::string relative_path(const std::string& root, const std::string& path) {
  return root.empty() ? path : fs::path(path).lexically_relative(fs::path(root).lexically_normal()).generic_string();
}

void sort_in_run_order(MigrationSet& set) {
  const RunOrder order = layout_info(set.layout).order;
  std::vector<std::pair<Migration, std::string>> keyed;
  for (Migration& m : set.migrations) {
    const std::optional<Script>& script = m.up ? m.up : m.down;
    std::string relative = script ? relative_path(set.root, set.files[script->file]->path()) : std::string();
    keyed.emplace_back(std::move(m), std::move(relative));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    return order({a.first.version, a.second, a.first.repeatable}, {b.first.version, b.second, b.first.repeatable});
  });
  set.migrations.clear();
  for (auto& [migration, relative] : keyed) set.migrations.push_back(std::move(migration));
}

MigrationSet load_migration_directory(const std::string& given_root, const ExcludeFilter& filter,
                                      std::optional<LayoutId> forced_layout) {
  std::string root = given_root;
  std::optional<Listing> listing(std::in_place, root, filter);
  if (const std::optional<fs::path> nested = nested_migrations_folder(*listing)) {
    root = (fs::path(given_root) / *nested).lexically_normal().string();
    listing.emplace(root, filter);
  }
  const Detection detection = forced_layout ? Detection{*forced_layout, true, {}} : detect_layout(*listing);
  const LayoutInfo& layout = layout_info(detection.layout);
  MigrationSet set = layout.load(*listing);
  set.layout_certain = detection.certain;
  set.layout_reason = detection.reason;
  sort_in_run_order(set);
  if (set.migrations.empty()) {
    throw Error(fmt::format("no migrations found in directory {} (layout {})", root, layout.name));
  }
  return set;
}

MigrationSet load_migration_files(const std::string& root, const std::vector<std::pair<std::string, std::string>>& files,
                                  LayoutId layout) {
  const Listing listing(root, files);
  MigrationSet set = layout_info(layout).load(listing);
  set.layout_certain = true;
  sort_in_run_order(set);
  return set;
}

MigrationSet load_loose_files(std::vector<std::unique_ptr<SourceFile>> files) {
  MigrationSet set;
  set.layout = LayoutId::files;
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return migration_order_less(fs::path(a->path()).filename().string(), fs::path(b->path()).filename().string());
  });
  for (std::unique_ptr<SourceFile>& file : files) {
    const size_t index = set.files.size();
    const Sections sections = split_sections(file->text());
    Migration migration{"", fs::path(file->path()).stem().string(), Script{index, sections.up}, std::nullopt,
                        TransactionMode::unknown, false};
    if (sections.down) migration.down = Script{index, *sections.down};
    set.files.push_back(std::move(file));
    set.migrations.push_back(std::move(migration));
  }
  return set;
}

}  // namespace miglint
