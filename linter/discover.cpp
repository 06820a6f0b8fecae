#include "linter/discover.hpp"

#include <fmt/format.h>
#include <fnmatch.h>
#include <glob.h>

#include <algorithm>
#include <cctype>

#include "linter/error.hpp"

namespace miglint {

namespace fs = std::filesystem;

namespace {

bool has_glob_characters(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

std::vector<std::string> expand_glob(const std::string& pattern) {
  glob_t matches{};
  const int status = ::glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<std::string> out;
  if (status == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) {
      out.emplace_back(matches.gl_pathv[i]);
    }
  }
  globfree(&matches);
  if (out.empty()) {
    throw Error(fmt::format("no file matches the pattern {}", pattern));
  }
  return out;
}

}  // namespace

ExcludeFilter::ExcludeFilter(std::vector<std::string> patterns, fs::path base)
    : patterns_(std::move(patterns)), base_(std::move(base)) {}

bool ExcludeFilter::excluded(const fs::path& path) const {
  if (patterns_.empty()) {
    return false;
  }
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  const std::string relative = base_.empty() ? path.generic_string() : absolute.lexically_relative(base_).generic_string();
  const std::string as_given = path.generic_string();
  for (const std::string& pattern : patterns_) {
    // Without FNM_PATHNAME `*` also matches `/`, so `legacy/*` and `**/old_*.sql` both work.
    if (fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 || fnmatch(pattern.c_str(), as_given.c_str(), 0) == 0) {
      return true;
    }
  }
  return false;
}

bool migration_order_less(const std::string& a, const std::string& b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[j]);
    if (std::isdigit(ca) && std::isdigit(cb)) {
      size_t ei = i;
      size_t ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      // Compare numerically without overflow: strip leading zeros, then length, then digits.
      std::string_view na(a.data() + i, ei - i);
      std::string_view nb(b.data() + j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    if (ca != cb) return ca < cb;
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;
}

bool is_down_migration(const fs::path& relative_path) {
  const std::string name = relative_path.filename().string();
  if (name.ends_with(".down.sql") || name == "down.sql") {
    return true;
  }
  if (name.size() > 2 && name[0] == 'U' && std::isdigit(static_cast<unsigned char>(name[1])) &&
      name.find("__") != std::string::npos) {
    return true;
  }
  for (const fs::path& part : relative_path.parent_path()) {
    if (part == "rollback" || part == "rollbacks") {
      return true;
    }
  }
  return false;
}

Inputs resolve_inputs(const std::vector<std::string>& paths, const ExcludeFilter& filter) {
  Inputs inputs;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      if (has_glob_characters(path)) {
        for (std::string& match : expand_glob(path)) {
          if (!fs::is_directory(match) && !filter.excluded(match)) inputs.files.push_back(std::move(match));
        }
        continue;
      }
      throw Error(fmt::format("{}: no such file or directory", path));
    }
    if (fs::is_directory(status)) {
      inputs.directories.push_back(path);
    } else if (!filter.excluded(path)) {
      inputs.files.push_back(path);
    }
  }
  return inputs;
}

}  // namespace miglint
