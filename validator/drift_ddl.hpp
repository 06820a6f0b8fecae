#pragma once

#include <string>

#include "validator/snapshot.hpp"

namespace miglint::validate {

/// SQL that would change the object `key` from its definition in `actual` to the one in
/// `expected` (creating it when `actual` lacks it, dropping it when `expected` does). Empty when
/// another object's DDL already covers it (a column of a missing table, the index behind a
/// constraint) or when miglint cannot write it (a changed enum, a domain, a comment).
std::string closing_ddl(const std::string& key, const Snapshot& expected, const Snapshot& actual);

}  // namespace miglint::validate
