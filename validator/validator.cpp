#include "validator/validator.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "linter/error.hpp"
#include "linter/findings.hpp"
#include "linter/history.hpp"
#include "linter/sha256.hpp"
#include "linter/rule_set.hpp"
#include "validator/drift_ddl.hpp"
#include "validator/cost.hpp"
#include "validator/executor.hpp"
#include "validator/extensions.hpp"
#include "validator/models.hpp"
#include "validator/pq.hpp"
#include "validator/seed.hpp"
#include "validator/server.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxListedDifferences = 25;

class Stopwatch {
 public:
  explicit Stopwatch(double& total) : total_(total), start_(std::chrono::steady_clock::now()) {}
  ~Stopwatch() { total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
  Stopwatch(const Stopwatch&) = delete;
  Stopwatch& operator=(const Stopwatch&) = delete;

 private:
  double& total_;
  std::chrono::steady_clock::time_point start_;
};

// Seconds since `start`.
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Whether lower-cased SQL names `table` (lower-cased) as an identifier of its own: `"tenant"`,
// `public.tenant`, but not the column `tenant_id` or `"tenantId"`.
bool names_table(std::string_view text, std::string_view table) {
  const auto is_identifier = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$'; };
  for (size_t at = text.find(table); at != std::string_view::npos; at = text.find(table, at + 1)) {
    const size_t end = at + table.size();
    if ((at == 0 || !is_identifier(text[at - 1])) && (end == text.size() || !is_identifier(text[end]))) return true;
  }
  return false;
}

// Whether lower-cased SQL says CASCADE other than as a foreign key's action (ON DELETE CASCADE,
// ON UPDATE CASCADE): a DROP or TRUNCATE ... CASCADE reaches tables the SQL does not name, a
// foreign key names both of its tables.
bool cascades_beyond_named_tables(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  for (size_t at = text.find("cascade"); at != std::string_view::npos; at = text.find("cascade", at + 1)) {
    size_t end = at;
    while (end > 0 && is_space(text[end - 1])) --end;
    const std::string_view before = text.substr(0, end);
    if (!before.ends_with("delete") && !before.ends_with("update")) return true;
    end -= 6;
    while (end > 0 && is_space(text[end - 1])) --end;
    if (!text.substr(0, end).ends_with("on")) return true;
  }
  return false;
}

std::string listed(const std::vector<std::string>& differences) {
  std::string out;
  for (size_t i = 0; i < differences.size() && i < kMaxListedDifferences; ++i) out += "\n  - " + differences[i];
  if (differences.size() > kMaxListedDifferences) {
    out += fmt::format("\n  - ... and {} more", differences.size() - kMaxListedDifferences);
  }
  return out;
}

// Parses the scripts the validator runs; syntax errors are lint's business, but a script that
// does not parse cannot be split into statements either.
struct ParsedScripts {
  std::map<std::pair<size_t, uint32_t>, ParsedFile> by_script;
  const ParsedFile& of(const MigrationSet& set, const Script& script) {
    const auto key = std::make_pair(script.file, script.section.begin);
    auto it = by_script.find(key);
    if (it == by_script.end()) {
      const SourceFile& file = *set.files[script.file];
      TextRange section = script.section;
      section.begin = std::max(section.begin, bom_length(file.text()));
      it = by_script.emplace(key, ParsedFile::parse(file.text(), section, script.breaks)).first;
    }
    return it->second;
  }
  // The scripts of one file that were parsed.
  std::vector<const ParsedFile*> of_file(size_t file) const {
    std::vector<const ParsedFile*> out;
    for (const auto& [key, script] : by_script) {
      if (key.first == file) out.push_back(&script);
    }
    return out;
  }
};

// A table or view that is missing or extra is one finding, not one per column: its DDL covers its
// columns and constraints, and its triggers and policies stand or fall with it.
std::vector<std::string> without_parts_of_reported_tables(const std::vector<std::string>& keys) {
  std::set<std::string> tables;
  for (const std::string& key : keys) {
    for (const std::string_view relation : {"table ", "view ", "materialized view ", "foreign table "}) {
      if (key.starts_with(relation)) tables.insert(key.substr(relation.size()));
    }
  }
  std::vector<std::string> out;
  for (const std::string& key : keys) {
    bool part_of_table = false;
    for (const char* kind : {"column ", "constraint ", "trigger ", "policy "}) {
      if (key.starts_with(kind)) {
        const std::string rest = key.substr(std::string_view(kind).size());
        part_of_table = tables.contains(rest.substr(0, rest.rfind('.')));
      }
    }
    if (!part_of_table) out.push_back(key);
  }
  return out;
}

// The help of a lint-trace-mismatch about a lock.
constexpr const char* kReportLockMismatch =
    "The locking rules reason from the linter's claim: please report this with the statement and the server version.";

// One run of the validator: the steps, and what they share (the scratch database, the schema
// before the current migration, the findings so far).
class Validation {
 public:
  Validation(MigrationSet& set, const ValidateOptions& options, const RuleSet& rules)
      : set_(set), options_(options), rules_(rules), findings_(set.files.size()), stubs_{options.stub_extensions, {}},
        seeder_(options.rows) {
    for (const LockClaim& claim : options.claims.locks) {
      if (claim.relation.empty()) continue;
      if (claim.in_do_block) {
        do_claims_.emplace(std::pair(claim.file, claim.offset), &claim);
      } else {
        claims_.emplace(std::pair(claim.file, claim.offset), &claim);
      }
    }
    for (const EffectClaim& claim : options.claims.effects) effects_.emplace(std::pair(claim.file, claim.offset), &claim);
  }

