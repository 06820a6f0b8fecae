#include "linter/history.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "linter/checksum.hpp"
#include "linter/error.hpp"
#include "linter/git.hpp"
#include "linter/sha256.hpp"

namespace miglint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSumHeader = "miglint-sum v1 ";

}  // namespace

std::string migration_key(const MigrationSet& set, const Migration& migration, const std::string& relative_path) {
  if (migration.repeatable) return "R:" + migration.name;
  if (migration.version.empty() || !layout_info(set.layout).by_version) return relative_path;
  return recorded_key(set.layout, migration);
}

MigrationRecord record_of(const MigrationSet& set, const Migration& migration, const SourceFile& up_file,
                          const ParsedFile* parsed) {
  MigrationRecord record;
  record.path = relative_path(set.root, up_file.path());
  record.key = migration_key(set, migration, record.path);
  record.version = migration.version;
  record.versioned = !migration.repeatable;
  record.byte_hash = sha256_hex(up_file.slice(migration.up->section));
  if (parsed != nullptr && parsed->errors().empty()) {
    record.statements = canonical_statements(*parsed, up_file.text());
    record.semantic_hash = semantic_hash(record.statements);
  } else {
    record.semantic_hash = record.byte_hash;
  }
  return record;
}

std::vector<MigrationRecord> records_of(const MigrationSet& set,
                                        const std::function<bool(const MigrationRecord&)>& needs_semantic) {
  std::vector<MigrationRecord> records;
  for (const Migration& migration : set.migrations) {
    if (!migration.up) continue;
    const SourceFile& file = *set.files[migration.up->file];
    MigrationRecord bytes_only = record_of(set, migration, file, nullptr);
    if (needs_semantic && !needs_semantic(bytes_only)) {
      records.push_back(std::move(bytes_only));
      continue;
    }
    const bool text = !first_nul_byte(file.text()) && !first_invalid_utf8(file.text());
    TextRange section = migration.up->section;
    section.begin = std::max(section.begin, bom_length(file.text()));
    const std::optional<ParsedFile> parsed =
        text ? std::optional(ParsedFile::parse(file.text(), section, migration.up->breaks)) : std::nullopt;
    records.push_back(record_of(set, migration, file, parsed ? &*parsed : nullptr));
  }
  return records;
}

BaseIndex::BaseIndex(const MigrationSet& set) : set_(set) {
  for (const MigrationRecord& record : set.base->records) by_key_.emplace(record.key, &record);
}

BaseStatus BaseIndex::status(const Migration& migration, const SourceFile& up_file, const ParsedFile* parsed) const {
  const std::string path = relative_path(set_.root, up_file.path());
  const auto found = by_key_.find(migration_key(set_, migration, path));
  if (found == by_key_.end()) return BaseStatus::added;
  const MigrationRecord& base = *found->second;
  if (sha256_hex(up_file.slice(migration.up->section)) == base.byte_hash) return BaseStatus::applied;
  const MigrationRecord now = record_of(set_, migration, up_file, parsed);
  return now.semantic_hash == base.semantic_hash ? BaseStatus::reformatted : BaseStatus::changed;
}

std::string format_sum(const std::vector<MigrationRecord>& records) {
  std::string body;
  for (const MigrationRecord& record : records) {
    body += fmt::format("{} {} {}\n", record.path, record.byte_hash, record.semantic_hash);
  }
  return std::string(kSumHeader) + sha256_hex(body) + "\n" + body;
}

BaseHistory read_sum(const fs::path& path, const MigrationSet& set) {
  const std::unique_ptr<SourceFile> file = read_source_file(path.string());
  std::map<std::string, const Migration*> by_path;
  for (const Migration& m : set.migrations) {
    if (m.up) by_path[relative_path(set.root, set.files[m.up->file]->path())] = &m;
  }
  BaseHistory history{kSumFileName, {}};
  for (uint32_t line = 1; line <= file->lines().line_count(); ++line) {
    const std::string text(file->slice(file->lines().line_range(line)));
    if (text.empty()) continue;
    if (line == 1) {
      if (!text.starts_with(kSumHeader)) {
        throw Error(fmt::format("{}:1: not a miglint.sum file (regenerate it with `miglint sum`)", path.string()));
      }
      continue;
    }
    std::istringstream fields(text);
    MigrationRecord record;
    std::string extra;
    if (!(fields >> record.path >> record.byte_hash >> record.semantic_hash) || (fields >> extra) ||
        record.byte_hash.size() != 64 || record.semantic_hash.size() != 64) {
      throw Error(fmt::format("{}:{}: expected `path byte-sha256 semantic-sha256`", path.string(), line));
    }
    // The record's identity comes from the file name, as the layout reads it today.
    const auto current = by_path.find(record.path);
    if (current != by_path.end()) {
      record.key = migration_key(set, *current->second, record.path);
      record.version = current->second->version;
      record.versioned = !current->second->repeatable;
    } else {
      record.key = record.path;
    }
    history.records.push_back(std::move(record));
  }
  return history;
}

// What the set is compared with for edited and out-of-order migrations: the directory at
// `--base REF`, or else its miglint.sum when there is one.
void attach_base(MigrationSet& set, const std::optional<std::string>& base) {
  if (base) {
    const GitSnapshot snapshot(set.root, *base);
    BaseHistory history{*base, {}};
    if (snapshot.existed()) {
      // Most migrations are byte for byte the same at the base: their semantic checksum (a parse
      // and a deparse each) is only needed where the bytes differ.
      std::map<std::string, std::string> current_bytes;
      for (const MigrationRecord& record : records_of(set, [](const MigrationRecord&) { return false; })) {
        current_bytes.emplace(record.key, record.byte_hash);
      }
      const auto differs = [&](const MigrationRecord& record) {
        const auto found = current_bytes.find(record.key);
        return found != current_bytes.end() && found->second != record.byte_hash;
      };
      try {
        history.records = records_of(load_migration_files(set.root, snapshot.files(), set.layout), differs);
      } catch (const Error&) {
        // No migrations at the base revision: everything is new.
      }
    }
    set.base = std::move(history);
    return;
  }
  const fs::path sum = fs::path(set.root) / kSumFileName;
  std::error_code ec;
  if (fs::is_regular_file(sum, ec)) {
    set.base = read_sum(sum, set);
  }
}

}  // namespace miglint
