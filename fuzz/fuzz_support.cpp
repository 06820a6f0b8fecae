#include "fuzz/fuzz_support.hpp"

#include <functional>
#include <ostream>
#include <streambuf>
#include <string_view>

#include "reporters/reporter.hpp"
#include "rules/builtin_rules.hpp"

namespace miglint::fuzz {

namespace {

// A stream that drops what it is given, so reporters run in full without filling memory.
class NullBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char* /*s*/, std::streamsize n) override { return n; }
};

std::vector<std::string> every_rule_id() {
  std::vector<std::string> ids;
  for (const RuleEntry& entry : builtin_rules().entries()) ids.emplace_back(entry.info->id);
  return ids;
}

std::string safe_path(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  for (size_t at = path.find(".."); at != std::string::npos; at = path.find("..")) path.replace(at, 2, "_");
  return path.empty() ? std::string("empty.sql") : path;
}

}  // namespace

const RuleSet& all_rules() {
  static const RuleSet rules(builtin_rules(), Config{}, every_rule_id(), {});
  return rules;
}

void report_everything(const LintResult& result, bool with_sarif) {
  NullBuffer buffer;
  std::ostream out(&buffer);
  ReportInput input{&result.results, &builtin_rules(), true, result.statement_count, {"a note"}};
  input.link_prefix = "https://example.invalid/blob/x/";
  for (const std::string_view format : reporter_names()) {
    if (format != "sarif" || with_sarif) make_reporter(format)->write(input, out);
  }
}

bool sampled(const uint8_t* data, size_t size) {
  return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(data), size)) % 16 == 0;
}

std::vector<std::pair<std::string, std::string>> split_files(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> files;
  size_t start = 0;
  while (start <= input.size() && files.size() < 64) {
    size_t end = input.find("\n=====\n", start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view chunk = input.substr(start, end - start);
    const size_t newline = chunk.find('\n');
    const std::string path(chunk.substr(0, std::min(newline, size_t{200})));
    files.emplace_back(safe_path(path), newline == std::string_view::npos ? std::string() : std::string(chunk.substr(newline + 1)));
    start = end + 7;
  }
  return files;
}

}  // namespace miglint::fuzz
