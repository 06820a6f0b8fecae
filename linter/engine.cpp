#include "linter/engine.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

#include "linter/catalog.hpp"
#include "linter/error.hpp"
#include "linter/parse.hpp"
#include "linter/suppression.hpp"
#include "linter/thread_pool.hpp"
#include "linter/transactions.hpp"

namespace miglint {

namespace {

Diagnostic builtin_diagnostic(std::string_view rule, TextRange range, std::string message, std::string help = {}) {
  return reported_diagnostic(rule, range, std::move(message), std::move(help));
}

// Problems that make a file unreadable as SQL text; libpg_query must never see such bytes.
std::optional<Diagnostic> unreadable_text(const SourceFile& file) {
  if (const auto nul = first_nul_byte(file.text())) {
    return builtin_diagnostic(builtin_rule::syntax_error, {*nul, *nul + 1},
                              "file contains a NUL byte: it looks like binary data, not SQL",
                              "Check that the path points at a migration file.");
  }
  if (const auto bad = first_invalid_utf8(file.text())) {
    return builtin_diagnostic(
        builtin_rule::syntax_error, {*bad, *bad + 1},
        fmt::format("invalid UTF-8: byte 0x{:02X} cannot start or continue a character here",
                    static_cast<unsigned char>(file.text()[*bad])),
        "Save the file as UTF-8 (PostgreSQL would reject it with `invalid byte sequence for encoding \"UTF8\"`).");
  }
  return std::nullopt;
}

// One script of a file (a whole file, or its goose/dbmate up or down section), parsed.
struct ParsedScript {
  Script script;
  ParsedFile parsed;
};

// A file plus what the engine learns about it before rules run.
struct FileState {
  std::vector<Script> scripts;  // what to parse, set before parsing
  bool runs = true;             // false for files the runner ignores: read only for their suppressions
  std::vector<ParsedScript> parsed;
  std::vector<Diagnostic> diagnostics;
  std::mutex mutex;  // end-of-set checks may report into any file of the set
};

void parse_file(const SourceFile& file, FileState& state) {
  if (std::optional<Diagnostic> problem = unreadable_text(file)) {
    state.diagnostics.push_back(std::move(*problem));
    return;
  }
  for (const Script& script : state.scripts) {
    TextRange section = script.section;
    section.begin = std::max(section.begin, bom_length(file.text()));
    ParsedFile parsed = ParsedFile::parse(file.text(), section);
    for (const SyntaxError& error : state.runs ? parsed.errors() : std::vector<SyntaxError>{}) {
      state.diagnostics.push_back(
          builtin_diagnostic(builtin_rule::syntax_error, {error.offset, error.offset + 1}, error.message));
    }
    state.parsed.push_back({script, std::move(parsed)});
  }
}

const ParsedFile* parsed_script(const FileState& state, const Script& script) {
  for (const ParsedScript& candidate : state.parsed) {
    if (candidate.script.section == script.section) return &candidate.parsed;
  }
  return nullptr;
}

// Replays one migration set: each up statement is checked against the catalog as it stood
// before it, in the transaction state its runner gives it.
void replay_set(const MigrationSet& set, size_t first_file, const std::vector<std::unique_ptr<SourceFile>>& files,
                std::vector<std::unique_ptr<FileState>>& states, const RuleSet& rules, const LintSettings& settings) {
  Catalog catalog;
  const Context::Sink sink = [&](size_t file_index, Diagnostic d) {
    const std::lock_guard lock(states[file_index]->mutex);
    states[file_index]->diagnostics.push_back(std::move(d));
  };
  const Context::ScriptStatements statements_of = [&](const Script& script) {
    return parsed_script(*states[first_file + script.file], script);
  };
  if (!set.files.empty()) {
    Context set_ctx(*files[first_file], first_file, 0, catalog, settings.pg_version, sink);
    set_ctx.set_layout(set.layout);
    set_ctx.set_migration_set(&set, &files, first_file, statements_of);
    for (const std::unique_ptr<Rule>& rule : rules.rules()) {
      rule->check_set(set_ctx);
    }
  }
  for (size_t migration = 0; migration < set.migrations.size(); ++migration) {
    const Migration& m = set.migrations[migration];
    if (!m.up) continue;
    const size_t file_index = first_file + m.up->file;
    const ParsedFile* parsed = parsed_script(*states[file_index], *m.up);
    if (parsed == nullptr) continue;
    Context ctx(*files[file_index], file_index, migration, catalog, settings.pg_version, sink);
    ctx.set_layout(set.layout);
    ctx.set_script(&parsed->statements(), m.transaction);
    const std::vector<TransactionState> transaction = transaction_states(parsed->statements(), m.transaction);
    for (size_t i = 0; i < parsed->statements().size(); ++i) {
      const Statement& stmt = parsed->statements()[i];
      ctx.set_transaction_state(transaction[i]);
      for (const std::unique_ptr<Rule>& rule : rules.rules()) {
        rule->check(stmt, ctx);
      }
      catalog.apply(stmt, {migration, file_index});
    }
  }
  if (set.files.empty()) {
    return;
  }
  const size_t last = first_file + set.files.size() - 1;
  const Context ctx(*files[last], last, set.migrations.size(), catalog, settings.pg_version, sink);
  for (const std::unique_ptr<Rule>& rule : rules.rules()) {
    rule->finish(ctx);
  }
}

// The statement whose text contains `offset`.
std::optional<TextRange> statement_at(const std::vector<ParsedScript>& scripts, uint32_t offset) {
  for (const ParsedScript& script : scripts) {
    const std::vector<Statement>& statements = script.parsed.statements();
    const auto next = std::upper_bound(statements.begin(), statements.end(), offset,
                                       [](uint32_t at, const Statement& s) { return at < s.range.begin; });
    if (next == statements.begin()) continue;
    const auto candidate = std::prev(next);
    if (offset < std::max(candidate->range.end, candidate->range.begin + 1)) return candidate->range;
  }
  return std::nullopt;
}

// Drops suppressed diagnostics and reports unknown and unused suppressions.
std::vector<Diagnostic> apply_suppressions(const SourceFile& file, const std::vector<ParsedScript>& scripts,
                                           std::vector<Diagnostic> in, const RuleSet& rules) {
  std::vector<Suppression> suppressions;
  for (const ParsedScript& script : scripts) {
    std::vector<Suppression> found = find_suppressions(file, script.parsed);
    suppressions.insert(suppressions.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  if (suppressions.empty()) {
    return in;
  }
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : in) {
    const std::optional<TextRange> stmt = statement_at(scripts, d.range.begin);
    bool suppressed = false;
    for (Suppression& s : suppressions) {
      const bool applies = s.scope == Suppression::Scope::file || (stmt && s.statement == stmt) ||
                           (d.range.begin >= s.line_target.begin && d.range.begin <= s.line_target.end &&
                            s.line_target.end > s.line_target.begin);
      suppressed = (applies && s.covers(d.rule)) || suppressed;
    }
    if (!suppressed) {
      kept.push_back(std::move(d));
    }
  }
  std::vector<Diagnostic> meta;
  for (const Suppression& s : suppressions) {
    const std::string directive = s.scope == Suppression::Scope::file ? "miglint-ignore-file" : "miglint-ignore";
    if (s.ids.empty() && !s.used && s.scope == Suppression::Scope::statement) {
      meta.push_back(builtin_diagnostic(builtin_rule::unused_suppression, s.comment,
                                        !s.attached() ? "`miglint-ignore` is not directly above a statement"
                                                        : "`miglint-ignore` suppresses nothing on this statement",
                                        "Remove the comment, or move it to the line directly above the statement."));
    }
    for (const SuppressedId& id : s.ids) {
      if (RuleRegistry::builtin().find(id.id) == nullptr) {
        meta.push_back(builtin_diagnostic(builtin_rule::unknown_suppression, id.range,
                                          fmt::format("`{}` names unknown rule `{}`", directive, id.id),
                                          "Check the spelling; `miglint rules` lists every rule id."));
      } else if (!id.used && rules.enabled(id.id)) {
        meta.push_back(builtin_diagnostic(
            builtin_rule::unused_suppression, id.range,
            s.scope == Suppression::Scope::statement && !s.attached()
                ? fmt::format("`{}: {}` is not directly above a statement, so it suppresses nothing", directive, id.id)
                : fmt::format("`{}: {}` suppresses nothing", directive, id.id),
            "Remove the id (or the whole comment) if the finding is gone."));
      }
    }
  }
  for (Diagnostic& d : meta) {
    const bool suppressed_by_file = std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& s) {
      return s.scope == Suppression::Scope::file &&
             std::any_of(s.ids.begin(), s.ids.end(), [&](const SuppressedId& id) { return id.id == d.rule; });
    });
    if (!suppressed_by_file) {
      kept.push_back(std::move(d));
    }
  }
  return kept;
}

std::vector<Diagnostic> finalize(std::vector<Diagnostic> diagnostics, const RuleSet& rules) {
  std::erase_if(diagnostics, [&](const Diagnostic& d) { return !rules.enabled(d.rule); });
  for (Diagnostic& d : diagnostics) {
    if (const std::optional<Severity> configured = rules.configured_severity(d.rule)) {
      d.severity = *configured;
    }
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.range.begin, a.range.end, a.rule) < std::tie(b.range.begin, b.range.end, b.rule);
  });
  return diagnostics;
}

}  // namespace

