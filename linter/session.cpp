#include "linter/session.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "linter/pg_node.hpp"

namespace miglint {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The value of a constant as SET shows it: strings as written, numbers as digits.
std::optional<std::string> constant(const PgQuery__Node* node) {
  if (node == nullptr) return std::nullopt;
  if (node->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) return constant(node->type_cast->arg);
  if (node->node_case != PG_QUERY__NODE__NODE_A_CONST || node->a_const->isnull) return std::nullopt;
  const PgQuery__AConst& value = *node->a_const;
  switch (value.val_case) {
    case PG_QUERY__A__CONST__VAL_SVAL: return std::string(value.sval->sval);
    case PG_QUERY__A__CONST__VAL_IVAL: return std::to_string(value.ival->ival);
    case PG_QUERY__A__CONST__VAL_FVAL: return std::string(value.fval->fval);
    case PG_QUERY__A__CONST__VAL_BOOLVAL: return value.boolval->boolval ? "true" : "false";
    default: return std::nullopt;
  }
}

void apply_set(const PgQuery__VariableSetStmt& set, SessionSettings& settings, bool in_transaction) {
  const std::string name = lower(set.name);
  switch (set.kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
      std::string value;
      for (const PgQuery__Node* arg : items(set.args, set.n_args)) {
        const std::optional<std::string> part = constant(arg);
        if (!part) return;  // an expression the replay cannot evaluate
        value += (value.empty() ? "" : ", ") + *part;
      }
      // SET LOCAL outside a transaction block only warns and changes nothing.
      if (set.is_local) {
        if (in_transaction) settings.set_local(name, value);
      } else {
        settings.set(name, value);
      }
      return;
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET: settings.reset(name); return;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL: settings.reset_all(); return;
    default: return;
  }
}

// `SELECT set_config('lock_timeout', '2s', false)`, as many as the select list holds.
void apply_set_config(const PgQuery__SelectStmt& select, SessionSettings& settings, bool in_transaction) {
  for (const PgQuery__Node* target : items(select.target_list, select.n_target_list)) {
    if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET || target->res_target->val == nullptr ||
        target->res_target->val->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
      continue;
    }
    const PgQuery__FuncCall& call = *target->res_target->val->func_call;
    const std::vector<std::string> name = string_list(items(call.funcname, call.n_funcname));
    if (name.empty() || name.back() != "set_config" || call.n_args != 3) continue;
    const std::optional<std::string> setting = constant(call.args[0]);
    const std::optional<std::string> value = constant(call.args[1]);
    const std::optional<std::string> is_local = constant(call.args[2]);
    if (!setting || !value || !is_local) continue;
    if (*is_local == "true" || *is_local == "t") {
      if (in_transaction) settings.set_local(lower(*setting), *value);
    } else {
      settings.set(lower(*setting), *value);
    }
  }
}

bool ends_block(const PgQuery__Node& node) {
  if (node.node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) return false;
  const PgQuery__TransactionStmtKind kind = node.transaction_stmt->kind;
  return kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
         kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK ||
         kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE;
}

}  // namespace

std::optional<std::string> SessionSettings::get(std::string_view name) const {
  if (const auto local = local_.find(name); local != local_.end()) return local->second;
  if (const auto session = session_.find(name); session != session_.end()) return session->second;
  return std::nullopt;
}

void SessionSettings::reset(const std::string& name) {
  session_.erase(name);
  local_.erase(name);
}

void SessionSettings::reset_all() {
  session_.clear();
  local_.clear();
}

std::vector<SessionSettings> session_timeline(const std::vector<Statement>& statements,
                                              const std::vector<TransactionState>& states) {
  std::vector<SessionSettings> timeline;
  timeline.reserve(statements.size());
  SessionSettings settings;
  for (size_t i = 0; i < statements.size(); ++i) {
    timeline.push_back(settings);
    const PgQuery__Node& node = *statements[i].node;
    const bool in_transaction = i < states.size() && (states[i] == TransactionState::inside ||
                                                      states[i] == TransactionState::inside_explicit_block);
    if (node.node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT) {
      apply_set(*node.variable_set_stmt, settings, in_transaction);
    } else if (node.node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
      apply_set_config(*node.select_stmt, settings, in_transaction);
    } else if (ends_block(node)) {
      settings.end_transaction();
    }
  }
  return timeline;
}

std::optional<double> duration_ms(std::string_view text) {
  const std::string value = lower(text);
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end == value.c_str()) return std::nullopt;
  std::string unit(end);
  unit.erase(std::remove_if(unit.begin(), unit.end(), [](unsigned char c) { return std::isspace(c); }), unit.end());
  if (unit.empty() || unit == "ms") return number;
  if (unit == "us") return number / 1000;
  if (unit == "s") return number * 1000;
  if (unit == "min") return number * 60'000;
  if (unit == "h") return number * 3'600'000;
  if (unit == "d") return number * 86'400'000;
  return std::nullopt;
}

}  // namespace miglint
