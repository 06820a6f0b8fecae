#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "validator/pq.hpp"
#include "validator/temp_cluster.hpp"

namespace miglint::validate {

/// Where migrations run: a private cluster (started on construction, removed on destruction) or an
/// existing server. Every database miglint works in is a scratch database it created, owned by an
/// unprivileged role, so untrusted migration SQL cannot reach the machine.
class Server {
 public:
  /// Starts a private cluster from the binaries in `pg_bin` (or found on the machine), or connects
  /// to `database_url` when given. Throws Error when neither works. With `base_key`, a private
  /// cluster starts from the base state saved under that key, when there is one. A private
  /// cluster's directory goes in memory when `memory_needed` bytes are free there (TempCluster).
  Server(const std::optional<std::filesystem::path>& pg_bin, const std::optional<std::string>& database_url,
         std::string statement_timeout, const std::optional<std::string>& base_key = {}, uintmax_t memory_needed = 0);
  /// Drops every scratch database that was not kept; the private cluster is removed with it.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Creates a scratch database named after `purpose` and connects to it as the role that runs
  /// the migrations, with the statement timeout set. Thread-safe.
  Connection scratch(const std::string& purpose);
  /// Connects (again) to a scratch database as the role that runs the migrations.
  Connection connect_to(const std::string& database);
  /// Creates a scratch database as a copy of `source` (which must have no open connection),
  /// for checks that must not change it. Returns its name. Thread-safe.
  std::string copy_database(const std::string& source, const std::string& purpose);
  /// Drops a scratch database (its connections must be closed).
  void drop_database(const std::string& database);
  /// The database holding the base state the private cluster started from, if it did.
  std::optional<std::string> saved_base() const;
  /// Saves `database` (with no open connection) as the base state for `key`, for later runs of a
  /// private cluster; returns the database's name afterwards. Does nothing on an external server,
  /// where miglint leaves nothing behind.
  std::string save_base(const std::string& database, const std::string& key);
  /// Leaves every scratch database (and the private server) in place; returns how to reach and
  /// remove them.
  std::vector<std::string> keep();
  /// Runs miglint's own SQL (never a migration's) in `database` as the administrative role, for
  /// what the migrations' role may not do: creating --stub-extension's stand-in types.
  void run_as_admin(const std::string& database, const std::string& sql);

 private:
  Connection admin_connection(const std::string& database);
  std::string create_database(const std::string& purpose, const std::string& template_database);

  std::optional<std::string> database_url_;
  std::string statement_timeout_;
  std::optional<TempCluster> cluster_;
  std::mutex admin_mutex_;
  Connection admin_;
  std::vector<std::string> databases_;
};

}  // namespace miglint::validate
