#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "linter/discover.hpp"
#include "linter/error.hpp"
#include "linter/history.hpp"
#include "linter/output_file.hpp"

namespace miglint::cli {

int run_sum(const Invocation& call) {
  Command command({
      .name = "sum",
      .synopsis = "miglint sum [OPTIONS] [DIR...]",
      .description = "Writes DIR/miglint.sum: the byte and semantic checksum of every migration, so\n"
                     "`miglint lint` can report applied migrations that were edited, renamed or deleted,\n"
                     "without git history. Commit the file; regenerate it after a deliberate change.",
      .paths = Paths::current_by_default,
      .paths_help = "DIR  migration directories (default: the current directory)",
      .shared = {Shared::layout},
  });
  if (!command.parse(call.args, call.out)) return 0;
  const Inputs inputs = resolve_inputs(command.paths(), {});
  if (!inputs.files.empty() || inputs.directories.empty()) {
    throw Error("miglint sum takes migration directories, not files");
  }
  for (const std::string& directory : inputs.directories) {
    const MigrationSet set = load_migration_directory(directory, {}, command.layout());
    const std::vector<MigrationRecord> records = records_of(set);
    const std::filesystem::path target = std::filesystem::path(set.root) / kSumFileName;
    AtomicOutputFile file(target);
    file.stream() << format_sum(records);
    file.commit();
    call.out << fmt::format("wrote {} ({} migrations, {} layout)\n", target.string(), records.size(), to_string(set.layout));
  }
  return 0;
}

}  // namespace miglint::cli
