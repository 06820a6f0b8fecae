#include "linter/plpgsql.hpp"

#include <pg_query.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace miglint {

namespace {

// libpg_query parses PL/pgSQL only as the body of a CREATE FUNCTION; the body starts on the
// wrapper's first line, so the parser's line numbers are the body's.
constexpr std::string_view kWrapperHead = "CREATE FUNCTION miglint_do() RETURNS void LANGUAGE plpgsql AS $miglint_body$";
constexpr std::string_view kWrapperTail = "$miglint_body$";

struct PlpgsqlGuard {
  PgQueryPlpgsqlParseResult result;
  ~PlpgsqlGuard() { pg_query_free_plpgsql_parse_result(result); }
};

// Byte offset where each line of `body` starts (line 1 at index 0).
std::vector<uint32_t> line_starts(std::string_view body) {
  std::vector<uint32_t> starts{0};
  for (uint32_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

class EmbeddedSqlFinder {
 public:
  explicit EmbeddedSqlFinder(std::string_view body) : body_(body), lines_(line_starts(body)) {}

  void walk(const nlohmann::json& node) {
    if (node.is_array()) {
      for (const nlohmann::json& item : node) walk(item);
      return;
    }
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
      if (kControlFlow.contains(key)) straight_line_ = false;
      if (key == "exceptions") {
        if (!value.is_null()) straight_line_ = false;
        continue;  // handlers run only after the block failed
      }
      if (key == "PLpgSQL_stmt_execsql") {
        add_static(value);
      } else if (key == "PLpgSQL_stmt_dynexecute") {
        add_execute(value);
      }
      walk(value);
    }
  }

  PlpgsqlSql take() {
    std::sort(found_.begin(), found_.end());
    found_.erase(std::unique(found_.begin(), found_.end()), found_.end());
    std::sort(dynamic_.begin(), dynamic_.end());
    return {std::move(found_), std::move(dynamic_), straight_line_ && dynamic_.empty()};
  }

 private:
  static std::string expression_text(const nlohmann::json& expr) {
    const nlohmann::json* query = &expr;
    for (const char* key : {"PLpgSQL_expr", "query"}) {
      if (!query->is_object() || !query->contains(key)) return {};
      query = &(*query)[key];
    }
    return query->is_string() ? query->get<std::string>() : std::string();
  }

  uint32_t line_start(const nlohmann::json& stmt) const {
    const int64_t line = stmt.value("lineno", 1);
    return line >= 1 && static_cast<size_t>(line) <= lines_.size() ? lines_[static_cast<size_t>(line - 1)] : 0;
  }

  // Where `text` is written in the body, searching from the start of the statement's line.
  std::optional<uint32_t> locate(const nlohmann::json& stmt, const std::string& text) const {
    if (text.empty()) return std::nullopt;
    const size_t at = body_.find(text, line_start(stmt));
    if (at == std::string_view::npos) return std::nullopt;
    return static_cast<uint32_t>(at);
  }

  void add_static(const nlohmann::json& stmt) {
    if (!stmt.contains("sqlstmt")) return;
    const std::string text = expression_text(stmt["sqlstmt"]);
    if (const std::optional<uint32_t> at = locate(stmt, text)) {
      found_.push_back({*at, *at + static_cast<uint32_t>(text.size())});
    }
  }

  void add_execute(const nlohmann::json& stmt) {
    if (!stmt.contains("query")) return;
    const std::string text = expression_text(stmt["query"]);
    const std::optional<uint32_t> at = locate(stmt, text);
    const std::optional<TextRange> inner = constant_body(text);
    if (at && inner) {
      found_.push_back({*at + inner->begin, *at + inner->end});
    } else if (!inner) {
      dynamic_.push_back(at.value_or(line_start(stmt)));
    }
  }

  // The content of an expression that is one string constant, relative to the expression.
  static std::optional<TextRange> constant_body(std::string_view expr) {
    const auto size = static_cast<uint32_t>(expr.size());
    if (size >= 2 && expr.front() == '\'' && expr.back() == '\'') {
      if (expr.substr(1, size - 2).find('\'') != std::string_view::npos) return std::nullopt;  // escapes or ||
      return TextRange{1, size - 1};
    }
    if (size >= 2 && expr.front() == '$') {
      const size_t tag_end = expr.find('$', 1);
      if (tag_end == std::string_view::npos) return std::nullopt;
      const std::string_view tag = expr.substr(0, tag_end + 1);
      if (size < 2 * tag.size() || !expr.ends_with(tag)) return std::nullopt;
      const std::string_view content = expr.substr(tag.size(), size - 2 * tag.size());
      if (content.find(tag) != std::string_view::npos) return std::nullopt;  // two constants joined
      return TextRange{static_cast<uint32_t>(tag.size()), size - static_cast<uint32_t>(tag.size())};
    }
    return std::nullopt;
  }

  std::string_view body_;
  std::vector<uint32_t> lines_;
  std::vector<TextRange> found_;
  std::vector<uint32_t> dynamic_;
  bool straight_line_ = true;
  // PL/pgSQL statements after which not every statement of the body runs exactly once. (RETURN
  // is not among them: the parser ends every body with one; one in a branch is the branch's.)
  inline static const std::set<std::string> kControlFlow = {
      "PLpgSQL_stmt_if",   "PLpgSQL_stmt_case", "PLpgSQL_stmt_loop",      "PLpgSQL_stmt_while",
      "PLpgSQL_stmt_fori", "PLpgSQL_stmt_fors", "PLpgSQL_stmt_forc",      "PLpgSQL_stmt_foreach_a",
      "PLpgSQL_stmt_exit", "PLpgSQL_stmt_dynfors"};
};

}  // namespace

PlpgsqlSql plpgsql_embedded_sql(std::string_view body) {
  if (body.find(kWrapperTail) != std::string_view::npos) return {};
  std::string source;
  source.reserve(kWrapperHead.size() + body.size() + kWrapperTail.size());
  source.append(kWrapperHead).append(body).append(kWrapperTail);
  PlpgsqlGuard guard{pg_query_parse_plpgsql(source.c_str())};
  if (guard.result.error != nullptr || guard.result.plpgsql_funcs == nullptr) return {};
  const nlohmann::json functions = nlohmann::json::parse(guard.result.plpgsql_funcs, nullptr, false);
  if (functions.is_discarded()) return {};
  EmbeddedSqlFinder finder(body);
  finder.walk(functions);
  return finder.take();
}

std::optional<TextRange> verbatim_string_body(std::string_view text, uint32_t literal_begin, std::string_view content) {
  if (literal_begin >= text.size()) return std::nullopt;
  const std::string_view rest = text.substr(literal_begin);
  uint32_t open = 0;
  if (rest.front() == '\'') {
    open = 1;
  } else if (rest.front() == '$') {
    const size_t tag_end = rest.find('$', 1);
    if (tag_end == std::string_view::npos) return std::nullopt;
    open = static_cast<uint32_t>(tag_end + 1);
  } else {
    return std::nullopt;  // E'...', U&'...': escapes
  }
  if (rest.substr(open, content.size()) != content) return std::nullopt;
  const uint32_t begin = literal_begin + open;
  return TextRange{begin, begin + static_cast<uint32_t>(content.size())};
}

}  // namespace miglint