  void progress(const std::string& line) const {
    if (options_.progress) options_.progress(line);
  }

  // The migrations at the start of the run order that were applied at the base, unchanged (or
  // only reformatted), and a key for their state.
  struct BasePrefix {
    size_t count = 0;
    std::string key;
  };

  BasePrefix base_prefix() {
    if (!set_.base || options_.scope == HistoryScope::whole_history || options_.ups_only) return {};
    const BaseIndex index(set_);
    BasePrefix prefix;
    std::string identity = fmt::format("miglint {}\n{}\n", MIGLINT_VERSION, to_string(set_.layout));
    for (const ExtensionStandIn* stub : options_.stub_extensions) identity += fmt::format("stub {}\n", stub->name);
    for (; prefix.count < set_.migrations.size(); ++prefix.count) {
      const Migration& m = set_.migrations[prefix.count];
      if (!m.up) continue;
      const SourceFile& file = *set_.files[m.up->file];
      const ParsedFile& parsed = parsed_.of(set_, *m.up);
      const BaseStatus status = index.status(m, file, &parsed);
      if (status != BaseStatus::applied && status != BaseStatus::reformatted) break;
      const MigrationRecord record = record_of(set_, m, file, &parsed);
      identity += record.key + " " + record.semantic_hash + "\n";
    }
    prefix.key = sha256_hex(identity).substr(0, 32);
    return prefix;
  }

  // The room in memory a private server may take, to go there instead of the disk. On a disk its
  // data directory's writes are most of a plain validate, even with fsync off (documenso: 2.0 to
  // 3.2 s on this project's test machine, about 1 s in tmpfs). The largest shared corpus peaks at
  // 167 MB with --rows 1000; the margin is generous because a full tmpfs fails the run.
  uintmax_t memory_room_needed() const {
    constexpr uintmax_t kMiB = uintmax_t{1} << 20;
    return 2048 * kMiB + static_cast<uintmax_t>(std::max(options_.rows, 0LL)) * kMiB;
  }

  void start_server(const BasePrefix& base) {
    const Stopwatch watch(summary().setup_seconds);
    progress("starting PostgreSQL");
    server_.emplace(options_.pg_bin, options_.database_url, options_.statement_timeout,
                    base.count > 0 ? std::optional(base.key) : std::nullopt, memory_room_needed());
    const std::optional<std::string> saved = server_->saved_base();
    db_ = saved ? server_->connect_to(*saved) : server_->scratch("migrations");
    create_stand_ins(*server_, PQdb(db_.get()), options_.stub_extensions);
  }

  // Applies the base's migrations up only (or finds them applied in the cached state), and saves
  // their state for the next run. Returns where the full checks start; less than `base.count`
  // when one of them failed, which stops the run.
  size_t apply_base(const BasePrefix& base) {
    summary().downs_skipped_at_base = static_cast<size_t>(std::count_if(
        set_.migrations.begin(), set_.migrations.begin() + static_cast<std::ptrdiff_t>(base.count),
        [&](const Migration& m) { return m.up && m.down && !options_.ups_only; }));
    if (base.count == 0) return 0;
    if (server_->saved_base()) {
      summary().base_applied = base.count;
      summary().base_from_cache = true;
      for (size_t i = 0; i < base.count; ++i) {
        if (set_.migrations[i].up) start_check(set_.migrations[i], true).up = StepOutcome::passed;
      }
      return base.count;
    }
    for (size_t i = 0; i < base.count; ++i) {
      const Migration& m = set_.migrations[i];
      if (!m.up) continue;
      progress(fmt::format("[{}/{}] {} {} (applied at {})", i + 1, set_.migrations.size(), m.version, m.name,
                           set_.base->label));
      start_check(m, true);
      if (!apply_up(m)) return i;
      ++summary().base_applied;
    }
    const Stopwatch watch(summary().setup_seconds);
    const std::string database = PQdb(db_.get());
    db_.reset();
    fill_session_.reset();
    db_ = server_->connect_to(server_->save_base(database, base.key));
    return base.count;
  }

  // Models do not depend on the migrations: with more than one session they load meanwhile.
  void start_model_loads() {
    for (const std::vector<fs::path>& group : options_.models) {
      std::vector<const SourceFile*> files;
      for (const fs::path& path : group) {
        model_files_.push_back(read_source_file(path.string()));
        files.push_back(model_files_.back().get());
      }
      model_groups_.push_back(files);
      if (options_.jobs > 1) {
        model_loads_.push_back(std::async(std::launch::async, [this, files] {
          return load_model(*server_, files, options_.strictness, options_.stub_extensions);
        }));
      }
    }
  }

