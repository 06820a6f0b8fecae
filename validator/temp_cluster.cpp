#include "validator/temp_cluster.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "linter/error.hpp"
#include "linter/process.hpp"
#include "validator/cleanup.hpp"

namespace miglint::validate {

namespace fs = std::filesystem;

namespace {

bool has_server_programs(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "initdb", ec) && fs::exists(dir / "pg_ctl", ec) && fs::exists(dir / "postgres", ec);
}

std::optional<fs::path> on_path() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && has_server_programs(dir)) return fs::path(dir);
  }
  return std::nullopt;
}

int major_version(const fs::path& bindir) {
  const CommandResult result = run_command({(bindir / "postgres").string(), "--version"});
  std::smatch match;
  static const std::regex version(R"((\d+)(\.\d+)?)");
  return std::regex_search(result.out, match, version) ? std::stoi(match[1].str()) : 0;
}

// PostgreSQL refuses to run as root: then every server program runs as an unprivileged user.
std::vector<std::string> unprivileged_prefix(std::string& user) {
  if (::geteuid() != 0) return {};
  user = ::getpwnam("postgres") != nullptr ? "postgres" : "nobody";
  return {"runuser", "-u", user, "--"};
}

void chown_to(const fs::path& path, const std::string& user) {
  const passwd* entry = ::getpwnam(user.c_str());
  if (entry == nullptr || ::chown(path.c_str(), entry->pw_uid, entry->pw_gid) != 0) {
    throw Error(fmt::format("cannot hand {} to user {}: {}", path.string(), user, std::strerror(errno)));
  }
}

fs::path default_cache_directory() {
  if (const char* dir = std::getenv("MIGLINT_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "miglint";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return fs::path(home) / ".cache" / "miglint";
  return fs::temp_directory_path() / "miglint-cache";
}

// statfs's f_type for a tmpfs (linux/magic.h).
constexpr long kTmpfsMagic = 0x01021994;

// Whether `dir` is a tmpfs this process may create directories in, with `needed` bytes free.
bool is_memory_with_room(const fs::path& dir, uintmax_t needed) {
  struct statfs info {};
  if (::statfs(dir.c_str(), &info) != 0 || static_cast<long>(info.f_type) != kTmpfsMagic) return false;
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return false;
  return static_cast<uintmax_t>(info.f_bavail) * static_cast<uintmax_t>(info.f_bsize) >= needed;
}

std::string tail_of(const fs::path& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

// Best effort: a copy of `data` at `target` for later runs, published atomically by a rename.
void publish_copy(const fs::path& data, const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  const fs::path staging = target.string() + fmt::format(".{}", ::getpid());
  if (!ec && run_command({"cp", "-a", data.string(), staging.string()}).exit_code == 0) {
    fs::rename(staging, target, ec);
    if (ec) fs::remove_all(staging, ec);
  } else {
    fs::remove_all(staging, ec);
  }
}

}  // namespace

PgInstallation find_postgres(const std::optional<fs::path>& pg_bin) {
  std::optional<fs::path> bindir;
  if (pg_bin) {
    if (!has_server_programs(*pg_bin)) {
      throw Error(fmt::format("--pg-bin {}: no initdb, pg_ctl and postgres there", pg_bin->string()));
    }
    bindir = *pg_bin;
  }
  if (!bindir) bindir = on_path();
  if (!bindir) {
    try {
      const CommandResult config = run_command({"pg_config", "--bindir"});
      std::string dir = config.out;
      while (!dir.empty() && dir.back() == '\n') dir.pop_back();
      if (config.exit_code == 0 && has_server_programs(dir)) bindir = dir;
    } catch (const Error&) {
      // no pg_config: keep looking
    }
  }
  if (!bindir) {
    std::vector<fs::path> candidates;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      if (has_server_programs(entry.path() / "bin")) candidates.push_back(entry.path() / "bin");
    }
    std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
      return std::atoi(a.parent_path().filename().c_str()) < std::atoi(b.parent_path().filename().c_str());
    });
    if (!candidates.empty()) bindir = candidates.back();
  }
  if (!bindir) {
    throw Error(
        "no PostgreSQL server found (looked for initdb, pg_ctl and postgres in --pg-bin, PATH, `pg_config --bindir` "
        "and /usr/lib/postgresql/*/bin); install it (Debian/Ubuntu: apt-get install postgresql) or pass "
        "--database-url");
  }
  return {*bindir, major_version(*bindir)};
}

fs::path server_directory_parent(uintmax_t memory_needed, const fs::path& memory) {
  // A TMPDIR the user set is their choice of place (a bigger disk, a private folder per test).
  const char* chosen = std::getenv("TMPDIR");
  const bool user_chose = chosen != nullptr && *chosen != '\0';
  if (!user_chose && memory_needed > 0 && is_memory_with_room(memory, memory_needed)) return memory;
  // Not fs::temp_directory_path(): it takes an empty TMPDIR for a directory.
  const fs::path temp = user_chose ? fs::path(chosen) : fs::path("/tmp");
  std::error_code ec;
  if (!fs::is_directory(temp, ec)) {
    throw Error(fmt::format("no temporary directory for the PostgreSQL server: {} is not a directory{}",
                            user_chose ? "TMPDIR=" + temp.string() : temp.string(), ec ? " (" + ec.message() + ")" : ""));
  }
  return temp;
}

fs::path TempCluster::cache_directory() { return default_cache_directory(); }

