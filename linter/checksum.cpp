#include "linter/checksum.hpp"

#include <fmt/format.h>

#include <vector>

#include "linter/bulk_insert.hpp"
#include "linter/sha256.hpp"

namespace miglint {

namespace {

struct DeparseGuard {
  PgQueryDeparseResult result;
  ~DeparseGuard() { pg_query_free_deparse_result(result); }
};

// Deparses one statement node: wrap it in a one-statement ParseResult, pack it, and hand it to
// libpg_query's deparser. Locations are not part of the output, so they need no clearing.
std::string deparse(const PgQuery__Node* node) {
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = const_cast<PgQuery__Node*>(node);  // pack only reads it
  PgQuery__RawStmt* statements[] = {&raw};
  PgQuery__ParseResult result = PG_QUERY__PARSE_RESULT__INIT;
  result.version = PG_VERSION_NUM;
  result.n_stmts = 1;
  result.stmts = statements;
  std::vector<uint8_t> packed(pg_query__parse_result__get_packed_size(&result));
  pg_query__parse_result__pack(&result, packed.data());
  DeparseGuard guard{pg_query_deparse_protobuf({packed.size(), reinterpret_cast<char*>(packed.data())})};
  if (guard.result.error != nullptr || guard.result.query == nullptr) {
    return {};  // a statement the deparser does not support: the byte hash still covers it
  }
  return guard.result.query;
}

}  // namespace

std::vector<std::string> canonical_statements(const ParsedFile& parsed, std::string_view text) {
  std::vector<std::string> out;
  out.reserve(parsed.statements().size());
  for (const Statement& stmt : parsed.statements()) {
    out.push_back(deparse(stmt.node));
    if (stmt.literal_rows.end > stmt.literal_rows.begin) {
      // The node holds a placeholder row: the rows themselves come from the text.
      constexpr std::string_view kPlaceholder = "(DEFAULT)";
      if (out.back().ends_with(kPlaceholder)) out.back().resize(out.back().size() - kPlaceholder.size());
      out.back() += canonical_rows(text.substr(stmt.literal_rows.begin, stmt.literal_rows.end - stmt.literal_rows.begin));
    }
  }
  return out;
}

std::string semantic_hash(const std::vector<std::string>& canonical) {
  std::string joined;
  for (const std::string& statement : canonical) {
    joined += statement;
    joined += ";\n";
  }
  return sha256_hex(joined);
}

}  // namespace miglint
