// Migration folders: file names, folder structure and runner files (metadata.toml, sqitch.plan,
// atlas.sum, up.sql/down.sql pairs, goose annotations) read by every layout's detector and
// loader, then linted. Input: files separated by `=====` lines, each a path line and its text.
#include "fuzz/fuzz_support.hpp"
#include "linter/error.hpp"
#include "linter/layout_loaders.hpp"
#include "linter/listing.hpp"

namespace {

using Loader = miglint::MigrationSet (*)(const miglint::Listing&);
using Detector = std::optional<miglint::Evidence> (*)(const miglint::Listing&);

constexpr std::pair<Detector, Loader> kLayouts[] = {
    {miglint::flyway_evidence, miglint::load_flyway},
    {miglint::golang_migrate_evidence, miglint::load_golang_migrate},
    {miglint::goose_evidence, miglint::load_goose},
    {miglint::dbmate_evidence, miglint::load_dbmate},
    {miglint::node_pg_migrate_evidence, miglint::load_node_pg_migrate},
    {miglint::atlas_evidence, miglint::load_atlas},
    {miglint::diesel_evidence, miglint::load_diesel},
    {miglint::prisma_evidence, miglint::load_prisma},
    {miglint::sqitch_evidence, miglint::load_sqitch},
    {nullptr, miglint::load_plain},
    {nullptr, miglint::load_files},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace miglint;
  const Listing listing("/fuzz/migrations", fuzz::split_files(data, size));
  const bool with_sarif = fuzz::sampled(data, size);
  for (const auto& [detect, load] : kLayouts) {
    try {
      if (detect != nullptr) (void)detect(listing);
      std::vector<MigrationSet> sets;
      sets.push_back(load(listing));
      fuzz::report_everything(lint_sets(std::move(sets), fuzz::all_rules(), {15, 1}), with_sarif);
    } catch (const Error&) {
      // Runner files that do not parse are reported as errors; that is the expected answer.
    }
  }
  return 0;
}
