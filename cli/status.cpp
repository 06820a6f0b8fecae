#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/error.hpp"
#include "validator/status.hpp"

namespace miglint::cli {

int run_status(const Invocation& call) {
  Command command({
      .name = "status",
      .synopsis = "miglint status [OPTIONS] [DIR] --database-url URL",
      .description = "Reads the migration runner's history table (Flyway, Prisma, golang-migrate, goose,\n"
                     "diesel, dbmate, drizzle) and reports each migration as applied, pending, missing-file (applied\n"
                     "but its file is gone), edited (checksum differs), dirty, or skipped (drizzle will never\n"
                     "apply it). Read-only. Exit code 1 when anything is missing, edited, dirty or skipped.",
      .formats = {"text", "json"},
      .paths = Paths::one_directory,
      .paths_help = "DIR  the migration directory (default: the current directory)",
      .shared = {Shared::layout},
  });
  command.add_options()("database-url", boost::program_options::value<std::string>(), "the database to inspect (required)");
  if (!command.parse(call.args, call.out)) return 0;
  const std::optional<std::string> url = command.string("database-url");
  if (!url) {
    throw Error("miglint status needs --database-url (the database whose history to read)");
  }
  const MigrationSet set = load_migration_directory(command.directory(), {}, command.layout());
  const validate::StatusReport report = validate::read_status(set, *url);
  bool problems = false;
  nlohmann::json list = nlohmann::json::array();
  for (const validate::MigrationStatus& m : report.migrations) {
    problems = problems || (m.state != validate::MigrationState::applied && m.state != validate::MigrationState::pending);
    list.push_back({{"version", m.version}, {"name", m.name}, {"state", validate::to_string(m.state)}, {"detail", m.detail}});
  }
  if (command.format() == "json") {
    call.out << nlohmann::json{{"version", 1}, {"layout", to_string(set.layout)}, {"table", report.table}, {"migrations", list}}.dump(2)
             << "\n";
  } else {
    call.out << fmt::format("{} ({} layout, history in {})\n", set.root, to_string(set.layout), report.table);
    for (const validate::MigrationStatus& m : report.migrations) {
      call.out << fmt::format("  {:<14} {:<20} {}{}\n", validate::to_string(m.state), m.version, m.name,
                              m.detail.empty() ? "" : " (" + m.detail + ")");
    }
  }
  return problems ? 1 : 0;
}

}  // namespace miglint::cli