  // Applies one migration up, as production does, then (when it has a down) checks the down and
  // the re-application where they cannot change the forward chain. False when the up failed: the
  // runner stops there.
  bool apply_migration(const Migration& m) {
    const bool check_down = m.down && !options_.ups_only;
    fill_tables();
    if (check_down && !previous_) previous_ = snapshot_now(db_.get());
    std::map<std::string, TableData> data_before = check_down ? data_now(db_.get(), m) : std::map<std::string, TableData>{};
    start_check(m, false);
    tables_emptied_ = false;
    if (!apply_up(m)) return false;
    if (tables_emptied_) data_before.clear();  // the up ran again on empty tables: nothing to compare
    ++summary().applied;
    if (!check_down) {
      previous_.reset();
      return true;
    }
    Snapshot after_up = snapshot_now(db_.get());
    check_down_and_reapply(m, after_up, data_before);
    previous_ = std::move(after_up);
    return true;
  }

  // node-pg-migrate applies all of a run's pending migrations in one transaction.
  void begin_run() {
    if (layout_info(set_.layout).grouping != RunGrouping::whole_run) return;
    exec(db_.get(), "BEGIN");
    in_run_ = true;
  }

  void end_run(bool succeeded) {
    if (!in_run_) return;
    exec(db_.get(), succeeded ? "COMMIT" : "ROLLBACK");
    in_run_ = false;
  }

  // Counts the downs the run never reached because an up failed.
  void skip_remaining_downs(size_t from) {
    for (size_t i = from; i < set_.migrations.size(); ++i) {
      if (set_.migrations[i].down && !options_.ups_only) ++summary().downs_skipped;
    }
  }

  // Lists the migrations from `from` on, which the runner never reached, as not run.
  void list_not_run(size_t from, size_t base_count) {
    for (size_t i = from; i < set_.migrations.size(); ++i) {
      if (set_.migrations[i].up) start_check(set_.migrations[i], i < base_count);
    }
  }

  // The models: each loaded into a scratch database of its own, so both sides are normalised by
  // the same server, and compared with the migrated schema.
  void compare_models() {
    if ((!options_.models.empty() || options_.ups_only) && !previous_) previous_ = snapshot_now(db_.get());
    if (options_.ups_only) result_.final_schema = previous_;
    for (size_t i = 0; i < model_groups_.size(); ++i) {
      const std::vector<const SourceFile*>& files = model_groups_[i];
      progress(fmt::format("loading model {}", files.front()->path()));
      const ModelLoad load = options_.jobs > 1 ? model_loads_[i].get() : load_model(*server_, files, options_.strictness, options_.stub_extensions);
      std::vector<std::vector<Diagnostic>> per_file(files.size());
      if (load.failure) {
        per_file[load.failure_file].push_back(model_failure(*load.failure));
      } else {
        compare_with_model(load, per_file);
      }
      for (std::vector<Diagnostic>& found : per_file) findings_.push_back(std::move(found));
    }
  }

  // The drift between the migrated schema and a loaded model, on what the model can express;
  // what it cannot is listed once, as a note.
  void compare_with_model(const ModelLoad& load, std::vector<std::vector<Diagnostic>>& per_file) {
    if (load.compare_live) {
      per_file.front() = live_drift(load);
      return;
    }
    Snapshot expected = load.enum_order_matters ? *load.expected : with_enum_labels_sorted(*load.expected);
    Snapshot actual = load.enum_order_matters ? *previous_ : with_enum_labels_sorted(*previous_);
    std::vector<std::string> undescribed =
        load.view_queries_known ? std::vector<std::string>{} : adopt_view_queries(expected, actual);
    if (load.describes != nullptr) {
      for (std::string& key : take_undescribed(actual, expected, load.describes)) undescribed.push_back(std::move(key));
    }
    for (const auto& [key, finding] : drift_from(expected, actual, load.language)) {
      // At the model's own line for the object, when the model says where it describes it.
      const ModelLocation at = location_in_model(load.locations, key, expected, actual);
      Diagnostic located = finding;
      located.range = {at.offset, at.offset};
      per_file[at.file < per_file.size() ? at.file : 0].push_back(std::move(located));
    }
    if (!undescribed.empty()) per_file.front().push_back(undescribed_note(load.language, undescribed));
  }

  // A model compared with what its tool prints from the migrated database: each difference at
  // the model's stale line.
  std::vector<Diagnostic> live_drift(const ModelLoad& load) {
    const Stopwatch watch(summary().compare_seconds);
    std::vector<Diagnostic> findings;
    for (const ModelDifference& difference : load.compare_live(db_.get())) {
      ++summary().drift;
      findings.push_back(rules_.diagnostic(ReportedRule::schema_drift, {difference.offset, difference.offset},
                                           fmt::format("the migrated schema differs from this {}: {}", load.language,
                                                       difference.message),
                                           load.regenerate));
    }
    return findings;
  }

  // What --stub-extension did, once per statement (a statement may run again for the down check).
  void report_stub_events() {
    std::set<std::tuple<size_t, uint32_t, std::string>> seen;
    for (const StubEvent& event : stubs_.events) {
      for (size_t i = 0; i < set_.files.size(); ++i) {
        if (set_.files[i].get() != event.file || !seen.insert({i, event.offset, event.message}).second) continue;
        report(i, ReportedRule::stubbed_extension, {event.offset, event.offset}, event.message,
               "Validate against a server that has the extension (`--database-url`, or install its package) to check "
               "these statements too.");
      }
    }
  }

