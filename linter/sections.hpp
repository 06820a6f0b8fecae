#pragma once

#include <string_view>

#include "linter/source_file.hpp"

namespace miglint {

/// The part of a migration file that runs when migrating up. Files that keep both directions in
/// one file mark the down part with a line comment of their runner: goose `-- +goose Down`,
/// dbmate `-- migrate:down`, node-pg-migrate `-- Down Migration`. Everything before that marker
/// is the up section; a file without a marker is all up.
TextRange up_section(std::string_view text);

}  // namespace miglint
