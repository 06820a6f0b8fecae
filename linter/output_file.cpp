#include "linter/output_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>

#include "linter/error.hpp"

namespace miglint {

AtomicOutputFile::AtomicOutputFile(std::filesystem::path path) : path_(std::move(path)) {
  temp_ = path_;
  temp_ += fmt::format(".miglint-tmp-{}", ::getpid());
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    throw Error(fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)));
  }
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void AtomicOutputFile::commit() {
  out_.flush();
  const bool ok = static_cast<bool>(out_);
  out_.close();
  std::error_code ec;
  if (!ok) {
    throw Error(fmt::format("cannot write {}", path_.string()));
  }
  std::filesystem::rename(temp_, path_, ec);
  if (ec) {
    throw Error(fmt::format("cannot write {}: {}", path_.string(), ec.message()));
  }
  committed_ = true;
}

}  // namespace miglint