RuleSet::RuleSet(const RuleRegistry& registry, const Config& config,
                 const std::optional<std::vector<std::string>>& select, const std::vector<std::string>& ignore) {
  auto require_known = [&](const std::string& id, std::string_view where) {
    if (registry.find(id) == nullptr) {
      throw Error(fmt::format("{} names unknown rule `{}` (see `miglint rules`)", where, id));
    }
  };
  const std::optional<std::vector<std::string>>& chosen = select ? select : config.select;
  std::set<std::string, std::less<>> on;
  for (const RuleEntry& entry : registry.entries()) {
    const auto configured = config.rules.find(entry.info->id);
    const bool explicitly = configured != config.rules.end() && configured->second.explicitly_enabled;
    if (chosen ? std::find(chosen->begin(), chosen->end(), entry.info->id) != chosen->end()
               : (!entry.info->opt_in || explicitly)) {
      on.insert(std::string(entry.info->id));
    }
    if (configured != config.rules.end() && !configured->second.enabled) {
      on.erase(std::string(entry.info->id));
    }
  }
  if (select) {
    for (const std::string& id : *select) require_known(id, "--select");
  }
  for (const std::string& id : ignore) {
    require_known(id, "--ignore");
    on.erase(id);
  }
  for (const std::string& id : config.ignore) {
    on.erase(id);
  }
  for (const std::string& id : on) {
    const RuleEntry& entry = *registry.find(id);
    const auto configured = config.rules.find(id);
    static const RuleOptions kNoOptions;
    const bool has_config = configured != config.rules.end();
    enabled_[id] = has_config ? configured->second.severity : std::nullopt;
    rules_.push_back(entry.create(has_config ? configured->second.options : kNoOptions));
  }
}

