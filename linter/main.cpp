#include <exception>
#include <iostream>

#include "linter/cli.hpp"
#include "linter/error.hpp"

int main(int argc, char** argv) {
  try {
    return miglint::run_cli(argc, argv, std::cin, std::cout, std::cerr);
  } catch (const miglint::Error& error) {
    std::cerr << "miglint: error: " << error.what() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "miglint: error: internal error: " << error.what() << "\n";
  }
  return 2;
}
