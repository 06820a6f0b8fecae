// The local side: the git pre-commit hook, shell completions and the man page.
#include <gtest/gtest.h>

#include "linter/process.hpp"
#include "tests/test_support.hpp"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

CommandResult git(const fs::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git", "-c", "user.name=miglint", "-c", "user.email=miglint@example.invalid",
                                   "-c", "init.defaultBranch=main"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, repo);
}

TEST(InstallHook, LintsWhatACommitAddsAndRefusesToOverwrite) {
  const TempDir dir;
  ASSERT_EQ(git(dir.path(), {"init", "-q"}).exit_code, 0);
  dir.write("db/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n");
  dir.write("db/002_drop.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
  ASSERT_EQ(git(dir.path(), {"add", "."}).exit_code, 0);
  ASSERT_EQ(git(dir.path(), {"commit", "-q", "--no-verify", "-m", "history"}).exit_code, 0);

  const RunResult installed = run_miglint({"install-hook"}, dir.path());
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  const fs::path hook = dir.path() / ".git" / "hooks" / "pre-commit";
  ASSERT_TRUE(fs::exists(hook));
  EXPECT_NE(fs::status(hook).permissions() & fs::perms::owner_exec, fs::perms::none);

  // A commit that adds an error fails; the finding in the history is not reported again.
  dir.write("db/003_email.sql", "ALTER TABLE users ADD COLUMN email text NOT NULL;\n");
  ASSERT_EQ(git(dir.path(), {"add", "."}).exit_code, 0);
  const CommandResult refused = git(dir.path(), {"commit", "-q", "-m", "email"});
  EXPECT_NE(refused.exit_code, 0);
  // git shows a hook's output on its standard error.
  EXPECT_NE(refused.err.find("db/003_email.sql:1:30: error[adding-required-field]"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("002_drop.sql"), std::string::npos) << refused.err;

  // A commit with a safe migration goes through; so does one without SQL.
  dir.write("db/003_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  ASSERT_EQ(git(dir.path(), {"add", "."}).exit_code, 0);
  const CommandResult accepted = git(dir.path(), {"commit", "-q", "-m", "email"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  dir.write("README", "x\n");
  ASSERT_EQ(git(dir.path(), {"add", "."}).exit_code, 0);
  EXPECT_EQ(git(dir.path(), {"commit", "-q", "-m", "readme"}).exit_code, 0);

  // An existing hook is kept unless --force.
  const RunResult again = run_miglint({"install-hook"}, dir.path());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(run_miglint({"install-hook", "--force"}, dir.path()).exit_code, 0);
}

TEST(InstallHook, OutsideARepositoryIsAClearError) {
  const TempDir dir;
  const RunResult run = run_miglint({"install-hook"}, dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("not inside a git repository"), std::string::npos) << run.err;
}

// The bash script parses, and completes a command's options from its --help.
TEST(Completion, BashCompletesCommandsAndOptions) {
  const TempDir dir;
  const RunResult script = run_miglint({"completion", "bash"});
  ASSERT_EQ(script.exit_code, 0);
  dir.write("miglint.bash", script.out);
  const std::string probe =
      "source ./miglint.bash\n"
      "COMP_WORDS=(miglint lint --rep); COMP_CWORD=2; _miglint; echo \"lint: ${COMPREPLY[*]}\"\n"
      "COMP_WORDS=(miglint val); COMP_CWORD=1; _miglint; echo \"command: ${COMPREPLY[*]}\"\n"
      "COMP_WORDS=(miglint install-hook --f); COMP_CWORD=2; _miglint; echo \"hook: ${COMPREPLY[*]}\"\n";
  const CommandResult run = run_command({"bash", "-c", probe}, dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("lint: --report\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("command: validate\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("hook: --force\n"), std::string::npos) << run.out;
  EXPECT_NE(run_miglint({"completion", "zsh"}).out.find("#compdef miglint"), std::string::npos);
  EXPECT_NE(run_miglint({"completion", "fish"}).out.find("-l report -d"), std::string::npos);
  EXPECT_EQ(run_miglint({"completion", "tcsh"}).exit_code, 2);
}

TEST(ManPage, HasEveryCommandsHelp) {
  const RunResult man = run_miglint({"man"});
  ASSERT_EQ(man.exit_code, 0);
  EXPECT_TRUE(man.out.starts_with(".TH MIGLINT 1 ")) << man.out.substr(0, 100);
  for (const char* section : {".SS miglint lint\n", ".SS miglint validate\n", ".SS miglint install-hook\n"}) {
    EXPECT_NE(man.out.find(section), std::string::npos) << section;
  }
  EXPECT_NE(man.out.find("--report"), std::string::npos);
  // No text line may start with a roff control character.
  for (size_t at = man.out.find("\n."); at != std::string::npos; at = man.out.find("\n.", at + 1)) {
    const std::string_view request = std::string_view(man.out).substr(at + 1, 3);
    EXPECT_TRUE(request == ".TH" || request == ".SH" || request == ".SS" || request == ".nf" || request == ".fi" ||
                request == ".B\n" || request.starts_with(".B "))
        << std::string(man.out.substr(at + 1, 40));
  }
}

}  // namespace
}  // namespace miglint::test
