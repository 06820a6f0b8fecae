#include "linter/layout_loaders.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "linter/error.hpp"
#include "linter/layout.hpp"
#include "linter/sections.hpp"
#include "linter/text.hpp"

namespace miglint {

namespace fs = std::filesystem;

namespace {

const std::regex kFlywayVersioned(R"(^([VU])(\d[0-9._]*)__(.+)\.sql$)");
const std::regex kFlywayRepeatable(R"(^R__(.+)\.sql$)");
const std::regex kGolangMigrate(R"(^(\d+)_(.*)\.(up|down)\.sql$)");
const std::regex kNumbered(R"(^(\d+)[_-](.+)\.sql$)");
// goose (NumericComponent): the version is everything before the first `_`, an integer.
const std::regex kGooseName(R"(^(\d+)_(.*)\.sql$)");
// dbmate (migrationFileRegexp `^(\d+).*\.sql$`): leading digits are the version, the rest is free.
const std::regex kDbmateName(R"(^(\d+)[_-]?(.*)\.sql$)");
// Atlas: `<version>_<name>.sql` or `<version>.sql`.
const std::regex kAtlasName(R"(^(\d+)(?:_(.*))?\.sql$)");

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

// ---- Runners of numbered files with sections -------------------------------------------

// goose, dbmate, node-pg-migrate and Atlas: numbered files at the top level, told apart by their
// annotations.
struct NumberedRunner {
  LayoutId layout;
  // How the runner reads a file name: group 1 the version, group 2 the name; and how to say it.
  const std::regex* name_pattern;
  const char* name_pattern_text;
  // The annotation every file must have (none for runners that do not require one).
  const char* required_marker = nullptr;
  // The largest version the runner can parse, and what it says otherwise.
  std::string_view max_version;
  const char* version_overflow = nullptr;
  TransactionMode (*transaction)(std::string_view text);
  bool has_downs = true;
  // How the down section is wrapped, when the runner reads that separately.
  TransactionMode (*down_transaction)(std::string_view text) = nullptr;
};

MigrationSet load_numbered(const Listing& listing, const NumberedRunner& runner) {
  const std::string_view name = to_string(runner.layout);
  SetBuilder builder(listing, runner.layout, runner.has_downs);
  for (const std::string& relative : listing.files()) {
    std::smatch match;
    const std::string file_name = basename(relative);
    if (!at_top_level(relative) || !is_sql(relative)) continue;
    if (!std::regex_match(file_name, match, *runner.name_pattern)) {
      builder.problem(relative, fmt::format("{} does not run this file: migrations are named {}", name, runner.name_pattern_text));
      continue;
    }
    const size_t file = builder.file(relative);
    if (runner.required_marker != nullptr && !has_marker_line(builder.text(file), runner.required_marker)) {
      builder.problem(relative, fmt::format("{} cannot run this file: it has no `-- {}` line", name, runner.required_marker));
    }
    if (runner.version_overflow != nullptr && exceeds(match[1].str(), runner.max_version)) {
      builder.problem(relative, runner.version_overflow);
    }
    const Sections sections = split_sections(builder.text(file));
    Migration migration{match[1].str(), match[2].str(), Script{file, sections.up}, std::nullopt,
                        runner.transaction(builder.text(file)), false};
    if (sections.down) migration.down = Script{file, *sections.down};
    if (runner.down_transaction != nullptr) migration.down_transaction = runner.down_transaction(builder.text(file));
    builder.add(std::move(migration));
  }
  return builder.finish();
}

TransactionMode goose_transaction(std::string_view text) {
  return has_marker_line(text, "+goose NO TRANSACTION") ? TransactionMode::none : TransactionMode::wrapped_each_statement;
}

TransactionMode dbmate_transaction(std::string_view text) {
  const auto rest = marker_line_rest(text, "migrate:up");
  return rest && rest->find("transaction:false") != std::string_view::npos ? TransactionMode::none
                                                                            : TransactionMode::wrapped;
}

// dbmate reads the options of each direction from its own marker line.
TransactionMode dbmate_down_transaction(std::string_view text) {
  const auto rest = marker_line_rest(text, "migrate:down");
  return rest && rest->find("transaction:false") != std::string_view::npos ? TransactionMode::none
                                                                            : TransactionMode::wrapped;
}

TransactionMode atlas_transaction(std::string_view text) {
  const auto rest = marker_line_rest(text, "atlas:txmode");
  return rest && rest->find("none") != std::string_view::npos ? TransactionMode::none
                                                              : TransactionMode::wrapped_each_statement;
}

TransactionMode always_wrapped(std::string_view /*text*/) { return TransactionMode::wrapped; }

// The annotations of the runners that mark sections in their files.
struct Marker {
  const char* text;
  LayoutId layout;
};
constexpr Marker kMarkers[] = {
    {"+goose Up", LayoutId::goose}, {"migrate:up", LayoutId::dbmate}, {"Up Migration", LayoutId::node_pg_migrate}};

// One annotated file is enough evidence: the first top-level SQL file with any runner's
// annotation decides, and no file after it is read.
std::optional<Evidence> first_annotated_file_of(const Listing& listing, LayoutId layout) {
  for (const std::string& relative : listing.files()) {
    if (!is_sql(relative) || !at_top_level(relative)) continue;
    const std::string_view text = listing.text(relative);
    bool annotated = false;
    bool by_layout = false;
    for (const Marker& marker : kMarkers) {
      if (has_marker_line(text, marker.text)) {
        annotated = true;
        by_layout = by_layout || marker.layout == layout;
      }
    }
    if (annotated) return by_layout ? std::optional(Evidence{relative, true}) : std::nullopt;
  }
  return std::nullopt;
}

// ---- diesel and Prisma ------------------------------------------------------------------

// A TOML file of the listing; throws Error as `path:line:col: message` when it does not parse.
toml::table toml_file(const Listing& listing, const std::string& relative) {
  const std::string path = (listing.root() / relative).lexically_normal().string();
  try {
    return toml::parse(listing.text(relative), path);
  } catch (const toml::parse_error& error) {
    throw Error(fmt::format("{}:{}:{}: {}", path, error.source().begin.line, error.source().begin.column,
                            error.description()));
  }
}

TransactionMode diesel_transaction(const Listing& listing, const std::string& folder) {
  const std::string metadata = folder + "/metadata.toml";
  if (!listing.has_file(metadata)) return TransactionMode::wrapped;
  return toml_file(listing, metadata)["run_in_transaction"].value_or(true) ? TransactionMode::wrapped : TransactionMode::none;
}

void check_prisma_provider(const Listing& listing) {
  if (!listing.has_file("migration_lock.toml")) return;
  const std::string provider = toml_file(listing, "migration_lock.toml")["provider"].value_or(std::string());
  if (provider != "postgresql" && provider != "postgres") {
    throw Error(fmt::format("{}: provider is \"{}\", but miglint only lints PostgreSQL migrations",
                            (listing.root() / "migration_lock.toml").string(), provider));
  }
}

// The first top-level folder that holds `file` (diesel's up.sql, Prisma's migration.sql).
std::optional<Evidence> first_folder_with(const Listing& listing, const std::string& file) {
  for (const std::string& dir : listing.directories()) {
    if (at_top_level(dir) && listing.has_file(dir + "/" + file)) return Evidence{dir + "/" + file, true};
  }
  return std::nullopt;
}

std::optional<Evidence> marker_file(const Listing& listing, const std::string& name) {
  return listing.has_file(name) ? std::optional(Evidence{name, true}) : std::nullopt;
}

// Naming evidence: of the files `looks_versioned` picks, how many `fits`; none fitting is no
// evidence at all.
template <class LooksVersioned, class Fits>
std::optional<Evidence> naming_evidence(const Listing& listing, LooksVersioned looks_versioned, Fits fits) {
  Evidence evidence;
  for (const std::string& relative : listing.files()) {
    if (!is_sql(relative) || !looks_versioned(relative)) continue;
    ++evidence.candidates;
    if (fits(relative)) {
      ++evidence.fitting;
      if (evidence.file.empty()) evidence.file = relative;
    } else if (evidence.misfit.empty()) {
      evidence.misfit = relative;
    }
  }
  return evidence.fitting > 0 ? std::optional(evidence) : std::nullopt;
}

bool starts_with_digit(const std::string& relative) {
  const std::string name = basename(relative);
  return !name.empty() && std::isdigit(static_cast<unsigned char>(name[0]));
}

}  // namespace

// ---- Flyway and golang-migrate ----------------------------------------------------------

namespace {

// Flyway (6.1 and later) reads a script configuration file next to a migration, `V1__x.sql.conf`,
// a Java properties file; its `executeInTransaction` overrides Flyway's own decision.
TransactionMode flyway_transaction_mode(const Listing& listing, const std::string& relative) {
  const std::string conf = relative + ".conf";
  if (!listing.has_file(conf)) return TransactionMode::flyway_auto;
  std::istringstream lines{std::string(listing.text(conf))};
  for (std::string line; std::getline(lines, line);) {
    const std::string entry = trimmed(line);
    if (entry.empty() || entry[0] == '#' || entry[0] == '!') continue;
    const size_t separator = entry.find_first_of("=:");
    if (separator == std::string::npos || trimmed(entry.substr(0, separator)) != "executeInTransaction") continue;
    std::string value = trimmed(entry.substr(separator + 1));
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    if (value == "false") return TransactionMode::none;
    if (value == "true") return TransactionMode::wrapped;
  }
  return TransactionMode::flyway_auto;
}

}  // namespace

MigrationSet load_flyway(const Listing& listing) {
  SetBuilder builder(listing, LayoutId::flyway, true);
  VersionPairs versioned;
  std::vector<Migration> repeatable;
  for (const std::string& relative : listing.files()) {
    std::smatch match;
    const std::string name = basename(relative);
    if (std::regex_match(name, match, kFlywayVersioned)) {
      std::string version = match[2].str();
      std::replace(version.begin(), version.end(), '_', '.');
      versioned.add(version, match[3].str(), match[1] == "V" ? VersionPairs::Direction::up : VersionPairs::Direction::down,
                    builder.whole(builder.file(relative)), flyway_transaction_mode(listing, relative));
    } else if (std::regex_match(name, match, kFlywayRepeatable)) {
      repeatable.push_back({"", match[1].str(), builder.whole(builder.file(relative)), std::nullopt,
                            flyway_transaction_mode(listing, relative), true});
    } else if (is_sql(relative)) {
      builder.problem(relative, "Flyway ignores this file: migrations are named V<version>__<description>.sql "
                                "(two underscores), U<version>__<description>.sql or R__<description>.sql");
    }
  }
  versioned.add_to(builder);
  for (Migration& migration : repeatable) builder.add(std::move(migration));
  return builder.finish();
}

// Flyway reads its locations recursively. Files that look like migrations: a version first, or
// Flyway's prefixes (`V1`, `U1`, `R__`), outside sqitch's folders.
std::optional<Evidence> flyway_evidence(const Listing& listing) {
  static const std::regex kFlywayLike(R"(^([VUR]\d|R__|\d).*)", std::regex::icase);
  return naming_evidence(
      listing,
      [](const std::string& relative) {
        return !relative.starts_with("deploy/") && !relative.starts_with("revert/") &&
               !relative.starts_with("verify/") && std::regex_match(basename(relative), kFlywayLike);
      },
      [](const std::string& relative) {
        const std::string name = basename(relative);
        return std::regex_match(name, kFlywayVersioned) || std::regex_match(name, kFlywayRepeatable);
      });
}

MigrationSet load_golang_migrate(const Listing& listing) {
  SetBuilder builder(listing, LayoutId::golang_migrate, true);
  VersionPairs pairs;
  for (const std::string& relative : listing.files()) {
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

// golang-migrate reads the top level only; numbered files are the candidates (it ignores a
// `schema.sql`, and so does any versioned runner).
std::optional<Evidence> golang_migrate_evidence(const Listing& listing) {
  return naming_evidence(
      listing, [](const std::string& relative) { return at_top_level(relative) && starts_with_digit(relative); },
      [](const std::string& relative) { return std::regex_match(basename(relative), kGolangMigrate); });
}

// ---- goose, dbmate, node-pg-migrate, Atlas -------------------------------------------------

MigrationSet load_goose(const Listing& listing) {
  return load_numbered(listing, {LayoutId::goose, &kGooseName, "<version>_<name>.sql", "+goose Up", kInt64Max,
                                 "goose cannot read this version: it does not fit in a signed 64-bit integer",
                                 goose_transaction});
}

std::optional<Evidence> goose_evidence(const Listing& listing) {
  return first_annotated_file_of(listing, LayoutId::goose);
}

MigrationSet load_dbmate(const Listing& listing) {
  return load_numbered(listing, {LayoutId::dbmate, &kDbmateName, "<version><anything>.sql", "migrate:up", {}, nullptr,
                                 dbmate_transaction, true, dbmate_down_transaction});
}

std::optional<Evidence> dbmate_evidence(const Listing& listing) {
  return first_annotated_file_of(listing, LayoutId::dbmate);
}

MigrationSet load_node_pg_migrate(const Listing& listing) {
  return load_numbered(listing, {LayoutId::node_pg_migrate, &kNumbered, "<timestamp>_<name>.sql", nullptr, {}, nullptr,
                                 always_wrapped});
}

std::optional<Evidence> node_pg_migrate_evidence(const Listing& listing) {
  return first_annotated_file_of(listing, LayoutId::node_pg_migrate);
}

MigrationSet load_atlas(const Listing& listing) {
  return load_numbered(listing, {LayoutId::atlas, &kAtlasName, "<version>_<name>.sql", nullptr, {}, nullptr,
                                 atlas_transaction, false});
}

std::optional<Evidence> atlas_evidence(const Listing& listing) { return marker_file(listing, "atlas.sum"); }

// ---- Folder-per-migration layouts -------------------------------------------------------

MigrationSet load_diesel(const Listing& listing) {
  SetBuilder builder(listing, LayoutId::diesel, true);
  for (const std::string& dir : listing.directories()) {
    if (!at_top_level(dir) || !listing.has_file(dir + "/up.sql")) continue;
    const auto underscore = dir.find('_');
    std::string version = dir.substr(0, underscore);
    std::erase(version, '-');
    Migration migration{version, underscore == std::string::npos ? "" : dir.substr(underscore + 1),
                        builder.whole(builder.file(dir + "/up.sql")), std::nullopt,
                        diesel_transaction(listing, dir), false};
    if (listing.has_file(dir + "/down.sql")) migration.down = builder.whole(builder.file(dir + "/down.sql"));
    builder.add(std::move(migration));
  }
  return builder.finish();
}

std::optional<Evidence> diesel_evidence(const Listing& listing) { return first_folder_with(listing, "up.sql"); }

MigrationSet load_prisma(const Listing& listing) {
  check_prisma_provider(listing);
  SetBuilder builder(listing, LayoutId::prisma, false);
  for (const std::string& dir : listing.directories()) {
    if (!at_top_level(dir) || !listing.has_file(dir + "/migration.sql")) continue;
    const auto underscore = dir.find('_');
    builder.add({dir.substr(0, underscore), underscore == std::string::npos ? "" : dir.substr(underscore + 1),
                 builder.whole(builder.file(dir + "/migration.sql")), std::nullopt,
                 TransactionMode::implicit_when_multi_statement, false});
  }
  return builder.finish();
}

std::optional<Evidence> prisma_evidence(const Listing& listing) {
  if (std::optional<Evidence> lock = marker_file(listing, "migration_lock.toml")) return lock;
  return first_folder_with(listing, "migration.sql");
}

// ---- drizzle ------------------------------------------------------------------------------

namespace {

constexpr const char* kDrizzleJournal = "meta/_journal.json";
constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

// One entry of drizzle-kit's journal: `{"idx": 0, "when": 1700000000000, "tag": "0000_init", ...}`.
struct JournalEntry {
  std::string tag;
  std::string when;
};

std::vector<JournalEntry> read_drizzle_journal(const SourceFile& journal) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(journal.text());
  } catch (const nlohmann::json::parse_error& error) {
    const Position at = journal.position(static_cast<uint32_t>(std::min(error.byte > 0 ? error.byte - 1 : 0, journal.text().size())));
    throw Error(fmt::format("{}:{}:{}: cannot read drizzle's journal: {}", journal.path(), at.line, at.column, error.what()));
  }
  if (!document.is_object() || !document.contains("entries") || !document["entries"].is_array()) {
    throw Error(fmt::format("{}: not a drizzle journal (expected {{\"entries\": [...]}})", journal.path()));
  }
  std::vector<JournalEntry> entries;
  for (const nlohmann::json& entry : document["entries"]) {
    if (!entry.is_object() || !entry.contains("tag") || !entry["tag"].is_string() || !entry.contains("when") ||
        !entry["when"].is_number_integer()) {
      throw Error(fmt::format("{}: journal entry {} has no string `tag` and integer `when`", journal.path(), entry.dump()));
    }
    entries.push_back({entry["tag"].get<std::string>(), std::to_string(entry["when"].get<long long>())});
  }
  return entries;
}

}  // namespace

MigrationSet load_drizzle(const Listing& listing) {
  if (!listing.has_file(kDrizzleJournal)) {
    throw Error(fmt::format("{}: no {} in this directory", listing.root().string(), kDrizzleJournal));
  }
  SetBuilder builder(listing, LayoutId::drizzle, false);
  const std::unique_ptr<SourceFile> journal = listing.take(kDrizzleJournal);
  std::set<std::string> listed;
  for (const JournalEntry& entry : read_drizzle_journal(*journal)) {
    const std::string file = entry.tag + ".sql";
    listed.insert(file);
    if (!listing.has_file(file)) {
      throw Error(fmt::format("{}: the journal lists `{}`, but there is no {}: drizzle's migrator stops with \"No file "
                              "{} found\"", journal->path(), entry.tag, file, file));
    }
    // Each `--> statement-breakpoint` chunk is sent as one query, inside the run's transaction:
    // drizzle's migrator cuts the file at every marker, so a statement ends there even without `;`.
    Script script = builder.whole(builder.file(file));
    const std::string_view text = builder.text(script.file);
    for (size_t at = text.find(kBreakpoint); at != std::string_view::npos; at = text.find(kBreakpoint, at + 1)) {
      script.breaks.push_back(static_cast<uint32_t>(at));
    }
    builder.add({entry.when, entry.tag, std::move(script), std::nullopt, TransactionMode::wrapped, false});
  }
  for (const std::string& relative : listing.files()) {
    if (at_top_level(relative) && is_sql(relative) && !listed.contains(relative)) {
      builder.problem(relative, fmt::format("drizzle's migrator never runs this file: {} does not list it (run "
                                            "`drizzle-kit generate --custom` to add a migration)", kDrizzleJournal));
    }
  }
  return builder.finish();
}

std::optional<Evidence> drizzle_evidence(const Listing& listing) { return marker_file(listing, kDrizzleJournal); }

// ---- sqitch -------------------------------------------------------------------------------

MigrationSet load_sqitch(const Listing& listing) {
  if (!listing.has_file("sqitch.plan")) {
    throw Error(fmt::format("{}: no sqitch.plan in this directory", listing.root().string()));
  }
  SetBuilder builder(listing, LayoutId::sqitch, true);
  const std::unique_ptr<SourceFile> plan = listing.take("sqitch.plan");
  // `name [dependencies] 2024-01-01T00:00:00Z Planner Name <planner@example.com> # note`
  const std::regex change(
      R"(^([A-Za-z0-9_][^\s@:#\[]*)(\s+\[[^\]]*\])?\s+\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s+[^<]*<[^>]*>(\s+#.*)?\s*$)");
  size_t sequence = 0;
  for (uint32_t line = 1; line <= plan->lines().line_count(); ++line) {
    const std::string text(plan->slice(plan->lines().line_range(line)));
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#' || text[first] == '%' || text[first] == '@') continue;
    std::smatch match;
    if (!std::regex_match(text, match, change)) {
      throw Error(fmt::format("{}:{}: cannot read this sqitch.plan line (expected `change [deps] timestamp planner <email> # note`)",
                              plan->path(), line));
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

std::optional<Evidence> sqitch_evidence(const Listing& listing) { return marker_file(listing, "sqitch.plan"); }

// ---- No runner ----------------------------------------------------------------------------

MigrationSet load_plain(const Listing& listing) {
  const bool has_rollbacks = std::any_of(listing.files().begin(), listing.files().end(),
                                         [](const std::string& f) { return f.starts_with("rollback/") && is_sql(f); });
  SetBuilder builder(listing, LayoutId::plain, has_rollbacks);
  std::map<std::string, std::string> rollback_by_number;
  const std::regex leading_number(R"(^(\d+))");
  for (const std::string& relative : listing.files()) {
    std::smatch match;
    const std::string name = basename(relative);
    if (relative.starts_with("rollback/") && is_sql(relative) && std::regex_search(name, match, leading_number)) {
      rollback_by_number[canonical_version(match[1].str())] = relative;
    }
  }
  for (const std::string& relative : listing.files()) {
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

MigrationSet load_files(const Listing& listing) {
  SetBuilder builder(listing, LayoutId::files, false);
  for (const std::string& relative : listing.files()) {
    if (!is_sql(relative) || is_down_migration(relative)) continue;
    const size_t file = builder.file(relative);
    builder.add({"", fs::path(relative).stem().string(), Script{file, up_section(builder.text(file))}, std::nullopt,
                 TransactionMode::unknown, false});
  }
  return builder.finish();
}

std::optional<Evidence> no_evidence(const Listing& /*listing*/) { return std::nullopt; }

}  // namespace miglint
