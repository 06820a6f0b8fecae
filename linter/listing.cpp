#include "linter/listing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "linter/error.hpp"

namespace miglint {

namespace fs = std::filesystem;

Listing::Listing(const fs::path& root, const ExcludeFilter& filter) : root_(root) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    throw Error(fmt::format("cannot read directory {}: {}", root.string(), ec.message()));
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      throw Error(fmt::format("cannot read directory {}: {}", root.string(), ec.message()));
    }
    const std::string relative = it->path().lexically_relative(root).generic_string();
    if (it->path().filename().string().starts_with(".") || filter.excluded((root / relative).string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    (it->is_directory(ec) ? directories_ : files_).push_back(relative);
  }
  std::sort(files_.begin(), files_.end(), migration_order_less);
  std::sort(directories_.begin(), directories_.end(), migration_order_less);
}

Listing::Listing(const fs::path& root, const std::vector<std::pair<std::string, std::string>>& files) : root_(root) {
  std::set<std::string> directories;
  for (const auto& [relative, text] : files) {
    if (fs::path(relative).filename().string().starts_with(".")) continue;
    files_.push_back(relative);
    in_memory_[relative] = text;
    for (fs::path parent = fs::path(relative).parent_path(); !parent.empty(); parent = parent.parent_path()) {
      directories.insert(parent.generic_string());
    }
  }
  directories_.assign(directories.begin(), directories.end());
  std::sort(files_.begin(), files_.end(), migration_order_less);
  std::sort(directories_.begin(), directories_.end(), migration_order_less);
}

bool Listing::has_file(const std::string& relative) const {
  return std::find(files_.begin(), files_.end(), relative) != files_.end();
}

std::string_view Listing::text(const std::string& relative) const {
  std::unique_ptr<SourceFile>& slot = read_[relative];
  if (!slot) slot = read(relative);
  return slot->text();
}

std::unique_ptr<SourceFile> Listing::take(const std::string& relative) const {
  const auto it = read_.find(relative);
  if (it == read_.end() || !it->second) return read(relative);
  std::unique_ptr<SourceFile> file = std::move(it->second);
  read_.erase(it);
  return file;
}

std::unique_ptr<SourceFile> Listing::read(const std::string& relative) const {
  const std::string path = (root_ / relative).lexically_normal().string();
  const auto held = in_memory_.find(relative);
  return held != in_memory_.end() ? std::make_unique<SourceFile>(path, held->second) : read_source_file(path);
}

bool is_sql(const std::string& relative) { return relative.size() > 4 && relative.ends_with(".sql"); }

bool at_top_level(const std::string& relative) { return relative.find('/') == std::string::npos; }

std::string basename(const std::string& relative) { return fs::path(relative).filename().string(); }

SetBuilder::SetBuilder(const Listing& listing, LayoutId layout, bool has_downs) : listing_(listing) {
  set_.root = listing.root().string();
  set_.layout = layout;
  set_.layout_has_downs = has_downs;
}

size_t SetBuilder::file(const std::string& relative) {
  const auto known = index_.find(relative);
  if (known != index_.end()) return known->second;
  set_.files.push_back(listing_.take(relative));
  index_[relative] = set_.files.size() - 1;
  return set_.files.size() - 1;
}

Script SetBuilder::whole(size_t file_index) const {
  return {file_index, {0, static_cast<uint32_t>(set_.files[file_index]->text().size())}};
}

void SetBuilder::problem(const std::string& relative, std::string message) {
  set_.naming_problems.push_back({file(relative), std::move(message)});
}

}  // namespace miglint
