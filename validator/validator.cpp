#include "validator/validator.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "linter/error.hpp"
#include "linter/findings.hpp"
#include "linter/rule_set.hpp"
#include "validator/cleanup.hpp"
#include "validator/drift_ddl.hpp"
#include "validator/executor.hpp"
#include "validator/pq.hpp"
#include "validator/prisma.hpp"
#include "validator/temp_cluster.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRunnerRole = "miglint_runner";
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


std::string listed(const std::vector<std::string>& differences) {
  std::string out;
  for (size_t i = 0; i < differences.size() && i < kMaxListedDifferences; ++i) out += "\n  - " + differences[i];
  if (differences.size() > kMaxListedDifferences) {
    out += fmt::format("\n  - ... and {} more", differences.size() - kMaxListedDifferences);
  }
  return out;
}

std::string scratch_name(const std::string& purpose) {
  std::random_device random;
  return fmt::format("miglint_{}_{}_{:x}", purpose, ::getpid(), random());
}

// Where the migrations run: a private cluster or an existing server, one scratch database per
// purpose, owned by an unprivileged role so untrusted SQL cannot reach the machine.
class Server {
 public:
  explicit Server(const ValidateOptions& options) : options_(options) {
    if (!options.database_url) {
      cluster_.emplace(find_postgres(options.pg_bin));
    }
    admin_ = admin_connection("postgres");
    if (cluster_) {
      exec(admin_.get(), fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{0}') THEN "
                                     "CREATE ROLE {0} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$",
                                     kRunnerRole));
    }
  }

  // With --keep: leaves everything in place and says how to reach and remove it.
  std::vector<std::string> keep() {
    std::vector<std::string> notes;
    for (const std::string& database : databases_) {
      notes.push_back(fmt::format("kept database {}: psql \"{}\"", database,
                                  cluster_ ? cluster_->conninfo(database, TempCluster::kSuperuser)
                                           : fmt::format("{} (dbname={})", *options_.database_url, database)));
    }
    if (cluster_) notes.push_back("the server keeps running; stop and remove it with: " + cluster_->release());
    databases_.clear();
    return notes;
  }

  ~Server() {
    for (const std::string& database : databases_) {
      try {
        exec(admin_.get(), fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_identifier(admin_.get(), database)));
      } catch (...) {
        // Best effort: the cluster is removed anyway; on an external server say what is left.
      }
    }
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Creates a scratch database and connects to it as the role that runs the migrations.
  // Thread-safe: models may load on other threads while the migrations run.
  Connection scratch(const std::string& purpose) {
    const std::lock_guard lock(admin_mutex_);
    const std::string name = scratch_name(purpose);
    const std::string owner = cluster_ ? std::string(kRunnerRole) : std::string(PQuser(admin_.get()));
    try {
      exec(admin_.get(), fmt::format("CREATE DATABASE {} OWNER {} TEMPLATE template0", quote_identifier(admin_.get(), name),
                                     quote_identifier(admin_.get(), owner)));
    } catch (const ServerError& error) {
      if (error.sqlstate() == "42501") {
        throw Error(fmt::format("the --database-url user `{}` may not create databases: grant it CREATEDB, or let "
                                "miglint start its own server (omit --database-url)",
                                PQuser(admin_.get())));
      }
      throw;
    }
    databases_.push_back(name);
    Connection conn = cluster_ ? connect(cluster_->conninfo(name, kRunnerRole))
                               : connect(*options_.database_url, {{"dbname", name}});
    exec(conn.get(), fmt::format("SET statement_timeout = '{}'", options_.statement_timeout));
    return conn;
  }

 private:
  Connection admin_connection(const std::string& database) {
    return cluster_ ? connect(cluster_->conninfo(database, TempCluster::kSuperuser)) : connect(*options_.database_url);
  }

  const ValidateOptions& options_;
  std::optional<TempCluster> cluster_;
  std::mutex admin_mutex_;
  Connection admin_;
  std::vector<std::string> databases_;
};

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
      it = by_script.emplace(key, ParsedFile::parse(file.text(), section)).first;
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

