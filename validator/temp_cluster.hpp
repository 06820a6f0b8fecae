#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "linter/process.hpp"

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

/// Where a private server's directory goes: in memory (/dev/shm) when it is a tmpfs with at
/// least `memory_needed` bytes free and $TMPDIR is not set; otherwise in the temp directory
/// ($TMPDIR, else /tmp; Error when that is no directory). 0 never uses memory. `memory` is the candidate (tests pass another).
std::filesystem::path server_directory_parent(uintmax_t memory_needed, const std::filesystem::path& memory = "/dev/shm");

/// A private PostgreSQL server for one run: data directory in a fresh 0700 temp directory, Unix
/// socket only (`listen_addresses=''`), durability off. As root it runs as the `postgres` user
/// (or `nobody`), since PostgreSQL refuses to run as root. The first run caches an initialised
/// data directory as a template, so later runs copy it instead of running initdb. The server is
/// stopped and the directory removed by the destructor, and also on SIGINT/SIGTERM when
/// Cleanups::watch_signals() is active.
class TempCluster {
 public:
  /// Initialises (or copies the template) and starts the server; throws Error with the server's
  /// log on failure, leaving nothing behind. When save_data_directory() saved a data directory
  /// under the name `saved` (for this server version and user), the server starts from a copy.
  /// With `memory_needed`, the directory goes in memory when that much is free there
  /// (server_directory_parent).
  explicit TempCluster(const PgInstallation& installation, const std::optional<std::string>& saved = {},
                       uintmax_t memory_needed = 0);
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
  /// True when the data directory came from the `saved` one given to the constructor.
  bool from_saved() const { return from_saved_; }
  /// Stops the server (every connection must be closed), saves a copy of its data directory in
  /// the cache under `name` (atomically, by a rename; best effort), and starts it again. Of the
  /// saved directories whose names start like `name` up to its first `-`, the `keep` newest stay.
  void save_data_directory(const std::string& name, size_t keep);
  /// Where cached data directories live: $MIGLINT_CACHE_DIR, $XDG_CACHE_HOME/miglint,
  /// ~/.cache/miglint, or a folder in the temp directory.
  static std::filesystem::path cache_directory();


 private:
  void stop();
  void start();
  CommandResult as_server_user(std::vector<std::string> args) const;
  std::filesystem::path cached(const std::string& name) const;

  PgInstallation installation_;
  std::string server_user_;
  std::filesystem::path directory_;
  std::vector<std::string> run_as_;
  size_t cleanup_ = 0;
  bool started_ = false;
  bool from_template_ = false;
  bool from_saved_ = false;
};

}  // namespace miglint::validate
