#include "linter/migration_set.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "linter/engine.hpp"
#include "linter/error.hpp"
#include "linter/sections.hpp"

namespace miglint {

namespace fs = std::filesystem;

std::string_view to_string(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::wrapped: return "transaction";
    case TransactionMode::implicit_when_multi_statement: return "implicit";
    case TransactionMode::none: return "none";
    case TransactionMode::flyway_auto: return "flyway-auto";
    case TransactionMode::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

// What a directory holds: every file (relative, generic form), and the SQL text of every .sql
// file, read once.
struct Listing {
  fs::path root;
  std::vector<std::string> files;
  std::vector<std::string> directories;

  bool has_file(const std::string& relative) const {
    return std::find(files.begin(), files.end(), relative) != files.end();
  }
};

Listing list_directory(const fs::path& root, const ExcludeFilter& filter) {
  Listing listing{root, {}, {}};
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    throw Error(fmt::format("cannot read directory {}: {}", root.string(), ec.message()));
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      throw Error(fmt::format("cannot read directory {}: {}", root.string(), ec.message()));
    }
    const std::string relative = it->path().lexically_relative(root).generic_string();
    if (it->path().filename().string().starts_with(".") || filter.excluded((root / relative).string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    (it->is_directory(ec) ? listing.directories : listing.files).push_back(relative);
  }
  std::sort(listing.files.begin(), listing.files.end(), migration_order_less);
  std::sort(listing.directories.begin(), listing.directories.end(), migration_order_less);
  return listing;
}

bool is_sql(const std::string& relative) { return relative.size() > 4 && relative.ends_with(".sql"); }

bool at_top_level(const std::string& relative) { return relative.find('/') == std::string::npos; }

// Builds a MigrationSet while reading files on demand, each at most once.
class SetBuilder {
 public:
  SetBuilder(const Listing& listing, std::string layout, bool has_downs) : listing_(listing) {
    set_.root = listing.root.string();
    set_.layout = std::move(layout);
    set_.layout_has_downs = has_downs;
  }

  size_t file(const std::string& relative) {
    const auto known = index_.find(relative);
    if (known != index_.end()) return known->second;
    set_.files.push_back(read_source_file((listing_.root / relative).lexically_normal().string()));
    index_[relative] = set_.files.size() - 1;
    return set_.files.size() - 1;
  }
  std::string_view text(size_t file_index) const { return set_.files[file_index]->text(); }
  Script whole(size_t file_index) const {
    return {file_index, {0, static_cast<uint32_t>(set_.files[file_index]->text().size())}};
  }
  void add(Migration migration) { set_.migrations.push_back(std::move(migration)); }
  void problem(const std::string& relative, std::string message) {
    set_.naming_problems.push_back({file(relative), std::move(message)});
  }
  MigrationSet finish() { return std::move(set_); }

 private:
  const Listing& listing_;
  MigrationSet set_;
  std::map<std::string, size_t> index_;
};

// ---- File-name layouts ------------------------------------------------------------------

const std::regex kFlywayVersioned(R"(^([VU])(\d[0-9._]*)__(.+)\.sql$)");
const std::regex kFlywayRepeatable(R"(^R__(.+)\.sql$)");
const std::regex kGolangMigrate(R"(^(\d+)_(.*)\.(up|down)\.sql$)");
const std::regex kNumbered(R"(^(\d+)[_-](.+)\.sql$)");

std::string basename(const std::string& relative) { return fs::path(relative).filename().string(); }

// Pairs up and down files by version. A second up (or down) file with the same version becomes a
// migration of its own, so the duplicate is reported rather than silently merged.
class VersionPairs {
 public:
  enum class Direction { up, down };

  void add(const std::string& version, const std::string& name, Direction direction, Script script, TransactionMode mode) {
    const std::string key = canonical_version(version);
    for (Migration& m : migrations_) {
      std::optional<Script>& slot = direction == Direction::up ? m.up : m.down;
      if (canonical_version(m.version) == key && !slot) {
        slot = script;
        if (direction == Direction::up) m.name = name;
        return;
      }
    }
    Migration m{version, name, std::nullopt, std::nullopt, mode, false};
    (direction == Direction::up ? m.up : m.down) = script;
    migrations_.push_back(std::move(m));
  }

  void add_to(SetBuilder& builder) {
    std::stable_sort(migrations_.begin(), migrations_.end(),
                     [](const Migration& a, const Migration& b) { return migration_order_less(a.version, b.version); });
    for (Migration& m : migrations_) builder.add(std::move(m));
  }

 private:
  std::vector<Migration> migrations_;
};

// Versions that golang-migrate (uint64) and goose (int64) cannot parse.
bool exceeds(const std::string& digits, std::string_view max) {
  const std::string canonical = canonical_version(digits);
  return canonical.size() > max.size() || (canonical.size() == max.size() && canonical > max);
}
constexpr std::string_view kUint64Max = "18446744073709551615";
constexpr std::string_view kInt64Max = "9223372036854775807";

MigrationSet load_flyway(const Listing& listing) {
  SetBuilder builder(listing, "flyway", true);
  VersionPairs versioned;
  std::vector<Migration> repeatable;
  for (const std::string& relative : listing.files) {
    std::smatch match;
    const std::string name = basename(relative);
    if (std::regex_match(name, match, kFlywayVersioned)) {
      std::string version = match[2].str();
      std::replace(version.begin(), version.end(), '_', '.');
      versioned.add(version, match[3].str(), match[1] == "V" ? VersionPairs::Direction::up : VersionPairs::Direction::down,
                    builder.whole(builder.file(relative)), TransactionMode::flyway_auto);
    } else if (std::regex_match(name, match, kFlywayRepeatable)) {
      repeatable.push_back({"", match[1].str(), builder.whole(builder.file(relative)), std::nullopt,
                            TransactionMode::flyway_auto, true});
    } else if (is_sql(relative)) {
      builder.problem(relative, "Flyway ignores this file: migrations are named V<version>__<description>.sql "
                                "(two underscores), U<version>__<description>.sql or R__<description>.sql");
    }
  }
  versioned.add_to(builder);
  for (Migration& migration : repeatable) builder.add(std::move(migration));
  return builder.finish();
}

MigrationSet load_golang_migrate(const Listing& listing) {
  SetBuilder builder(listing, "golang-migrate", true);
  VersionPairs pairs;
  for (const std::string& relative : listing.files) {
    std::smatch match;
    const std::string name = basename(relative);
    if (!at_top_level(relative) || !is_sql(relative)) continue;
    if (!std::regex_match(name, match, kGolangMigrate)) {
      builder.problem(relative, "golang-migrate ignores this file: migrations are named <version>_<name>.up.sql and "
                                "<version>_<name>.down.sql");
      continue;
    }
    if (exceeds(match[1].str(), kUint64Max)) {
      builder.problem(relative, "golang-migrate cannot read this version: it does not fit in an unsigned 64-bit integer");
    }
    pairs.add(match[1].str(), match[2].str(), match[3] == "up" ? VersionPairs::Direction::up : VersionPairs::Direction::down,
              builder.whole(builder.file(relative)), TransactionMode::implicit_when_multi_statement);
  }
  pairs.add_to(builder);
  return builder.finish();
}

// goose, dbmate, node-pg-migrate and Atlas: numbered files at the top level; the mode decides
// the transaction handling and whether down sections exist.
MigrationSet load_numbered(const Listing& listing, const std::string& layout,
                           const std::function<TransactionMode(std::string_view)>& transaction_of, bool has_downs) {
  SetBuilder builder(listing, layout, has_downs);
  for (const std::string& relative : listing.files) {
    std::smatch match;
    const std::string name = basename(relative);
    if (!at_top_level(relative) || !is_sql(relative)) continue;
    if (!std::regex_match(name, match, kNumbered)) {
      builder.problem(relative, fmt::format("{} does not run this file: migrations are named <version>_<name>.sql", layout));
      continue;
    }
    const size_t file = builder.file(relative);
    if (const char* marker = layout == "goose" ? "+goose Up" : layout == "dbmate" ? "migrate:up" : nullptr;
        marker != nullptr && !has_marker_line(builder.text(file), marker)) {
      builder.problem(relative, fmt::format("{} cannot run this file: it has no `-- {}` line", layout, marker));
    }
    if (layout == "goose" && exceeds(match[1].str(), kInt64Max)) {
      builder.problem(relative, "goose cannot read this version: it does not fit in a signed 64-bit integer");
    }
    const Sections sections = split_sections(builder.text(file));
    Migration migration{match[1].str(), match[2].str(), Script{file, sections.up}, std::nullopt,
                        transaction_of(builder.text(file)), false};
    if (sections.down) migration.down = Script{file, *sections.down};
    builder.add(std::move(migration));
  }
  return builder.finish();
}

TransactionMode goose_transaction(std::string_view text) {
  return has_marker_line(text, "+goose NO TRANSACTION") ? TransactionMode::none : TransactionMode::wrapped;
}

TransactionMode dbmate_transaction(std::string_view text) {
  const auto rest = marker_line_rest(text, "migrate:up");
  return rest && rest->find("transaction:false") != std::string_view::npos ? TransactionMode::none
                                                                            : TransactionMode::wrapped;
}

TransactionMode atlas_transaction(std::string_view text) {
  const auto rest = marker_line_rest(text, "atlas:txmode");
  return rest && rest->find("none") != std::string_view::npos ? TransactionMode::none : TransactionMode::wrapped;
}

// ---- Folder-per-migration layouts -------------------------------------------------------

// diesel: `<version>_<name>/up.sql`, `down.sql`, optional `metadata.toml`.
TransactionMode diesel_transaction(const fs::path& metadata) {
  if (!fs::exists(metadata)) return TransactionMode::wrapped;
  try {
    const toml::table table = toml::parse_file(metadata.string());
    return table["run_in_transaction"].value_or(true) ? TransactionMode::wrapped : TransactionMode::none;
  } catch (const toml::parse_error& error) {
    throw Error(fmt::format("{}:{}:{}: {}", metadata.string(), error.source().begin.line, error.source().begin.column,
                            error.description()));
  }
}

MigrationSet load_diesel(const Listing& listing) {
  SetBuilder builder(listing, "diesel", true);
  for (const std::string& dir : listing.directories) {
    if (!at_top_level(dir) || !listing.has_file(dir + "/up.sql")) continue;
    const auto underscore = dir.find('_');
    std::string version = dir.substr(0, underscore);
    std::erase(version, '-');
    Migration migration{version, underscore == std::string::npos ? "" : dir.substr(underscore + 1),
                        builder.whole(builder.file(dir + "/up.sql")), std::nullopt,
                        diesel_transaction(listing.root / dir / "metadata.toml"), false};
    if (listing.has_file(dir + "/down.sql")) migration.down = builder.whole(builder.file(dir + "/down.sql"));
    builder.add(std::move(migration));
  }
  return builder.finish();
}

void check_prisma_provider(const Listing& listing) {
  if (!listing.has_file("migration_lock.toml")) return;
  const fs::path lock = listing.root / "migration_lock.toml";
  try {
    const toml::table table = toml::parse_file(lock.string());
    const std::string provider = table["provider"].value_or(std::string());
    if (provider != "postgresql" && provider != "postgres") {
      throw Error(fmt::format("{}: provider is \"{}\", but miglint only lints PostgreSQL migrations", lock.string(), provider));
    }
  } catch (const toml::parse_error& error) {
    throw Error(fmt::format("{}:{}:{}: {}", lock.string(), error.source().begin.line, error.source().begin.column,
                            error.description()));
  }
}

MigrationSet load_prisma(const Listing& listing) {
  check_prisma_provider(listing);
  SetBuilder builder(listing, "prisma", false);
  for (const std::string& dir : listing.directories) {
    if (!at_top_level(dir) || !listing.has_file(dir + "/migration.sql")) continue;
    const auto underscore = dir.find('_');
    builder.add({dir.substr(0, underscore), underscore == std::string::npos ? "" : dir.substr(underscore + 1),
                 builder.whole(builder.file(dir + "/migration.sql")), std::nullopt,
                 TransactionMode::implicit_when_multi_statement, false});
  }
  return builder.finish();
}

// sqitch: the order comes from sqitch.plan; each change has deploy/, revert/ and verify/ scripts.
MigrationSet load_sqitch(const Listing& listing) {
  SetBuilder builder(listing, "sqitch", true);
  const std::unique_ptr<SourceFile> plan = read_source_file((listing.root / "sqitch.plan").string());
  // `name [dependencies] 2024-01-01T00:00:00Z Planner Name <planner@example.com> # note`
  const std::regex change(
      R"(^([A-Za-z0-9_][^\s@:#\[]*)(\s+\[[^\]]*\])?\s+\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s+[^<]*<[^>]*>(\s+#.*)?\s*$)");
  uint32_t line_number = 0;
  size_t sequence = 0;
  for (uint32_t line = 1; line <= plan->lines().line_count(); ++line) {
    line_number = line;
    const std::string text(plan->slice(plan->lines().line_range(line)));
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#' || text[first] == '%' || text[first] == '@') continue;
    std::smatch match;
    if (!std::regex_match(text, match, change)) {
      throw Error(fmt::format("{}:{}: cannot read this sqitch.plan line (expected `change [deps] timestamp planner <email> # note`)",
                              plan->path(), line_number));
    }
    const std::string name = match[1].str();
    const std::string deploy = "deploy/" + name + ".sql";
    const std::string revert = "revert/" + name + ".sql";
    Migration migration{std::to_string(++sequence), name, std::nullopt, std::nullopt, TransactionMode::none, false};
    if (listing.has_file(deploy)) migration.up = builder.whole(builder.file(deploy));
    if (listing.has_file(revert)) migration.down = builder.whole(builder.file(revert));
    builder.add(std::move(migration));
  }
  return builder.finish();
}

// Plain numbered files, with rollbacks in a `rollback/` folder paired by their number.
MigrationSet load_plain(const Listing& listing) {
  const bool has_rollbacks = std::any_of(listing.files.begin(), listing.files.end(),
                                         [](const std::string& f) { return f.starts_with("rollback/") && is_sql(f); });
  SetBuilder builder(listing, "plain", has_rollbacks);
  std::map<std::string, std::string> rollback_by_number;
  const std::regex leading_number(R"(^(\d+))");
  for (const std::string& relative : listing.files) {
    std::smatch match;
    const std::string name = basename(relative);
    if (relative.starts_with("rollback/") && is_sql(relative) && std::regex_search(name, match, leading_number)) {
      rollback_by_number[canonical_version(match[1].str())] = relative;
    }
  }
  for (const std::string& relative : listing.files) {
    if (!at_top_level(relative) || !is_sql(relative)) continue;
    std::smatch match;
    const std::string name = basename(relative);
    const bool numbered = std::regex_search(name, match, leading_number);
    Migration migration{numbered ? match[1].str() : "", fs::path(name).stem().string(),
                        builder.whole(builder.file(relative)), std::nullopt, TransactionMode::unknown, false};
    if (numbered) {
      const auto rollback = rollback_by_number.find(canonical_version(match[1].str()));
      if (rollback != rollback_by_number.end()) migration.down = builder.whole(builder.file(rollback->second));
    }
    builder.add(std::move(migration));
  }
  return builder.finish();
}

// Anything else: every .sql file below the folder, in version order, down files left out.
MigrationSet load_files_layout(const Listing& listing) {
  SetBuilder builder(listing, "files", false);
  for (const std::string& relative : listing.files) {
    if (!is_sql(relative) || is_down_migration(relative)) continue;
    const size_t file = builder.file(relative);
    builder.add({"", fs::path(relative).stem().string(), Script{file, up_section(builder.text(file))}, std::nullopt,
                 TransactionMode::unknown, false});
  }
  return builder.finish();
}

// ---- Detection ----------------------------------------------------------------------------

struct LayoutLoader {
  std::string_view name;
  std::function<MigrationSet(const Listing&)> load;
};

const std::vector<LayoutLoader>& loaders() {
  static const std::vector<LayoutLoader> table = {
      {"flyway", load_flyway},
      {"golang-migrate", load_golang_migrate},
      {"goose", [](const Listing& l) { return load_numbered(l, "goose", goose_transaction, true); }},
      {"dbmate", [](const Listing& l) { return load_numbered(l, "dbmate", dbmate_transaction, true); }},
      {"diesel", load_diesel},
      {"prisma", load_prisma},
      {"sqitch", load_sqitch},
      {"node-pg-migrate",
       [](const Listing& l) { return load_numbered(l, "node-pg-migrate", [](std::string_view) { return TransactionMode::wrapped; }, true); }},
      {"atlas", [](const Listing& l) { return load_numbered(l, "atlas", atlas_transaction, false); }},
      {"plain", load_plain},
      {"files", load_files_layout},
  };
  return table;
}

// Evidence for each layout: the first file that shows it.
std::map<std::string, std::string> layout_evidence(const Listing& listing) {
  std::map<std::string, std::string> evidence;
  auto note = [&](const std::string& layout, const std::string& file) { evidence.try_emplace(layout, file); };
  bool content_found = false;
  if (listing.has_file("sqitch.plan")) note("sqitch", "sqitch.plan");
  if (listing.has_file("migration_lock.toml")) note("prisma", "migration_lock.toml");
  if (listing.has_file("atlas.sum")) note("atlas", "atlas.sum");
  for (const std::string& dir : listing.directories) {
    if (!at_top_level(dir)) continue;
    if (listing.has_file(dir + "/migration.sql")) note("prisma", dir + "/migration.sql");
    if (listing.has_file(dir + "/up.sql")) note("diesel", dir + "/up.sql");
  }
  for (const std::string& relative : listing.files) {
    const std::string name = basename(relative);
    if (!is_sql(relative) || relative.starts_with("deploy/") || relative.starts_with("revert/") ||
        relative.starts_with("verify/")) {
      continue;
    }
    if (std::regex_match(name, kFlywayVersioned) || std::regex_match(name, kFlywayRepeatable)) note("flyway", relative);
    if (at_top_level(relative) && std::regex_match(name, kGolangMigrate)) note("golang-migrate", relative);
    // Runner annotations: one annotated file is enough evidence, so stop reading after it.
    if (!at_top_level(relative) || content_found) continue;
    const std::string text(read_source_file((listing.root / relative).string())->text());
    for (const auto& [marker, layout] : {std::pair{"+goose Up", "goose"}, {"migrate:up", "dbmate"}, {"Up Migration", "node-pg-migrate"}}) {
      if (has_marker_line(text, marker)) {
        note(layout, relative);
        content_found = true;
      }
    }
  }
  return evidence;
}

std::string detect_layout(const Listing& listing) {
  std::map<std::string, std::string> evidence = layout_evidence(listing);
  // Atlas directories hold plain numbered files plus atlas.sum; goose files may live in one too.
  if (evidence.size() > 1 && evidence.contains("atlas")) evidence.erase("atlas");
  if (evidence.size() > 1) {
    std::vector<std::string> parts;
    for (const auto& [layout, file] : evidence) parts.push_back(fmt::format("{} ({})", layout, file));
    throw Error(fmt::format("{}: mixes migrations of different runners: {}; lint the folders separately or force one "
                            "with --layout",
                            listing.root.string(), fmt::join(parts, ", ")));
  }
  if (!evidence.empty()) return evidence.begin()->first;
  const bool numbered = std::any_of(listing.files.begin(), listing.files.end(), [](const std::string& f) {
    return at_top_level(f) && is_sql(f) && std::isdigit(static_cast<unsigned char>(f[0]));
  });
  return numbered ? "plain" : "files";
}

}  // namespace

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
  return out;
}