  Diagnostic undescribed_note(const std::string& language, const std::vector<std::string>& keys) {
    constexpr size_t kNamed = 12;
    std::string names;
    for (size_t i = 0; i < keys.size() && i < kNamed; ++i) names += (i == 0 ? "" : ", ") + keys[i];
    if (keys.size() > kNamed) names += fmt::format(", and {} more", keys.size() - kNamed);
    return rules_.diagnostic(
        ReportedRule::undescribed_by_model, {0, 0},
        fmt::format("{} object{} that the migrations create {} not described by the {} and {} not compared: {}", keys.size(),
                    keys.size() == 1 ? "" : "s", keys.size() == 1 ? "is" : "are", language, keys.size() == 1 ? "was" : "were",
                    names),
        "These come from raw SQL in the migrations. `--strict all` compares them too, as schema drift.");
  }

  // Hands over the files and their findings, filtered by the run's rule set.
  ValidateResult finish() {
    report_stub_events();
    if (options_.keep) result_.kept = server_->keep();
    for (std::unique_ptr<SourceFile>& file : set_.files) result_.files.push_back(std::move(file));
    for (std::unique_ptr<SourceFile>& file : model_files_) result_.files.push_back(std::move(file));
    for (size_t i = 0; i < result_.files.size(); ++i) {
      // The same select, ignore, severities and suppressions as lint.
      const std::vector<const ParsedFile*> scripts = parsed_.of_file(i);
      result_.results.push_back({result_.files[i].get(), finalize_findings(*result_.files[i], scripts,
                                                                           std::move(findings_[i]), rules_, Pass::validate)});
    }
    return std::move(result_);
  }

 private:
  ValidateSummary& summary() { return result_.summary; }

  // Starts the report row of `m`; its steps are filled in as they run.
  MigrationCheck& start_check(const Migration& m, bool at_base) {
    MigrationCheck check;
    check.version = m.version;
    check.name = m.name;
    check.file = m.up ? set_.files[m.up->file]->path() : std::string();
    check.at_base = at_base;
    result_.checks.push_back(std::move(check));
    return result_.checks.back();
  }
  MigrationCheck& current_check() { return result_.checks.back(); }

  void report(size_t file, ReportedRule rule, TextRange range, std::string message, std::string help) {
    findings_[file].push_back(rules_.diagnostic(rule, range, std::move(message), std::move(help)));
  }

  Snapshot snapshot_now(PGconn* conn) {
    const Stopwatch watch(summary().compare_seconds);
    return take_snapshot(conn, options_.strictness);
  }

  // Runs a script of the set; a script that does not parse fails at its first syntax error.
  std::optional<ScriptFailure> run(PGconn* conn, const Script& script, TransactionMode mode,
                                   Nesting nesting = Nesting::top_level, std::vector<StatementTrace>* trace = nullptr,
                                   size_t first = 0) {
    const ParsedFile& parsed = parsed_.of(set_, script);
    if (!parsed.errors().empty()) return ScriptFailure{parsed.errors()[0].offset, parsed.errors()[0].message};
    const Stopwatch watch(summary().apply_seconds);
    // With production sizes, each statement's fixed cost is measured too (see apply_script).
    const bool time_empty = trace != nullptr && !options_.table_sizes.empty() && options_.rows > 0;
    return apply_script(conn, *set_.files[script.file], parsed, mode, nesting, trace, first, &stubs_, time_empty);
  }

  // Where a whole-script finding points: the script's first statement.
  uint32_t first_statement(const Script& script) {
    const ParsedFile& parsed = parsed_.of(set_, script);
    return parsed.statements().empty() ? script.section.begin : parsed.statements()[0].range.begin;
  }

  // The differences from `expected`, read only when the server's fingerprint differs (nullopt
  // when it does not).
  std::optional<std::vector<std::string>> differences_from(PGconn* conn, const Snapshot& expected) {
    const Stopwatch watch(summary().compare_seconds);
    if (schema_fingerprint(conn, options_.strictness) == fingerprint_of(expected)) return std::nullopt;
    return describe_differences(expected, take_snapshot(conn, options_.strictness), options_.strictness);
  }

  bool apply_up(const Migration& m) {
    const auto start = std::chrono::steady_clock::now();
    const bool applied = try_apply_up(m);
    compare_with_claims(m);
    estimate_at_production_size(m);
    current_check().up = applied ? StepOutcome::passed : StepOutcome::failed;
    current_check().up_seconds = seconds_since(start);
    return applied;
  }

  bool try_apply_up(const Migration& m) {
    const ParsedFile& up = parsed_.of(set_, *m.up);
    if (!up.errors().empty()) {
      report(m.up->file, ReportedRule::migration_failed, {up.errors()[0].offset, up.errors()[0].offset + 1},
             fmt::format("migration {} cannot be applied: {}", m.version, up.errors()[0].message),
             "Fix the syntax error; the remaining migrations were not applied.");
      return false;
    }
    std::vector<StatementTrace>* trace = options_.trace ? &current_check().trace : nullptr;
    if (std::optional<ScriptFailure> failure =
            run(db_.get(), *m.up, m.transaction, in_run_ ? Nesting::inside_run : Nesting::top_level, trace)) {
      const bool with_rows = seeder_.has_rows();
      if (with_rows && passes_on_empty_tables(m, *failure, trace)) return true;
      const std::optional<std::string> extension_help =
          missing_extension_help(failure->message, PQserverVersion(db_.get()) / 10000);
      report(m.up->file, ReportedRule::migration_failed, {failure->offset, failure->offset + 1},
             fmt::format("migration {} failed{}: {}", m.version,
                         with_rows ? fmt::format(" on tables holding {} synthetic rows", options_.rows) : "",
                         failure->message),
             extension_help ? *extension_help
             : in_run_ ? fmt::format("Fix the statement; {} runs all pending migrations in one transaction, so the whole "
                                   "run is rolled back and none of its migrations stay applied.",
                                   layout_info(set_.layout).runner)
                     : std::string("Fix the statement; the runner stops here, so the later migrations were not applied."));
      return false;
    }
    return true;
  }

