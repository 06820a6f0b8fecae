#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace miglint::validate {

/// Where the PostgreSQL server programs are, and their major version.
struct PgInstallation {
  /// Directory with initdb, pg_ctl and postgres.
  std::filesystem::path bindir;
  /// Major version, from `postgres --version`.
  int major = 0;
};

/// Finds the server programs: `--pg-bin`, then PATH, then `pg_config --bindir`, then the newest
/// /usr/lib/postgresql/*/bin. Throws Error saying how to install PostgreSQL when none is found.
PgInstallation find_postgres(const std::optional<std::filesystem::path>& pg_bin);

/// A private PostgreSQL server for one run: data directory in a fresh 0700 temp directory, Unix
/// socket only (`listen_addresses=''`), durability off. As root it runs as the `postgres` user
/// (or `nobody`), since PostgreSQL refuses to run as root. The first run caches an initialised
/// data directory as a template, so later runs copy it instead of running initdb. The server is
/// stopped and the directory removed by the destructor, and also on SIGINT/SIGTERM when
/// Cleanups::watch_signals() is active.
class TempCluster {
 public:
  /// Initialises (or copies the template) and starts the server; throws Error with the server's
  /// log on failure, leaving nothing behind.
  explicit TempCluster(const PgInstallation& installation);
  /// Stops the server and removes its directory.
  ~TempCluster();
  TempCluster(const TempCluster&) = delete;
  TempCluster& operator=(const TempCluster&) = delete;

  /// A libpq connection string for `database` as `user` over the socket.
  std::string conninfo(const std::string& database, const std::string& user) const;
  /// The bootstrap superuser's name.
  static constexpr const char* kSuperuser = "miglint";
  /// The temp directory (socket and data live inside).
  const std::filesystem::path& directory() const { return directory_; }
  /// Leaves the server running and its directory in place (for --keep): nothing is stopped or
  /// removed any more. Returns how to stop and remove it by hand.
  std::string release();
  /// True when the data directory came from the cached template.
  bool from_template() const { return from_template_; }

 private:
  void stop();

  PgInstallation installation_;
  std::filesystem::path directory_;
  std::vector<std::string> run_as_;
  size_t cleanup_ = 0;
  bool started_ = false;
  bool from_template_ = false;
};

}  // namespace miglint::validate