CommandResult TempCluster::as_server_user(std::vector<std::string> args) const {
  std::vector<std::string> argv = run_as_;
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

fs::path TempCluster::cached(const std::string& name) const {
  return cache_directory() / fmt::format("pg{}-{}-{}", installation_.major, server_user_, name);
}

TempCluster::TempCluster(const PgInstallation& installation, const std::optional<std::string>& saved,
                         uintmax_t memory_needed)
    : installation_(installation) {
  std::string user;
  run_as_ = unprivileged_prefix(user);
  server_user_ = user.empty() ? "self" : user;
  std::string pattern = (server_directory_parent(memory_needed) / "miglint-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(fmt::format("cannot create a temporary directory: {}", std::strerror(errno)));
  }
  directory_ = pattern;
  cleanup_ = Cleanups::instance().add([this] { stop(); });
  try {
    if (!user.empty()) chown_to(directory_, user);
    const fs::path data = directory_ / "data";
    const fs::path cache = cache_directory() / fmt::format("pg{}-template-{}", installation_.major, server_user_);
    std::error_code ec;
    if (saved && fs::is_directory(cached(*saved), ec) &&
        run_command({"cp", "-a", cached(*saved).string(), data.string()}).exit_code == 0) {
      from_saved_ = true;
    } else if (fs::is_directory(cache, ec) && run_command({"cp", "-a", cache.string(), data.string()}).exit_code == 0) {
      from_template_ = true;
    } else {
      fs::remove_all(data, ec);  // a copy that failed half way
      const CommandResult init = as_server_user({(installation_.bindir / "initdb").string(), "-D", data.string(), "-U",
                                                 kSuperuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
                                                 // Small WAL segments keep copies of the data directory small.
                                                 "--wal-segsize=1"});
      if (init.exit_code != 0) {
        throw Error(fmt::format("initdb failed: {}", init.err.empty() ? init.out : init.err));
      }
      publish_copy(data, cache);
    }
    start();
  } catch (...) {
    Cleanups::instance().wait_if_terminating();
    stop();
    Cleanups::instance().remove(cleanup_);
    throw;
  }
}

void TempCluster::start() {
  const fs::path data = directory_ / "data";
  const fs::path log = directory_ / "server.log";
  // No JIT: on tables of a few thousand rows (--rows) the planner's stale estimates can reach
  // jit_above_cost, and compiling then costs more than the statement (and distorts its timing).
  const std::string options = fmt::format(
      "-c listen_addresses='' -k {} -c fsync=off -c full_page_writes=off -c synchronous_commit=off "
      "-c max_connections=30 -c shared_buffers=32MB -c min_wal_size=2MB -c jit=off "
      // Bounded WAL: the directory may be in memory (server_directory_parent).
      "-c max_wal_size=64MB",
      directory_.string());
  const CommandResult started = as_server_user({(installation_.bindir / "pg_ctl").string(), "-D", data.string(), "-l",
                                                log.string(), "-w", "-t", "60", "-s", "-o", options, "start"});
  if (started.exit_code != 0) {
    throw Error(fmt::format("the temporary PostgreSQL server did not start: {}", tail_of(log)));
  }
  started_ = true;
}

void TempCluster::save_data_directory(const std::string& name, size_t keep) {
  const fs::path data = directory_ / "data";
  // A clean shutdown, so the copy needs no recovery when it starts.
  as_server_user({(installation_.bindir / "pg_ctl").string(), "-D", data.string(), "-m", "fast", "-w", "-s", "stop"});
  started_ = false;
  const fs::path target = cached(name);
  publish_copy(data, target);
  start();
  // Keep the newest few of this kind: each is a whole data directory.
  // `pg15-self-base-<key>` belongs to the kind `pg15-self-base-`.
  const std::string kind = cached(name.substr(0, name.find('-') + 1)).filename().string();
  std::vector<std::pair<fs::file_time_type, fs::path>> saved;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(cache_directory(), ec)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with(kind) && file.find('.') == std::string::npos) saved.emplace_back(entry.last_write_time(ec), entry.path());
  }
  std::sort(saved.begin(), saved.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = keep; i < saved.size(); ++i) fs::remove_all(saved[i].second, ec);
}

TempCluster::~TempCluster() {
  Cleanups::instance().wait_if_terminating();
  stop();
  Cleanups::instance().remove(cleanup_);
}

std::string TempCluster::release() {
  Cleanups::instance().remove(cleanup_);
  std::string prefix;
  for (const std::string& part : run_as_) prefix += part + " ";
  const std::string how = fmt::format("{}{} -D {} stop && rm -rf {}", prefix, (installation_.bindir / "pg_ctl").string(),
                                      (directory_ / "data").string(), directory_.string());
  started_ = false;
  directory_.clear();
  return how;
}

void TempCluster::stop() {
  if (started_) {
    std::vector<std::string> argv = run_as_;
    for (const std::string& arg : {(installation_.bindir / "pg_ctl").string(), std::string("-D"),
                                   (directory_ / "data").string(), std::string("-m"), std::string("immediate"),
                                   std::string("-w"), std::string("-s"), std::string("stop")}) {
      argv.push_back(arg);
    }
    run_command(argv);
    started_ = false;
  }
  if (!directory_.empty()) {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    directory_.clear();
  }
}

std::string TempCluster::conninfo(const std::string& database, const std::string& user) const {
  return fmt::format("host={} port=5432 dbname={} user={} connect_timeout=10", directory_.string(), database, user);
}

}  // namespace miglint::validate