// A table that is missing or extra is one finding (its DDL covers its columns and constraints),
// not one per column.
std::vector<std::string> without_parts_of_reported_tables(const std::vector<std::string>& keys) {
  std::set<std::string> tables;
  for (const std::string& key : keys) {
    if (key.starts_with("table ")) tables.insert(key.substr(6));
  }
  std::vector<std::string> out;
  for (const std::string& key : keys) {
    bool part_of_table = false;
    for (const char* kind : {"column ", "constraint "}) {
      if (key.starts_with(kind)) {
        const std::string rest = key.substr(std::string_view(kind).size());
        part_of_table = tables.contains(rest.substr(0, rest.rfind('.')));
      }
    }
    if (!part_of_table) out.push_back(key);
  }
  return out;
}

std::string without_psql_meta_commands(std::string_view text) {
  std::string out(text);
  size_t line = 0;
  while (line < out.size()) {
    size_t end = out.find('\n', line);
    if (end == std::string::npos) end = out.size();
    const size_t first = out.find_first_not_of(" \t", line);
    if (first < end && out[first] == '\\') {
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(first), out.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    }
    line = end + 1;
  }
  return out;
}

// What loading one model gave: its schema, or why it could not be loaded.
struct ModelLoad {
  std::optional<ScriptFailure> failure;
  std::optional<Snapshot> expected;
};

// A model is a miglint snapshot (.json) or SQL, which is loaded into a scratch database and read
// back, so the server normalises it exactly like the migrated schema.
std::optional<ScriptFailure> load_model(Server& server, const SourceFile& file, Strictness strictness,
                                        std::optional<Snapshot>& expected) {
  if (file.path().ends_with(".json")) {
    try {
      const nlohmann::json document = nlohmann::json::parse(file.text());
      if (document.value("version", 0) != 1 || !document.contains("objects")) {
        return ScriptFailure{0, "not a miglint schema snapshot (expected {\"version\": 1, \"objects\": {...}})"};
      }
      expected = document.at("objects").get<Snapshot>();
      return std::nullopt;
    } catch (const nlohmann::json::exception& error) {
      const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&error);
      return ScriptFailure{parse != nullptr ? static_cast<uint32_t>(parse->byte > 0 ? parse->byte - 1 : 0) : 0, error.what()};
    }
  }
  if (file.path().ends_with(".prisma")) {
    const PrismaDdl ddl = prisma_to_ddl(file.text());
    if (!ddl.error.empty()) return ScriptFailure{ddl.error_offset, ddl.error};
    Connection model_db = server.scratch("models");
    const ParsedFile parsed = ParsedFile::parse(ddl.sql, {0, static_cast<uint32_t>(ddl.sql.size())});
    const SourceFile generated(file.path() + " (as DDL)", ddl.sql);
    std::optional<ScriptFailure> failure = parsed.errors().empty()
                                               ? apply_script(model_db.get(), generated, parsed, TransactionMode::none)
                                               : std::optional(ScriptFailure{0, parsed.errors()[0].message});
    if (failure) {
      // Offsets point into the generated DDL, not the schema file: name the statement instead.
      const std::string statement(generated.slice(generated.lines().line_range(generated.position(failure->offset).line)));
      return ScriptFailure{0, fmt::format("{} (in the DDL generated for `{}`)", failure->message, statement)};
    }
    expected = take_snapshot(model_db.get(), strictness);
    return std::nullopt;
  }
  Connection model_db = server.scratch("models");
  // pg_dump output holds psql meta-commands (\connect, \restrict): blank them out, keeping every
  // offset, so the SQL around them parses and positions stay right.
  const std::string sql = without_psql_meta_commands(file.text());
  const ParsedFile model_sql = ParsedFile::parse(sql, {bom_length(sql), static_cast<uint32_t>(sql.size())});
  const std::optional<ScriptFailure> failure =
      model_sql.errors().empty() ? apply_script(model_db.get(), file, model_sql, TransactionMode::none)
                                 : std::optional(ScriptFailure{model_sql.errors()[0].offset, model_sql.errors()[0].message});
  if (!failure) expected = take_snapshot(model_db.get(), strictness);
  return failure;
}

}  // namespace

