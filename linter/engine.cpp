#include "linter/engine.hpp"

#include <optional>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "linter/catalog.hpp"
#include "linter/findings.hpp"
#include "linter/history.hpp"
#include "linter/parse.hpp"
#include "linter/prefetch.hpp"
#include "linter/recovery.hpp"
#include "linter/suppression.hpp"
#include "linter/thread_pool.hpp"
#include "linter/transactions.hpp"

namespace miglint {

namespace {

// Problems that make a file unreadable as SQL text; libpg_query must never see such bytes.
std::optional<Diagnostic> unreadable_text(const SourceFile& file, const RuleSet& rules) {
  if (const auto nul = first_nul_byte(file.text())) {
    return rules.diagnostic(ReportedRule::syntax_error, {*nul, *nul + 1},
                              "file contains a NUL byte: it looks like binary data, not SQL",
                              "Check that the path points at a migration file.");
  }
  if (const auto bad = first_invalid_utf8(file.text())) {
    return rules.diagnostic(
        ReportedRule::syntax_error, {*bad, *bad + 1},
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
  bool applied = false;         // all of its migrations were applied at the base, unchanged
  size_t left_out = 0;          // findings dropped because of that
  size_t statement_count = 0;
  std::vector<ParsedScript> parsed;
  std::vector<Suppression> suppressions;  // read at parse time: they need tokens, released before the end
  std::vector<Diagnostic> diagnostics;
  std::mutex mutex;  // end-of-set checks may report into any file of the set
};

// PostgreSQL's parser gives up on deep nesting with a resource error, which no newer server
// would accept either.
bool is_nesting_limit(std::string_view message) {
  return message.starts_with("memory exhausted") || message.starts_with("stack depth limit exceeded");
}

Diagnostic syntax_error_finding(const SyntaxError& error, const RuleSet& rules) {
  if (is_nesting_limit(error.message)) {
    return rules.diagnostic(ReportedRule::syntax_error, {error.offset, error.offset + 1},
                            fmt::format("{}: the statement is nested too deeply for PostgreSQL's parser, which "
                                        "rejects it the same way",
                                        error.message),
                            "Flatten the expression (fewer nested parentheses or subqueries).");
  }
  return rules.diagnostic(
      ReportedRule::syntax_error, {error.offset, error.offset + 1},
      fmt::format("{} (miglint parses with the PostgreSQL {} grammar; the statement may be valid on a newer server)",
                  error.message, PG_MAJORVERSION),
      "Fix the statement, or, if your server accepts it, suppress this finding with "
      "`-- miglint-ignore: syntax-error -- <reason>`: what the statement creates, drops or renames is still "
      "recorded for the statements after it.");
}

void parse_file(const SourceFile& file, FileState& state, const RuleSet& rules) {
  if (std::optional<Diagnostic> problem = unreadable_text(file, rules)) {
    state.diagnostics.push_back(std::move(*problem));
    return;
  }
  for (const Script& script : state.scripts) {
    TextRange section = script.section;
    section.begin = std::max(section.begin, bom_length(file.text()));
    ParsedFile parsed = ParsedFile::parse(file.text(), section, script.breaks);
    for (const SyntaxError& error : state.runs ? parsed.errors() : std::vector<SyntaxError>{}) {
      state.diagnostics.push_back(syntax_error_finding(error, rules));
    }
    std::vector<Suppression> found = find_suppressions(file, parsed);
    state.suppressions.insert(state.suppressions.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
    state.parsed.push_back({script, std::move(parsed)});
  }
}

const ParsedFile* parsed_script(const FileState& state, const Script& script) {
  for (const ParsedScript& candidate : state.parsed) {
    if (candidate.script.section == script.section) return &candidate.parsed;
  }
  return nullptr;
}

// Checks a down migration against the catalog as it stands after its up, on a copy: the forward
// history goes on from the up.
void check_down(const MigrationSet& set, const Migration& m, size_t migration, size_t first_file,
                const std::vector<std::unique_ptr<SourceFile>>& files, std::vector<std::unique_ptr<FileState>>& states,
                const Catalog& before_up, const Catalog& catalog, const RuleSet& rules, const LintSettings& settings,
                const Context::Sink& sink) {
  const size_t file_index = first_file + m.down->file;
  const ParsedFile* parsed = parsed_script(*states[file_index], *m.down);
  if (parsed == nullptr) return;
  Catalog after_up = catalog;
  Context ctx(*files[file_index], file_index, migration, after_up, settings.pg_version, sink);
  ctx.set_layout(set.layout);
  ctx.set_migration_set(&set, &files, first_file, [&](const Script& script) {
    return parsed_script(*states[first_file + script.file], script);
  });
  ctx.set_script(&parsed->linted_statements(), m.down_mode());
  ctx.set_direction(Direction::down);
  ctx.set_catalog_before_up(&before_up);
  const std::vector<TransactionState> transaction = transaction_states(parsed->linted_statements(), m.down_mode());
  const std::vector<SessionSettings> timeline = session_timeline(parsed->linted_statements(), transaction);
  ctx.set_transaction_states(&transaction);
  for (size_t i = 0; i < parsed->linted_statements().size(); ++i) {
    const Statement& stmt = parsed->linted_statements()[i];
    ctx.set_transaction_state(transaction[i]);
    ctx.set_statement(i, &timeline);
    for (const std::unique_ptr<Rule>& rule : rules.rules()) {
      if (settings.all_rules_on_downs || rule->info().predicts_failure || rule->info().checks_downs) rule->check(stmt, ctx);
    }
    after_up.apply(stmt, {migration, file_index});
  }
  // Statements the grammar rejected are not replayed on downs: the comparison would be blind.
  if (!parsed->rejected().empty()) return;
  ctx.set_statement(parsed->linted_statements().size(), &timeline);
  for (const std::unique_ptr<Rule>& rule : rules.rules()) {
    if (rule->info().checks_downs) rule->finish_down(ctx);
  }
}

// Replays the up script of one migration, then checks its down.
void replay_up(const MigrationSet& set, const Migration& m, size_t migration, size_t first_file,
               const std::vector<std::unique_ptr<SourceFile>>& files, std::vector<std::unique_ptr<FileState>>& states,
               Catalog& catalog, const RuleSet& rules, const LintSettings& settings, const Context::Sink& sink,
               const Context::ScriptStatements& statements_of) {
  // A down is compared with the schema its up started from.
  const std::optional<Catalog> before_up = m.down ? std::optional<Catalog>(catalog) : std::nullopt;
  const size_t file_index = first_file + m.up->file;
  const ParsedFile* parsed = parsed_script(*states[file_index], *m.up);
  if (parsed == nullptr) return;
  Context ctx(*files[file_index], file_index, migration, catalog, settings.pg_version, sink);
  ctx.set_layout(set.layout);
  ctx.set_migration_set(&set, &files, first_file, statements_of);
  ctx.set_script(&parsed->linted_statements(), m.transaction);
  const std::vector<TransactionState> transaction = transaction_states(parsed->linted_statements(), m.transaction);
  const std::vector<SessionSettings> timeline = session_timeline(parsed->linted_statements(), transaction);
  ctx.set_transaction_states(&transaction);
  // Statements the grammar rejected still change the catalog, in their place in the file.
  auto rejected = parsed->rejected().begin();
  auto replay_rejected_before = [&](uint32_t offset) {
    for (; rejected != parsed->rejected().end() && rejected->range.begin < offset; ++rejected) {
      catalog.apply_recovered(recover_effect(files[file_index]->text(), rejected->tokens), rejected->range,
                              {migration, file_index});
    }
  };
  for (size_t i = 0; i < parsed->linted_statements().size(); ++i) {
    const Statement& stmt = parsed->linted_statements()[i];
    replay_rejected_before(stmt.range.begin);
    ctx.set_transaction_state(transaction[i]);
    ctx.set_statement(i, &timeline);
    for (const std::unique_ptr<Rule>& rule : rules.rules()) {
      rule->check(stmt, ctx);
    }
    catalog.apply(stmt, {migration, file_index});
  }
  replay_rejected_before(UINT32_MAX);
  if (m.down) check_down(set, m, migration, first_file, files, states, *before_up, catalog, rules, settings, sink);
}

// Parses a set's files just ahead of its replay, on helper threads, and frees each file's parse
// trees and tokens once the last migration that reads them has replayed: they are most of a
// run's memory, so only a window of them is alive at once. With a base every tree is kept: the
// comparison with the base, after the replay, hashes every statement.
class ParseAhead {
 public:
  ParseAhead(const MigrationSet& set, size_t first_file, const std::vector<std::unique_ptr<SourceFile>>& files,
             std::vector<std::unique_ptr<FileState>>& states, const RuleSet& rules, size_t jobs)
      : position_(set.files.size(), kNever), last_reader_(set.migrations.size()) {
    std::vector<size_t> last_use(set.files.size(), kNever);
    for (size_t m = 0; m < set.migrations.size(); ++m) {
      for (const std::optional<Script>& script : {set.migrations[m].up, set.migrations[m].down}) {
        if (!script) continue;
        if (last_use[script->file] == kNever) add(script->file);
        last_use[script->file] = m;
      }
    }
    for (size_t f = 0; f < set.files.size(); ++f) {
      if (last_use[f] == kNever) {
        add(f);  // not run: parsed only for its suppressions
      } else {
        last_reader_[last_use[f]].push_back(f);
      }
    }
    const bool keep_trees = set.base.has_value();
    auto parse = [&files, &states, &rules, first_file, this](size_t position) {
      const size_t index = first_file + order_[position];
      parse_file(*files[index], *states[index], rules);
    };
    auto release = [&states, first_file, this](size_t position) {
      for (ParsedScript& script : states[first_file + order_[position]]->parsed) script.parsed.release_syntax();
    };
    const size_t threads = jobs == 0 ? std::max(1U, std::thread::hardware_concurrency()) : jobs;
    prefetcher_.emplace(order_.size(), threads == 1 ? 0 : threads, keep_trees ? SIZE_MAX : kWindowPerThread * threads,
                        std::move(parse), keep_trees ? Prefetcher::Step([](size_t) {}) : std::move(release));
  }

  /// Returns once the file (an index in the set) is parsed.
  void need(size_t set_file) { prefetcher_->wait_for(position_[set_file]); }
  /// Parses every file not parsed yet (set-level checks read them all).
  void parse_all() { prefetcher_->finish(); }
  /// Frees the trees of the files that no migration after `migration` reads.
  void done_with(size_t migration) {
    for (const size_t f : last_reader_[migration]) prefetcher_->discard(position_[f]);
  }

 private:
  static constexpr size_t kNever = SIZE_MAX;
  // Enough files ahead to keep the helpers busy while a long migration replays, few enough that
  // their trees stay a small part of a long history.
  static constexpr size_t kWindowPerThread = 8;

  void add(size_t set_file) {
    position_[set_file] = order_.size();
    order_.push_back(set_file);
  }

  std::vector<size_t> order_;     // set files in the order the replay first reads them
  std::vector<size_t> position_;  // per set file: its place in order_
  std::vector<std::vector<size_t>> last_reader_;  // per migration: the set files no later one reads
  std::optional<Prefetcher> prefetcher_;
};

// Replays one migration set: each up statement is checked against the catalog as it stood
// before it, in the transaction state its runner gives it. Set-level checks run at the end,
// when every file is parsed (their findings are sorted into place with the others).
void replay_set(const MigrationSet& set, size_t first_file, const std::vector<std::unique_ptr<SourceFile>>& files,
                std::vector<std::unique_ptr<FileState>>& states, const RuleSet& rules, const LintSettings& settings) {
  ParseAhead parser(set, first_file, files, states, rules, settings.jobs);
  Catalog catalog;
  const Context::Sink sink = [&](size_t file_index, Diagnostic d) {
    const std::lock_guard lock(states[file_index]->mutex);
    states[file_index]->diagnostics.push_back(std::move(d));
  };
  const Context::ScriptStatements statements_of = [&](const Script& script) {
    return parsed_script(*states[first_file + script.file], script);
  };
  for (size_t migration = 0; migration < set.migrations.size(); ++migration) {
    const Migration& m = set.migrations[migration];
    if (m.up) {
      parser.need(m.up->file);
      if (m.down) parser.need(m.down->file);
      replay_up(set, m, migration, first_file, files, states, catalog, rules, settings, sink, statements_of);
    }
    parser.done_with(migration);
  }
  parser.parse_all();
  if (set.files.empty()) {
    return;
  }
  Context set_ctx(*files[first_file], first_file, 0, catalog, settings.pg_version, sink);
  set_ctx.set_layout(set.layout);
  set_ctx.set_migration_set(&set, &files, first_file, statements_of);
  for (const std::unique_ptr<Rule>& rule : rules.rules()) {
    rule->check_set(set_ctx);
  }
  const size_t last = first_file + set.files.size() - 1;
  const Context ctx(*files[last], last, set.migrations.size(), catalog, settings.pg_version, sink);
  for (const std::unique_ptr<Rule>& rule : rules.rules()) {
    rule->finish(ctx);
  }
}

// With a base, marks the files whose every migration was already applied there, unchanged (or
// only reformatted): their findings are old news for a pull request.
void mark_applied_files(const MigrationSet& set, size_t first_file, const std::vector<std::unique_ptr<SourceFile>>& files,
                        std::vector<std::unique_ptr<FileState>>& states) {
  if (!set.base) return;
  const BaseIndex base(set);
  std::vector<int> verdict(set.files.size(), -1);  // -1 no migration, 0 new or changed, 1 applied
  for (const Migration& m : set.migrations) {
    if (!m.up) continue;
    const size_t up_file = first_file + m.up->file;
    const BaseStatus status = base.status(m, *files[up_file], parsed_script(*states[up_file], *m.up));
    const int applied = status == BaseStatus::applied || status == BaseStatus::reformatted ? 1 : 0;
    for (const std::optional<Script>& script : {m.up, m.down}) {
      if (script) verdict[script->file] = verdict[script->file] == 0 ? 0 : applied;
    }
  }
  for (size_t i = 0; i < verdict.size(); ++i) states[first_file + i]->applied = verdict[i] == 1;
}

// Drops the findings of a file applied at the base, but those about applied migrations
// themselves; returns how many were dropped.
size_t leave_out_old_findings(std::vector<Diagnostic>& diagnostics, const RuleSet& rules) {
  const size_t before = diagnostics.size();
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    const RuleEntry* entry = rules.registry().find(d.rule);
    return entry == nullptr || !entry->info->about_applied_migrations;
  });
  return before - diagnostics.size();
}

// Applies suppressions and configured severities to a file's findings, then frees its parse.
void finalize_file(const SourceFile& file, FileState& state, const RuleSet& rules, FileResult& result) {
  result.file = &file;
  std::vector<const ParsedFile*> scripts;
  for (const ParsedScript& script : state.parsed) scripts.push_back(&script.parsed);
  result.diagnostics =
      finalize_findings(scripts, std::move(state.suppressions), std::move(state.diagnostics), rules, Pass::lint);
  if (state.applied) state.left_out = leave_out_old_findings(result.diagnostics, rules);
  for (const ParsedScript& script : state.parsed) state.statement_count += script.parsed.statements().size();
  state.parsed.clear();
  state.parsed.shrink_to_fit();
}

}  // namespace

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
  result.results.resize(result.files.size());
  // One set at a time: each keeps every core busy parsing ahead of its replay, and only one
  // set's catalog and parse results are alive at once.
  for (size_t s = 0; s < sets.size(); ++s) {
    replay_set(sets[s], first_file[s], result.files, states, rules, settings);
    if (settings.scope == HistoryScope::changes_since_base) mark_applied_files(sets[s], first_file[s], result.files, states);
    parallel_for(sets[s].files.size(), settings.jobs, [&](size_t i) {
      finalize_file(*result.files[first_file[s] + i], *states[first_file[s] + i], rules, result.results[first_file[s] + i]);
    });
  }
  for (const auto& state : states) {
    result.left_out += state->left_out;
    result.statement_count += state->statement_count;
  }
  return result;
}

}  // namespace miglint
