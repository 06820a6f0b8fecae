#include "validator/server.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <random>

namespace miglint::validate {

namespace {

constexpr const char* kRunnerRole = "miglint_runner";
constexpr const char* kBaseDatabase = "miglint_base";
// Base states kept per server version and user; older ones are removed when a new one is saved.
constexpr size_t kKeptBaseStates = 3;

std::string base_state_name(const std::string& key) { return "base-" + key; }

std::string scratch_name(const std::string& purpose) {
  std::random_device random;
  return fmt::format("miglint_{}_{}_{:x}", purpose, ::getpid(), random());
}

}  // namespace

Server::Server(const std::optional<std::filesystem::path>& pg_bin, const std::optional<std::string>& database_url,
               std::string statement_timeout, const std::optional<std::string>& base_key, uintmax_t memory_needed)
    : database_url_(database_url), statement_timeout_(std::move(statement_timeout)) {
  if (!database_url_) {
    cluster_.emplace(find_postgres(pg_bin), base_key ? std::optional(base_state_name(*base_key)) : std::nullopt,
                     memory_needed);
    if (cluster_->from_saved()) databases_.push_back(kBaseDatabase);
  }
  admin_ = admin_connection("postgres");
  if (cluster_) {
    // The role may turn triggers off (PostgreSQL 15 and later), which --rows uses to fill tables
    // without a foreign-key check per row; nothing else it may do changes.
    exec(admin_.get(), fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{0}') THEN "
                                   "CREATE ROLE {0} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; "
                                   "IF current_setting('server_version_num')::int >= 150000 THEN "
                                   "EXECUTE 'GRANT SET ON PARAMETER session_replication_role TO {0}'; END IF; END $$",
                                   kRunnerRole));
  }
}

std::vector<std::string> Server::keep() {
  std::vector<std::string> notes;
  for (const std::string& database : databases_) {
    notes.push_back(fmt::format("kept database {}: psql \"{}\"", database,
                                cluster_ ? cluster_->conninfo(database, TempCluster::kSuperuser)
                                         : fmt::format("{} (dbname={})", *database_url_, database)));
  }
  if (cluster_) notes.push_back("the server keeps running; stop and remove it with: " + cluster_->release());
  databases_.clear();
  return notes;
}

Server::~Server() {
  for (const std::string& database : databases_) {
    try {
      exec(admin_.get(), fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_identifier(admin_.get(), database)));
    } catch (...) {
      // Best effort: the cluster is removed anyway; on an external server say what is left.
    }
  }
}

Connection Server::scratch(const std::string& purpose) { return connect_to(create_database(purpose, "template0")); }

std::string Server::copy_database(const std::string& source, const std::string& purpose) {
  return create_database(purpose, source);
}

void Server::drop_database(const std::string& database) {
  const std::lock_guard lock(admin_mutex_);
  exec(admin_.get(), fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_identifier(admin_.get(), database)));
  std::erase(databases_, database);
}

std::optional<std::string> Server::saved_base() const {
  return cluster_ && cluster_->from_saved() ? std::optional<std::string>(kBaseDatabase) : std::nullopt;
}

std::string Server::save_base(const std::string& database, const std::string& key) {
  if (!cluster_) return database;
  const std::lock_guard lock(admin_mutex_);
  exec(admin_.get(), fmt::format("ALTER DATABASE {} RENAME TO {}", quote_identifier(admin_.get(), database), kBaseDatabase));
  // Every later run copies the saved data directory file by file: leave out the one database
  // miglint never uses (scratch databases come from template0 or from copies).
  exec(admin_.get(), "ALTER DATABASE template1 IS_TEMPLATE false");
  exec(admin_.get(), "DROP DATABASE template1");
  std::replace(databases_.begin(), databases_.end(), database, std::string(kBaseDatabase));
  admin_.reset();
  cluster_->save_data_directory(base_state_name(key), kKeptBaseStates);
  admin_ = admin_connection("postgres");
  return kBaseDatabase;
}

Connection Server::connect_to(const std::string& database) {
  Connection conn = cluster_ ? connect(cluster_->conninfo(database, kRunnerRole)) : connect(*database_url_, {{"dbname", database}});
  // No JIT, as on the private server (TempCluster::start): with --rows the planner's estimates
  // for the fills' joins reach jit_above_cost, and on a --database-url server with JIT on,
  // compiling took 0.6 s for a fill of 1,000 rows that runs in 10 ms (documenso: 2.8 s of its
  // fills instead of 0.8 s), and it would distort every statement's measured time.
  exec(conn.get(), fmt::format("SET statement_timeout = '{}'; SET jit = off", statement_timeout_));
  return conn;
}

std::string Server::create_database(const std::string& purpose, const std::string& template_database) {
  const std::lock_guard lock(admin_mutex_);
  const std::string name = scratch_name(purpose);
  const std::string owner = cluster_ ? std::string(kRunnerRole) : std::string(PQuser(admin_.get()));
  try {
    // Copying a small database file by file (PostgreSQL 15+) beats writing it block by block
    // through the WAL, the default: about 40 % less time on the copies of a 200-migration history.
    const bool file_copy = template_database != "template0" && PQserverVersion(admin_.get()) >= 150000;
    exec(admin_.get(), fmt::format("CREATE DATABASE {} OWNER {} TEMPLATE {}{}", quote_identifier(admin_.get(), name),
                                   quote_identifier(admin_.get(), owner), quote_identifier(admin_.get(), template_database),
                                   file_copy ? " STRATEGY FILE_COPY" : ""));
  } catch (const ServerError& error) {
    if (error.sqlstate() == "42501") {
      throw Error(fmt::format("the --database-url user `{}` may not create databases: grant it CREATEDB, or let "
                              "miglint start its own server (omit --database-url)",
                              PQuser(admin_.get())));
    }
    throw;
  }
  databases_.push_back(name);
  return name;
}

void Server::run_as_admin(const std::string& database, const std::string& sql) {
  const Connection conn = cluster_ ? admin_connection(database) : connect(*database_url_, {{"dbname", database}});
  exec(conn.get(), sql);
}

Connection Server::admin_connection(const std::string& database) {
  return cluster_ ? connect(cluster_->conninfo(database, TempCluster::kSuperuser)) : connect(*database_url_);
}

}  // namespace miglint::validate
