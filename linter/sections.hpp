#pragma once

#include <optional>
#include <string_view>

#include "linter/source_file.hpp"

namespace miglint {

/// The up and down parts of a migration file that holds both directions.
struct Sections {
  /// What runs when migrating up.
  TextRange up;
  /// What runs when migrating down, when the file has a down marker.
  std::optional<TextRange> down;
};

/// Splits a file at its runner's down marker, a line comment: goose `-- +goose Down`, dbmate
/// `-- migrate:down`, node-pg-migrate `-- Down Migration`. Everything before the marker is the up
/// part; a file without a marker is all up.
Sections split_sections(std::string_view text);

/// The up part of split_sections().
TextRange up_section(std::string_view text);

/// True when a line of `text` is a `--` comment starting with `marker` (case-insensitive after
/// the dashes), e.g. has_marker_line(text, "+goose NO TRANSACTION").
bool has_marker_line(std::string_view text, std::string_view marker);

/// The rest of the first marker line starting with `marker`, e.g. " transaction:false" for
/// dbmate's `-- migrate:up transaction:false`; nullopt when no line has the marker.
std::optional<std::string_view> marker_line_rest(std::string_view text, std::string_view marker);

}  // namespace miglint