std::string snapshot_to_json(const Snapshot& snapshot) {
  return nlohmann::json{{"version", 1}, {"objects", snapshot}}.dump(2) + "\n";
}

ValidateResult validate(MigrationSet set, const ValidateOptions& options, const RuleSet& rules) {
  ValidateResult result;
  ValidateSummary& summary = result.summary;
  std::vector<std::vector<Diagnostic>> diagnostics(set.files.size());
  auto report = [&](size_t file, Diagnostic d) { diagnostics[file].push_back(std::move(d)); };
  auto progress = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };

  std::optional<Server> server;
  Connection db;
  {
    const Stopwatch watch(summary.setup_seconds);
    progress("starting PostgreSQL");
    server.emplace(options);
    db = server->scratch("migrations");
  }
  // Models do not depend on the migrations: with more than one session they load meanwhile.
  std::vector<std::unique_ptr<SourceFile>> model_files;
  std::vector<std::future<ModelLoad>> model_loads;
  for (const fs::path& model : options.models) {
    model_files.push_back(read_source_file(model.string()));
    if (options.jobs > 1) {
      const SourceFile* file = model_files.back().get();
      model_loads.push_back(std::async(std::launch::async, [&server, file, &options] {
        ModelLoad load;
        load.failure = load_model(*server, *file, options.strictness, load.expected);
        return load;
      }));
    }
  }
  ParsedScripts parsed;
  // The schema before the current migration; only read when a down migration needs comparing.
  std::optional<Snapshot> previous;
  auto snapshot_now = [&] {
    const Stopwatch watch(summary.compare_seconds);
    return take_snapshot(db.get(), options.strictness);
  };
  for (size_t i = 0; i < set.migrations.size(); ++i) {
    const Migration& m = set.migrations[i];
    if (!m.up) continue;
    const SourceFile& up_file = *set.files[m.up->file];
    const ParsedFile& up = parsed.of(set, *m.up);
    if (!up.errors().empty()) {
      report(m.up->file, rules.diagnostic(ReportedRule::migration_failed, {up.errors()[0].offset, up.errors()[0].offset + 1},
                                 fmt::format("migration {} cannot be applied: {}", m.version, up.errors()[0].message),
                                 "Fix the syntax error; the remaining migrations were not applied."));
      break;
    }
    progress(fmt::format("[{}/{}] {} {}", i + 1, set.migrations.size(), m.version, m.name));
    const bool check_down = m.down && !options.ups_only;
    if (check_down && !previous) previous = snapshot_now();
    std::optional<ScriptFailure> failure;
    {
      const Stopwatch watch(summary.apply_seconds);
      failure = apply_script(db.get(), up_file, up, m.transaction);
    }
    if (failure) {
      report(m.up->file, rules.diagnostic(ReportedRule::migration_failed, {failure->offset, failure->offset + 1},
                                 fmt::format("migration {} failed: {}", m.version, failure->message),
                                 "Fix the statement; the runner stops here, so the later migrations were not applied."));
      break;
    }
    ++summary.applied;
    if (!check_down) {
      previous.reset();
      continue;
    }
    Snapshot after_up = snapshot_now();
    {
      const SourceFile& down_file = *set.files[m.down->file];
      const ParsedFile& down = parsed.of(set, *m.down);
      const uint32_t down_at = down.statements().empty() ? m.down->section.begin : down.statements()[0].range.begin;
      {
        const Stopwatch watch(summary.apply_seconds);
        failure = down.errors().empty() ? apply_script(db.get(), down_file, down, m.transaction)
                                        : std::optional(ScriptFailure{down.errors()[0].offset, down.errors()[0].message});
      }
      if (failure) {
        report(m.down->file, rules.diagnostic(ReportedRule::migration_failed, {failure->offset, failure->offset + 1},
                                     fmt::format("down migration {} failed: {}", m.version, failure->message),
                                     "A rollback that cannot run is found at the worst moment: fix it now."));
        break;
      }
      ++summary.downs_checked;
      std::string fingerprint;
      {
        const Stopwatch watch(summary.compare_seconds);
        fingerprint = schema_fingerprint(db.get(), options.strictness);
      }
      if (fingerprint != fingerprint_of(*previous)) {
        const Stopwatch watch(summary.compare_seconds);
        const std::vector<std::string> differences =
            describe_differences(*previous, take_snapshot(db.get(), options.strictness), options.strictness);
        if (!differences.empty()) report(m.down->file,
               rules.diagnostic(ReportedRule::down_not_reverting, {down_at, down_at},
                       fmt::format("down migration {} does not restore the schema it started from:{}", m.version,
                                   listed(differences)),
                       "Undo every object the up migration creates or changes, in reverse order."));
      }
      {
        const Stopwatch watch(summary.apply_seconds);
        failure = apply_script(db.get(), up_file, up, m.transaction);
      }
      if (failure) {
        report(m.up->file, rules.diagnostic(ReportedRule::up_not_repeatable, {failure->offset, failure->offset + 1},
                                   fmt::format("migration {} cannot be applied again after its down migration: {}",
                                               m.version, failure->message),
                                   "Make the down migration remove everything the up migration creates."));
        break;
      }
      const Stopwatch watch(summary.compare_seconds);
      if (schema_fingerprint(db.get(), options.strictness) != fingerprint_of(after_up)) {
        const std::vector<std::string> differences =
            describe_differences(after_up, take_snapshot(db.get(), options.strictness), options.strictness);
        const uint32_t at = up.statements().empty() ? m.up->section.begin : up.statements()[0].range.begin;
        if (!differences.empty()) report(m.up->file, rules.diagnostic(ReportedRule::up_not_repeatable, {at, at},
                                   fmt::format("applying migration {} again after its down gives a different schema:{}",
                                               m.version, listed(differences)),
                                   "Make the down migration restore exactly what the up migration found."));
        after_up = take_snapshot(db.get(), options.strictness);
      }
    }
    previous = std::move(after_up);
  }

  // The models: loaded into a scratch database of their own, so both sides are normalised by the
  // same server.
  if ((!options.models.empty() || options.ups_only) && !previous) previous = snapshot_now();
  if (options.ups_only) result.final_schema = previous;
  for (size_t i = 0; i < model_files.size(); ++i) {
    const SourceFile& file = *model_files[i];
    progress(fmt::format("loading model {}", file.path()));
    std::vector<Diagnostic> model_findings;
    ModelLoad load;
    if (options.jobs > 1) {
      load = model_loads[i].get();
    } else {
      load.failure = load_model(*server, file, options.strictness, load.expected);
    }
    const std::optional<ScriptFailure>& failure = load.failure;
    const std::optional<Snapshot>& expected = load.expected;
    if (failure) {
      model_findings.push_back(rules.diagnostic(ReportedRule::schema_drift, {failure->offset, failure->offset + 1},
                                       fmt::format("the model cannot be loaded: {}", failure->message),
                                       "Fix the model file; miglint loads it into an empty database."));
    } else {
      const Stopwatch watch(summary.compare_seconds);
      const std::vector<std::string> keys = without_parts_of_reported_tables(differing_keys(*expected, *previous, options.strictness));
      summary.drift += keys.size();
      for (const std::string& key : keys) {
        const std::string ddl = closing_ddl(key, *expected, *previous);
        model_findings.push_back(rules.diagnostic(
            ReportedRule::schema_drift, {0, 0},
            fmt::format("the migrated schema differs from this model: {}", describe_difference(key, *expected, *previous)),
            ddl.empty() ? "Add a migration that makes the schema match the model, or update the model."
                        : "Add a migration with: " + ddl));
      }
    }
    diagnostics.push_back(std::move(model_findings));
  }

  if (options.keep) result.kept = server->keep();
  for (std::unique_ptr<SourceFile>& file : set.files) result.files.push_back(std::move(file));
  for (std::unique_ptr<SourceFile>& file : model_files) result.files.push_back(std::move(file));
  for (size_t i = 0; i < result.files.size(); ++i) {
    // The same select, ignore, severities and suppressions as lint.
    const std::vector<const ParsedFile*> scripts = parsed.of_file(i);
    result.results.push_back({result.files[i].get(), finalize_findings(*result.files[i], scripts, std::move(diagnostics[i]),
                                                                        rules, Pass::validate)});
  }
  return result;
}

}  // namespace miglint::validate
