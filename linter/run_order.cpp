#include "linter/run_order.hpp"

#include <cctype>
#include <string>
#include <vector>

#include "linter/discover.hpp"

namespace miglint {

namespace {

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

// -1, 0 or 1 for two digit strings compared as numbers of any size.
int compare_numbers(std::string_view a, std::string_view b) {
  a = without_leading_zeros(a);
  b = without_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view first_folder(std::string_view path) { return path.substr(0, path.find('/')); }

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string_view::npos; at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

long long number(std::string_view digits) {
  long long value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// node-pg-migrate's getNumericPrefix: 13 digits are epoch milliseconds, 17 digits a UTC date
// `YYYYMMDDhhmmssSSS`; any other all-digit prefix is its number, anything else 0. As a double,
// like JavaScript's Number.
double node_pg_migrate_prefix(std::string_view name) {
  const std::string_view prefix = name.substr(0, name.find('_'));
  if (!is_digits(prefix)) return 0;
  if (prefix.size() == 17) {
    const long long days = days_from_civil(number(prefix.substr(0, 4)), static_cast<unsigned>(number(prefix.substr(4, 2))),
                                           static_cast<unsigned>(number(prefix.substr(6, 2))));
    const long long seconds =
        days * 86400 + number(prefix.substr(8, 2)) * 3600 + number(prefix.substr(10, 2)) * 60 + number(prefix.substr(12, 2));
    return static_cast<double>(seconds * 1000 + number(prefix.substr(14, 3)));
  }
  double value = 0;
  for (const char c : prefix) value = value * 10 + (c - '0');
  return value;
}

// A stand-in for `localeCompare(b, undefined, {numeric: true, ignorePunctuation: true})`: digit
// runs compare as numbers, letters case-insensitively, punctuation is skipped.
bool locale_numeric_less(std::string_view a, std::string_view b) {
  std::string pa;
  std::string pb;
  for (const char c : a) {
    if (std::isalnum(static_cast<unsigned char>(c))) pa += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const char c : b) {
    if (std::isalnum(static_cast<unsigned char>(c))) pb += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return migration_order_less(pa, pb);
}

}  // namespace

// golang-migrate (source/parse.go) parses the version with strconv.ParseUint and keeps
// migrations in a list sorted by that number; goose (NumericComponent) uses strconv.ParseInt.
bool numeric_version_order(const RunKey& a, const RunKey& b) {
  if (is_digits(a.version) && is_digits(b.version)) return compare_numbers(a.version, b.version) < 0;
  return a.version < b.version;
}

// Flyway's MigrationVersion: the version splits at `.` (file names write `_`, already turned into
// `.`) into BigIntegers compared part by part; a shorter version counts its missing parts as 0.
// Repeatable migrations (`R__`) always run after the versioned ones, ordered by description.
bool flyway_order(const RunKey& a, const RunKey& b) {
  if (a.repeatable != b.repeatable) return b.repeatable;
  if (a.repeatable) return file_name(a.file) < file_name(b.file);
  const std::vector<std::string_view> pa = split(a.version, '.');
  const std::vector<std::string_view> pb = split(b.version, '.');
  for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    const std::string_view x = i < pa.size() ? pa[i] : "0";
    const std::string_view y = i < pb.size() ? pb[i] : "0";
    const int order = is_digits(x) && is_digits(y) ? compare_numbers(x, y) : x.compare(y);
    if (order != 0) return order < 0;
  }
  return false;
}

// dbmate (FindMigrations) sorts migrations by file name with Go's string `<`: byte order, so
// `9_x.sql` runs after `10_y.sql`.
bool file_name_order(const RunKey& a, const RunKey& b) { return file_name(a.file) < file_name(b.file); }

// diesel_migrations sorts by the version, a string: the folder name before its first `_`, with
// every `-` removed. Atlas sorts files by their version string too.
bool version_string_order(const RunKey& a, const RunKey& b) { return a.version < b.version; }

// Prisma Migrate applies the migration folders in the order of their names.
bool folder_name_order(const RunKey& a, const RunKey& b) { return first_folder(a.file) < first_folder(b.file); }

// node-pg-migrate (getMigrationFilePaths): compareFileNamesByTimestamp, then
// localeCompareStringsNumerically on the file names.
bool node_pg_migrate_order(const RunKey& a, const RunKey& b) {
  const double x = node_pg_migrate_prefix(file_name(a.file));
  const double y = node_pg_migrate_prefix(file_name(b.file));
  if (x != y) return x < y;
  return locale_numeric_less(file_name(a.file), file_name(b.file));
}

bool plan_order(const RunKey& /*a*/, const RunKey& /*b*/) { return false; }

bool natural_order(const RunKey& a, const RunKey& b) {
  return migration_order_less(std::string(a.file), std::string(b.file));
}

}  // namespace miglint