  // With --rows, a failure may come from the data alone: the tables are emptied and the up runs
  // again from where its effects were rolled back. When it then applies, the failure is reported
  // as one that data causes, and the run goes on (the tables are filled again before the next
  // migration).
  bool passes_on_empty_tables(const Migration& m, const ScriptFailure& failure, std::vector<StatementTrace>* trace) {
    if (in_run_) return false;
    tables_emptied_ = true;
    const ParsedFile& up = parsed_.of(set_, *m.up);
    // First only the table the error names (the tables referencing it keep their rows, see
    // Seeder::empty_keeping_keys), so the other tables keep their rows for the rest of the
    // migration; then the tables the migration names; then every table. Each table emptied is
    // filled again before the next migration.
    RetryScope scope{failure.table};
    for (;;) {
      if (!empty_before_retry(m, scope)) return false;
      std::optional<ScriptFailure> again = run_again(m, resume_point(up, m.transaction, failure.offset), trace);
      // A runner that sends the file as one query string (golang-migrate) turns the statements
      // before a BEGIN into part of its block, so the whole script was rolled back: from the top.
      if (again && again->offset < failure.offset) again = run_again(m, 0, trace);
      if (!again) break;
      if (scope.reach == RetryScope::every_table || !seeder_.has_rows()) return false;  // not the data
      scope.widen(again->table);
    }
    report(m.up->file, ReportedRule::migration_failed, {failure.offset, failure.offset + 1},
           fmt::format("migration {} fails on data: {} (every table held {} synthetic rows; with the tables emptied "
                       "it applies, and the run went on)",
                       m.version, failure.message, options_.rows),
           "Production tables hold rows: backfill before adding the constraint (UPDATE ... WHERE col IS NULL), give "
           "a new NOT NULL column a default, clean duplicates before a unique index, or check the values a cast "
           "needs in an earlier migration.");
    return true;
  }

  // What a retry after a data failure empties: the table the failure names (up to three times,
  // as each retry may fail on another table), then the tables the migration names, then every
  // table.
  struct RetryScope {
    enum Reach { named_table, named_by_migration, every_table };
    explicit RetryScope(std::string failed_on)
        : reach(failed_on.empty() ? named_by_migration : named_table), table(std::move(failed_on)) {}
    // After a retry that failed on `failed_on`.
    void widen(const std::string& failed_on) {
      if (reach == named_table && ++attempts < kTargetedAttempts && !failed_on.empty()) {
        table = failed_on;
      } else {
        reach = reach == named_table ? named_by_migration : every_table;
      }
    }
    static constexpr int kTargetedAttempts = 3;
    Reach reach;
    std::string table;
    int attempts = 0;
    std::set<std::string> emptied;  // the tables emptied on their own so far
  };

  // Empties what `scope` reaches, widening it when that would change nothing: a table emptied
  // before (the migration itself wrote the rows it then fails on), one that exists only inside
  // the failed migration, a migration naming no table that holds rows. False when PostgreSQL
  // refused.
  bool empty_before_retry(const Migration& m, RetryScope& scope) {
    const Stopwatch watch(summary().seed_seconds);
    if (scope.reach == RetryScope::named_table) {
      if (scope.emptied.insert(scope.table).second) {
        const std::optional<size_t> emptied = seeder_.empty_keeping_keys(db_.get(), {scope.table});
        if (!emptied || *emptied > 0) return emptied.has_value();
      }
      scope.reach = RetryScope::named_by_migration;
    }
    if (scope.reach == RetryScope::named_by_migration) {
      const std::string text = lowercase(set_.files[m.up->file]->slice(m.up->section));
      const std::vector<std::string> named = seeder_.filled_tables(
          db_.get(), [&](const std::string& table) { return names_table(text, lowercase(table)); });
      const std::optional<size_t> emptied = seeder_.empty_keeping_keys(db_.get(), named);
      if (!emptied || *emptied > 0) return emptied.has_value();
      scope.reach = RetryScope::every_table;
    }
    return seeder_.empty_every_table(db_.get()).has_value();
  }

  // Runs the up again from statement `from`, dropping the traces of the statements it reruns.
  std::optional<ScriptFailure> run_again(const Migration& m, size_t from, std::vector<StatementTrace>* trace) {
    const ParsedFile& up = parsed_.of(set_, *m.up);
    if (trace != nullptr && from < up.statements().size()) {
      const uint32_t rerun = up.statements()[from].range.begin;
      std::erase_if(*trace, [&](const StatementTrace& t) { return t.range.begin >= rerun; });
    }
    return run(db_.get(), *m.up, m.transaction, Nesting::top_level, trace, from);
  }

