#include <exception>
#include <iostream>

#include "cli/cli.hpp"
#include "linter/error.hpp"
#include "validator/cleanup.hpp"

namespace {

int run(int argc, char** argv) {
  try {
    return miglint::cli::run_cli(argc, argv, std::cin, std::cout);
  } catch (const miglint::Error& error) {
    // A signal's cleanup may be what made the work fail: let it finish and set the exit status.
    miglint::validate::Cleanups::instance().wait_if_terminating();
    std::cerr << "miglint: error: " << error.what() << "\n";
  } catch (const std::exception& error) {
    miglint::validate::Cleanups::instance().wait_if_terminating();
    std::cerr << "miglint: error: internal error: " << error.what() << "\n";
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const int status = run(argc, argv);
  miglint::validate::Cleanups::instance().wait_if_terminating();
  return status;
}
