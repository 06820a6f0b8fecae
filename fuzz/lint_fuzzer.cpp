// The whole lint pipeline on one file: bytes -> parse (SQL and PL/pgSQL) -> catalog replay ->
// every rule -> every reporter. Suppression comments and sections are part of the input.
#include <memory>

#include "fuzz/fuzz_support.hpp"
#include "linter/error.hpp"
#include "linter/migration_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace miglint;
  std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>("fuzz.sql", std::string(reinterpret_cast<const char*>(data), size)));
  std::vector<MigrationSet> sets;
  sets.push_back(load_loose_files(std::move(files)));
  try {
    fuzz::report_everything(lint_sets(std::move(sets), fuzz::all_rules(), {15, 1}), fuzz::sampled(data, size));
  } catch (const Error&) {
    // A clear error is a valid answer to bad input; anything else escapes and is a finding.
  }
  return 0;
}