  // Down, then up again, inside a transaction that is rolled back when both scripts behave the
  // same there as in the real run; otherwise on a copy of the database.
  void check_down_and_reapply(const Migration& m, const Snapshot& after_up, const std::map<std::string, TableData>& data_before) {
    const bool checkable = checkable_in_transaction(db_.get(), parsed_.of(set_, *m.down), m.down_mode()) &&
                           checkable_in_transaction(db_.get(), parsed_.of(set_, *m.up), m.transaction);
    if (in_run_) {
      // Inside the run's transaction a savepoint stands in for the check's own transaction, and
      // a copy of the database cannot see what the run has not committed.
      if (!checkable) {
        ++summary().downs_skipped;
        current_check().down = StepOutcome::skipped;
        return;
      }
      exec(db_.get(), "SAVEPOINT miglint_check");
      check_on(db_.get(), m, after_up, data_before, Nesting::inside_check);
      exec(db_.get(), "ROLLBACK TO SAVEPOINT miglint_check");
      return;
    }
    if (checkable) {
      exec(db_.get(), "BEGIN");
      check_on(db_.get(), m, after_up, data_before, Nesting::inside_check);
      exec(db_.get(), "ROLLBACK");
      return;
    }
    const std::string database = PQdb(db_.get());
    db_.reset();  // CREATE DATABASE ... TEMPLATE needs the source to have no connection
    fill_session_.reset();
    const std::string copy = server_->copy_database(database, "check");
    {
      Connection conn = server_->connect_to(copy);
      check_on(conn.get(), m, after_up, data_before, Nesting::top_level);
    }
    server_->drop_database(copy);
    db_ = server_->connect_to(database);
  }

  // Runs the down and compares with the schema before the up, then runs the up again and
  // compares with the schema the first run gave.
  void check_on(PGconn* conn, const Migration& m, const Snapshot& after_up,
                const std::map<std::string, TableData>& data_before, Nesting nesting) {
    MigrationCheck& check = current_check();
    auto start = std::chrono::steady_clock::now();
    const std::optional<ScriptFailure> down_failure = run(conn, *m.down, m.down_mode(), nesting);
    check.down_seconds = seconds_since(start);
    check.down = down_failure ? StepOutcome::failed : StepOutcome::passed;
    if (const std::optional<ScriptFailure>& failure = down_failure) {
      ++summary().downs_failed;
      report(m.down->file, ReportedRule::migration_failed, {failure->offset, failure->offset + 1},
             fmt::format("down migration {} failed: {}", m.version, failure->message),
             "A rollback that cannot run is found at the worst moment: fix it now.");
      return;
    }
    ++summary().downs_checked;
    const std::optional<std::vector<std::string>> reverted = differences_from(conn, *previous_);
    if (reverted && !reverted->empty()) {
      check.down = StepOutcome::differs;
      const uint32_t at = first_statement(*m.down);
      report(m.down->file, ReportedRule::down_not_reverting, {at, at},
             fmt::format("down migration {} does not restore the schema it started from:{}", m.version, listed(*reverted)),
             "Undo every object the up migration creates or changes, in reverse order.");
    }
    check_data_kept(conn, m, data_before);
    start = std::chrono::steady_clock::now();
    const std::optional<ScriptFailure> reapply_failure = run(conn, *m.up, m.transaction, nesting);
    check.reapply_seconds = seconds_since(start);
    check.reapply = reapply_failure ? StepOutcome::failed : StepOutcome::passed;
    if (const std::optional<ScriptFailure>& failure = reapply_failure) {
      report(m.up->file, ReportedRule::up_not_repeatable, {failure->offset, failure->offset + 1},
             fmt::format("migration {} cannot be applied again after its down migration: {}", m.version, failure->message),
             "Make the down migration remove everything the up migration creates.");
      return;
    }
    const std::optional<std::vector<std::string>> reapplied = differences_from(conn, after_up);
    if (reapplied && !reapplied->empty()) {
      check.reapply = StepOutcome::differs;
      const uint32_t at = first_statement(*m.up);
      report(m.up->file, ReportedRule::up_not_repeatable, {at, at},
             fmt::format("applying migration {} again after its down gives a different schema:{}", m.version,
                         listed(*reapplied)),
             "Make the down migration restore exactly what the up migration found.");
    }
  }

  // With --trace: each measured statement against the lock, rewrites and scans the linter claims
  // for it.
  void compare_with_claims(const Migration& m) {
    const std::string& path = set_.files[m.up->file]->path();
    for (StatementTrace& trace : current_check().trace) {
      compare_with_effect_claims(m, path, trace);
      const auto found = claims_.find(std::pair(path, trace.range.begin));
      if (found == claims_.end()) {
        compare_with_do_block_claims(m, path, trace);
        continue;
      }
      const LockClaim& claim = *found->second;
      trace.claim = fmt::format("{} on {}", claim.mode, claim.relation);
      std::string measured = disagreement(trace, claim.mode, claim.relation);
      if (claim.if_exists && measured == "no new lock") measured.clear();  // nothing was there to drop
      trace.claim_agrees = measured.empty();
      if (measured.empty()) continue;
      report(m.up->file, ReportedRule::lint_trace_mismatch, trace.range,
             fmt::format("the linter claims {} on `{}` for this statement; the server took {} on it (measured by "
                         "validate --trace)",
                         claim.mode, claim.relation, measured),
             kReportLockMismatch);
    }
  }