bool RuleSet::enabled(std::string_view id) const { return enabled_.contains(id); }

std::optional<Severity> RuleSet::configured_severity(std::string_view id) const {
  const auto it = enabled_.find(id);
  return it == enabled_.end() ? std::nullopt : it->second;
}

std::unique_ptr<SourceFile> read_source_file(const std::string& path) {
  // Plain POSIX reads, so every failure (EACCES, EISDIR, EIO) surfaces with its errno.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      throw Error(fmt::format("cannot read {}: {}", path, std::strerror(saved)));
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return std::make_unique<SourceFile>(path, std::move(text));
}

LintResult lint_sets(std::vector<MigrationSet> sets, const RuleSet& rules, const LintSettings& settings) {
  LintResult result;
  std::vector<size_t> first_file;
  std::vector<std::unique_ptr<FileState>> states;
  for (MigrationSet& set : sets) {
    first_file.push_back(result.files.size());
    for (std::unique_ptr<SourceFile>& file : set.files) {
      result.files.push_back(std::move(file));
      states.push_back(std::make_unique<FileState>());
    }
    for (const Migration& m : set.migrations) {
      for (const std::optional<Script>& script : {m.up, m.down}) {
        if (script) states[first_file.back() + script->file]->scripts.push_back(*script);
      }
    }
    for (size_t i = first_file.back(); i < states.size(); ++i) {
      if (states[i]->scripts.empty()) {
        states[i]->runs = false;
        states[i]->scripts.push_back({i - first_file.back(), {0, static_cast<uint32_t>(result.files[i]->text().size())}});
      }
    }
  }
  parallel_for(result.files.size(), settings.jobs, [&](size_t i) { parse_file(*result.files[i], *states[i]); });
  for (size_t s = 0; s < sets.size(); ++s) {
    replay_set(sets[s], first_file[s], result.files, states, rules, settings);
  }
  result.results.resize(result.files.size());
  parallel_for(result.files.size(), settings.jobs, [&](size_t i) {
    FileState& state = *states[i];
    result.results[i].file = result.files[i].get();
    result.results[i].diagnostics =
        finalize(apply_suppressions(*result.files[i], state.parsed, std::move(state.diagnostics), rules), rules);
  });
  for (const auto& state : states) {
    for (const ParsedScript& script : state->parsed) result.statement_count += script.parsed.statements().size();
  }
  return result;
}

}  // namespace miglint