const std::vector<std::string_view>& layout_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const LayoutLoader& loader : loaders()) out.push_back(loader.name);
    return out;
  }();
  return names;
}

// When a directory holds its migrations deeper down (a repository checkout, say), the folder the
// runner reads is the deepest one that contains every SQL file; a Prisma or diesel migration
// folder stands for its parent.
std::optional<fs::path> nested_migrations_folder(const Listing& listing) {
  const bool top_level_content = listing.has_file("sqitch.plan") ||
                                 std::any_of(listing.files.begin(), listing.files.end(),
                                             [](const std::string& f) { return at_top_level(f) && is_sql(f); });
  if (top_level_content) return std::nullopt;
  std::optional<fs::path> common;
  for (const std::string& relative : listing.files) {
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

MigrationSet load_migration_directory(const std::string& given_root, const ExcludeFilter& filter,
                                      const std::optional<std::string>& forced_layout) {
  std::string root = given_root;
  Listing listing = list_directory(root, filter);
  if (const std::optional<fs::path> nested = nested_migrations_folder(listing)) {
    root = (fs::path(given_root) / *nested).lexically_normal().string();
    listing = list_directory(root, filter);
  }
  const std::string layout = forced_layout ? *forced_layout : detect_layout(listing);
  const auto loader = std::find_if(loaders().begin(), loaders().end(), [&](const LayoutLoader& l) { return l.name == layout; });
  if (loader == loaders().end()) {
    throw Error(fmt::format("unknown layout `{}` (expected one of: {})", layout, fmt::join(layout_names(), ", ")));
  }
  if (layout == "sqitch" && !listing.has_file("sqitch.plan")) {
    throw Error(fmt::format("{}: no sqitch.plan in this directory", root));
  }
  MigrationSet set = loader->load(listing);
  if (set.migrations.empty()) {
    throw Error(fmt::format("no migrations found in directory {} (layout {})", root, layout));
  }
  return set;
}

MigrationSet load_loose_files(std::vector<std::unique_ptr<SourceFile>> files) {
  MigrationSet set;
  set.layout = "files";
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