  // A DO block: its trace against the claims of its body's statements, combined (the strongest
  // mode claimed on each relation), when the body runs every one of them.
  void compare_with_do_block_claims(const Migration& m, const std::string& path, StatementTrace& trace) {
    std::vector<const LockClaim*> inside;
    for (auto it = do_claims_.lower_bound(std::pair(path, trace.range.begin + 1));
         it != do_claims_.end() && it->first.first == path && it->first.second < trace.range.end; ++it) {
      inside.push_back(it->second);
    }
    std::vector<std::string> claimed;
    std::vector<std::string> measured;
    for (const auto& [relation, mode] : strongest_claims(inside)) {
      claimed.push_back(fmt::format("{} on {}", mode, relation));
      const std::string took = disagreement(trace, mode, relation);
      if (!took.empty()) measured.push_back(fmt::format("{} on `{}`", took, relation));
    }
    if (claimed.empty()) return;
    trace.claim = join(claimed);
    trace.claim_agrees = measured.empty();
    if (measured.empty()) return;
    report(m.up->file, ReportedRule::lint_trace_mismatch, trace.range,
           fmt::format("the linter claims {} for the statements of this DO block; the server took {} (measured by "
                       "validate --trace)",
                       join(claimed), join(measured)),
           kReportLockMismatch);
  }

  // The rewrites and scans that rules predict for the statement (their findings lie inside it).
  void compare_with_effect_claims(const Migration& m, const std::string& path, const StatementTrace& trace) {
    const auto first = effects_.lower_bound(std::pair(path, trace.range.begin));
    const auto last = effects_.lower_bound(std::pair(path, trace.range.end));
    for (auto it = first; it != last; ++it) {
      const EffectClaim& claim = *it->second;
      const std::string measured = effect_disagreement(trace, claim.effect);
      if (measured.empty()) continue;
      const bool rewrite = claim.effect.kind == PredictedEffect::Kind::rewrite;
      report(m.up->file, ReportedRule::lint_trace_mismatch, trace.range,
             fmt::format("`{}` says this statement {} `{}`; the server {} (measured by validate --trace)", claim.rule,
                         rewrite ? "rewrites" : "reads every row of", claim.effect.table, measured),
             "The rule reasons from that prediction: please report this with the statement and the server version.");
    }
  }

  // With --trace, --rows and production sizes: each statement's time at production size, and
  // the locks it would hold longer than their budget.
  void estimate_at_production_size(const Migration& m) {
    if (options_.table_sizes.empty() || options_.rows <= 0) return;
    estimate_production_cost(current_check().trace, options_.table_sizes, options_.rows);
    for (const StatementTrace& trace : current_check().trace) {
      const std::string over = over_budget(trace, options_.lock_budgets);
      if (over.empty()) continue;
      report(m.up->file, ReportedRule::lock_over_budget, trace.range,
             fmt::format("at production size this statement would hold {} (estimated from {:.3f} s on {} synthetic "
                         "rows)",
                         over, trace.seconds, options_.rows),
             "Rewrite it to hold the lock briefly: a new column backfilled in batches, CONCURRENTLY, NOT VALID then "
             "VALIDATE; or run it in a maintenance window.");
    }
  }

  // With --rows: fills the tables the migrations created since the last fill.
  void fill_tables() {
    if (options_.rows <= 0) return;
    const Stopwatch watch(summary().seed_seconds);
    // With --jobs 2 or more a second session fills tables at the same time (documenso's first
    // migration creates 17 tables; a retry after a data failure may empty 30).
    const auto second_session = [this]() -> PGconn* {
      if (!fill_session_ && !fill_session_refused_) {
        try {
          fill_session_ = server_->connect_to(PQdb(db_.get()));
        } catch (const Error& error) {
          // A server at max_connections, say: one session fills alone, as with --jobs 1.
          fill_session_refused_ = true;
          progress(fmt::format("filling on one session: {}", error.what()));
        }
      }
      return fill_session_.get();
    };
    for (const SeedNote& note :
         options_.jobs > 1 ? seeder_.fill_new_tables(db_.get(), second_session) : seeder_.fill_new_tables(db_.get())) {
      summary().seed_notes.push_back(fmt::format("{} got {} of {} rows{}: {}", note.table, note.added, options_.rows,
                                                 note.existing > 0 ? fmt::format(" (it held {} before)", note.existing) : "",
                                                 note.reason));
    }
    summary().tables_filled = seeder_.tables_filled();
  }

  // With --rows: the data of the tables the migration may touch, to compare after the down
  // (empty without --rows). Reading every table twice per migration costs more than the
  // migrations themselves, so only tables whose name appears in the up or the down are read, or
  // every table when either drops or truncates with CASCADE (which reaches tables it does not
  // name).
  std::map<std::string, TableData> data_now(PGconn* conn, const Migration& m) {
    if (options_.rows <= 0) return {};
    const Stopwatch watch(summary().seed_seconds);
    std::string text;
    for (const Script* script : {&*m.up, &*m.down}) text += lowercase(set_.files[script->file]->slice(script->section));
    const bool cascades = cascades_beyond_named_tables(text);
    return read_table_data(conn, [&](const std::string& table) {
      return cascades || names_table(text, lowercase(table));
    });
  }

  // Compares the data after the down with the data before the up (down-loses-data).
  void check_data_kept(PGconn* conn, const Migration& m, const std::map<std::string, TableData>& data_before) {
    if (data_before.empty()) return;
    const std::vector<std::string> lost = lost_data(data_before, data_now(conn, m));
    if (lost.empty()) return;
    const uint32_t at = first_statement(*m.down);
    report(m.down->file, ReportedRule::down_loses_data, {at, at},
           fmt::format("rolling back migration {} loses data that was there before its up (up then down, on {} "
                       "synthetic rows per table):{}",
                       m.version, options_.rows, listed(lost)),
           "Revert in place (ALTER back, with USING where a type changes) instead of dropping and recreating; "
           "what the up itself destroys, no down can bring back: say so in the migration.");
  }

  Diagnostic model_failure(const ScriptFailure& failure) const {
    return rules_.diagnostic(ReportedRule::schema_drift, {failure.offset, failure.offset + 1},
                             fmt::format("the model cannot be loaded: {}", failure.message),
                             "Fix the model file; miglint loads it into an empty database.");
  }

  // Each differing object's key and its finding.
  std::vector<std::pair<std::string, Diagnostic>> drift_from(const Snapshot& expected, const Snapshot& actual,
                                                             const std::string& language) {
    const Stopwatch watch(summary().compare_seconds);
    const std::vector<std::string> keys =
        without_parts_of_reported_tables(differing_keys(expected, actual, options_.strictness));
    summary().drift += keys.size();
    std::vector<std::pair<std::string, Diagnostic>> findings;
    for (const std::string& key : keys) {
      const std::string ddl = closing_ddl(key, expected, actual);
      findings.emplace_back(key, rules_.diagnostic(
          ReportedRule::schema_drift, {0, 0},
          fmt::format("the migrated schema differs from this {}: {}", language, describe_difference(key, expected, actual)),
          ddl.empty() ? "Add a migration that makes the schema match the model, or update the model."
                      : "Add a migration with: " + ddl));
    }
    return findings;
  }

  MigrationSet& set_;
  const ValidateOptions& options_;
  const RuleSet& rules_;
  ValidateResult result_;
  std::vector<std::vector<Diagnostic>> findings_;  // per file of the set, then per model
  std::optional<Server> server_;
  Connection db_;
  Connection fill_session_;  // --rows fills on a second session too (opened at the first fill that can)
  bool fill_session_refused_ = false;  // the server refused that session: fill on one
  bool in_run_ = false;  // inside the run's one transaction (RunGrouping::whole_run)
  ParsedScripts parsed_;
  // The schema before the current migration; only read when a down migration needs comparing.
  std::optional<Snapshot> previous_;
  std::vector<std::unique_ptr<SourceFile>> model_files_;
  ExtensionStubs stubs_;  // --stub-extension's stand-ins, and what they did
  std::vector<std::vector<const SourceFile*>> model_groups_;  // each model's files, in model_files_
  std::vector<std::future<ModelLoad>> model_loads_;  // per model group
  Seeder seeder_;
  std::map<std::pair<std::string, uint32_t>, const LockClaim*> claims_;  // by (file, statement offset)
  std::multimap<std::pair<std::string, uint32_t>, const LockClaim*> do_claims_;  // of DO bodies' statements
  std::multimap<std::pair<std::string, uint32_t>, const EffectClaim*> effects_;  // by (file, finding offset)
  bool tables_emptied_ = false;  // the current up failed on the data and ran again on empty tables
};

}  // namespace

std::string_view to_string(StepOutcome outcome) {
  switch (outcome) {
    case StepOutcome::not_run: return "not run";
    case StepOutcome::passed: return "passed";
    case StepOutcome::failed: return "failed";
    case StepOutcome::differs: return "differs";
    case StepOutcome::skipped: return "skipped";
  }
  return "not run";
}

std::string snapshot_to_json(const Snapshot& snapshot) {
  return nlohmann::json{{"version", 1}, {"objects", snapshot}}.dump(2) + "\n";
}

ValidateResult validate(MigrationSet set, const ValidateOptions& options, const RuleSet& rules) {
  Validation validation(set, options, rules);
  const Validation::BasePrefix base = validation.base_prefix();
  validation.start_server(base);
  const size_t first = validation.apply_base(base);
  validation.start_model_loads();
  if (first < base.count) {
    validation.skip_remaining_downs(base.count);  // those before are counted as applied at the base
    validation.list_not_run(first + 1, base.count);
    validation.compare_models();
    return validation.finish();
  }
  validation.begin_run();
  bool succeeded = true;
  for (size_t i = first; i < set.migrations.size() && succeeded; ++i) {
    const Migration& m = set.migrations[i];
    if (!m.up) continue;
    validation.progress(fmt::format("[{}/{}] {} {}", i + 1, set.migrations.size(), m.version, m.name));
    if (!validation.apply_migration(m)) {
      validation.skip_remaining_downs(i);
      validation.list_not_run(i + 1, 0);
      succeeded = false;
    }
  }
  validation.end_run(succeeded);
  validation.compare_models();
  return validation.finish();
}

}  // namespace miglint::validate
