#include "linter/catalog.hpp"

#include <algorithm>

#include "linter/clause.hpp"

namespace miglint {

namespace {

bool same_column_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

ConstraintKind constraint_kind(PgQuery__ConstrType type) {
  switch (type) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY: return ConstraintKind::primary_key;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE: return ConstraintKind::unique;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: return ConstraintKind::foreign_key;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: return ConstraintKind::exclusion;
    default: return ConstraintKind::check;
  }
}

std::string_view constraint_suffix(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::primary_key: return "pkey";
    case ConstraintKind::unique: return "key";
    case ConstraintKind::foreign_key: return "fkey";
    case ConstraintKind::exclusion: return "excl";
    case ConstraintKind::check: return "check";
  }
  return "check";
}

std::vector<std::string> index_columns(const PgQuery__IndexStmt& index) {
  std::vector<std::string> columns;
  for (const PgQuery__Node* param : items(index.index_params, index.n_index_params)) {
    columns.emplace_back(param->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM ? param->index_elem->name : "");
  }
  return columns;
}

void rename_in(std::vector<std::string>& names, std::string_view from, const std::string& to) {
  std::replace(names.begin(), names.end(), std::string(from), to);
}

}  // namespace

std::string generated_name(std::string_view table, const std::vector<std::string>& columns, std::string_view suffix) {
  std::string name(table);
  for (const std::string& column : columns) {
    name += "_" + (column.empty() ? std::string("expr") : column);
  }
  return name + "_" + std::string(suffix);
}

const CatalogColumn* CatalogTable::column(std::string_view column_name) const {
  const auto it = std::find_if(columns.begin(), columns.end(), [&](const CatalogColumn& c) { return c.name == column_name; });
  return it == columns.end() ? nullptr : &*it;
}

const CatalogTable* Catalog::table(const QualifiedName& name) const {
  return tables_.find(name.key());
}

const CatalogColumn* Catalog::column(const QualifiedName& table_name, std::string_view column_name) const {
  const CatalogTable* found = table(table_name);
  return found == nullptr ? nullptr : found->column(column_name);
}

const CatalogIndex* Catalog::index_covering(const std::string& table_key, const std::vector<std::string>& columns) const {
  for (const auto& [key, index] : indexes_) {
    if (index.table_key != table_key || index.partial || index.columns.size() < columns.size()) {
      continue;
    }
    const std::vector<std::string> leading(index.columns.begin(),
                                           index.columns.begin() + static_cast<std::ptrdiff_t>(columns.size()));
    if (same_column_set(leading, columns)) {
      return &index;
    }
  }
  return nullptr;
}

bool Catalog::has_validated_not_null_check(const QualifiedName& table_name, std::string_view column_name) const {
  const CatalogTable* found = table(table_name);
  if (found == nullptr) {
    return false;
  }
  return std::any_of(found->constraints.begin(), found->constraints.end(), [&](const CatalogConstraint& c) {
    return c.validated && c.not_null_column == column_name;
  });
}

CatalogTable& Catalog::ensure_table(const QualifiedName& name) {
  auto [table, inserted] = tables_.try_emplace(name.key());
  if (inserted) {
    table->name = name;
    table->columns_known = false;
  }
  return *table;
}

namespace {

// `schema.name` from a list of name parts (a type's or a domain's name).
QualifiedName qualified(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  return {parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()};
}

QualifiedName qualified(std::span<PgQuery__Node* const> names) { return qualified(string_list(names)); }

std::string object_key(std::string_view kind, const QualifiedName& name) { return std::string(kind) + " " + name.key(); }

}  // namespace

const CatalogObject* Catalog::object(std::string_view kind, const QualifiedName& name) const {
  return objects_.find(object_key(kind, name));
}

const Tombstone* Catalog::gone(std::string_view kind, const QualifiedName& name) const {
  return gone_.find(object_key(kind, name));
}

// Rows written into a table created in this migration: from here on it is not empty. A few
// INSERT ... VALUES rows (seed data) do not count.
void Catalog::mark_filled(const PgQuery__RangeVar* relation, const Statement& stmt, const ReplayPosition& position) {
  if (relation == nullptr) return;
  const std::string key = relation_name(relation).key();
  const CatalogTable* found = tables_.find(key);
  if (found == nullptr || found->created_in != position.migration || found->filled) return;
  const PgQuery__Node& node = *stmt.node;
  if (node.node_case == PG_QUERY__NODE__NODE_INSERT_STMT && node.insert_stmt->select_stmt != nullptr &&
      node.insert_stmt->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
      node.insert_stmt->select_stmt->select_stmt->n_values_lists > 0) {
    return;
  }
  tables_.find_mutable(key)->filled = Origin{position.file, stmt.range};
}

void Catalog::bury(std::string_view kind, const QualifiedName& name, std::string what) {
  gone_.assign(object_key(kind, name), {std::move(what), {current_file_, current_range_}});
}

void Catalog::unbury(std::string_view kind, const QualifiedName& name) { gone_.erase(object_key(kind, name)); }

void Catalog::create_object(std::string_view kind, const QualifiedName& name, const ReplayPosition& position) {
  objects_.assign(object_key(kind, name), {std::string(kind), name, position.migration});
  unbury(kind, name);
}

void Catalog::drop_objects(const PgQuery__DropStmt& drop, std::string_view kind) {
  for (const PgQuery__Node* object : items(drop.objects, drop.n_objects)) {
    QualifiedName name;
    if (object->node_case == PG_QUERY__NODE__NODE_LIST) {
      name = qualified(items(object->list->items, object->list->n_items));
    } else if (object->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
      name = qualified(items(object->type_name->names, object->type_name->n_names));
    }
    if (name.name.empty()) continue;
    if (objects_.erase(object_key(kind, name)) > 0) bury(kind, name, "dropped");
  }
}

void Catalog::apply(const Statement& stmt, const ReplayPosition& position) {
  current_file_ = position.file;
  current_range_ = stmt.range;
  const PgQuery__Node& node = *stmt.node;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
      create_object("type", qualified(items(node.create_enum_stmt->type_name, node.create_enum_stmt->n_type_name)), position);
      break;
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
      create_object("type", qualified(items(node.create_range_stmt->type_name, node.create_range_stmt->n_type_name)),
                    position);
      break;
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      create_object("type", relation_name(node.composite_type_stmt->typevar), position);
      break;
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      create_object("domain", qualified(items(node.create_domain_stmt->domainname, node.create_domain_stmt->n_domainname)),
                    position);
      break;
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      create_object("view", relation_name(node.view_stmt->view), position);
      break;
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      create_object("sequence", relation_name(node.create_seq_stmt->sequence), position);
      break;
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      mark_filled(node.insert_stmt->relation, stmt, position);
      break;
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      mark_filled(node.update_stmt->relation, stmt, position);
      break;
    case PG_QUERY__NODE__NODE_COPY_STMT:
      if (node.copy_stmt->is_from) mark_filled(node.copy_stmt->relation, stmt, position);
      break;
    case PG_QUERY__NODE__NODE_DO_STMT:
    case PG_QUERY__NODE__NODE_CALL_STMT:
    case PG_QUERY__NODE__NODE_SELECT_STMT:
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      ++opaque_statements_;  // may create or drop anything
      break;
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      create_table(stmt, *node.create_stmt, position);
      break;
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      if (node.create_table_as_stmt->into != nullptr) {
        CatalogTable& table = ensure_table(relation_name(node.create_table_as_stmt->into->rel));
        unbury("table", table.name);
        table.created_in = position.migration;
        table.origin = {position.file, stmt.range};
        if (!node.create_table_as_stmt->into->skip_data) table.filled = Origin{position.file, stmt.range};
      }
      break;
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      if (node.alter_table_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
        alter_table(stmt, *node.alter_table_stmt, position);
      }
      break;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      create_index(*node.index_stmt);
      break;
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      rename(*node.rename_stmt);
      break;
    case PG_QUERY__NODE__NODE_DROP_STMT:
      drop(*node.drop_stmt);
      break;
    default:
      break;
  }
}

void Catalog::create_table(const Statement& stmt, const PgQuery__CreateStmt& create, const ReplayPosition& position) {
  const QualifiedName name = relation_name(create.relation);
  if (create.if_not_exists && tables_.contains(name.key())) {
    return;
  }
  drop_table(name.key());
  CatalogTable& table = tables_[name.key()];
  unbury("table", name);
  table.name = name;
  table.created_in = position.migration;
  table.origin = {position.file, stmt.range};
  for (const PgQuery__Node* element : items(create.table_elts, create.n_table_elts)) {
    if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      add_column(table, stmt, *element->column_def, position);
    } else if (element->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      add_constraint(table, stmt, *element->constraint, {}, position);
    } else {
      table.columns_known = false;  // LIKE other_table
    }
  }
  if (create.n_inh_relations > 0 || create.of_typename != nullptr) {
    table.columns_known = false;
  }
}

void Catalog::add_column(CatalogTable& table, const Statement& stmt, const PgQuery__ColumnDef& def,
                         const ReplayPosition& position) {
  CatalogColumn column{def.colname, column_type(def.type_name), def.is_not_null != 0, def.raw_default != nullptr};
  const std::string_view type_name = def.type_name != nullptr && def.type_name->n_names > 0
                                         ? string_value(def.type_name->names[def.type_name->n_names - 1])
                                         : std::string_view();
  if (type_name.find("serial") != std::string_view::npos) {
    column.has_default = true;
    column.not_null = true;
  }
  std::vector<const PgQuery__Constraint*> table_level;
  for (const PgQuery__Node* node : items(def.constraints, def.n_constraints)) {
    const PgQuery__Constraint* constraint = node->constraint;
    switch (constraint->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: column.not_null = true; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: column.not_null = false; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: column.has_default = true; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        column.not_null = true;
        table_level.push_back(constraint);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: table_level.push_back(constraint); break;
      default: break;
    }
  }
  table.columns.push_back(column);
  for (const PgQuery__Constraint* constraint : table_level) {
    add_constraint(table, stmt, *constraint, {column.name}, position);
  }
}

void Catalog::add_constraint(CatalogTable& table, const Statement& stmt, const PgQuery__Constraint& constraint,
                             std::vector<std::string> columns, const ReplayPosition& position) {
  CatalogConstraint added;
  added.kind = constraint_kind(constraint.contype);
  if (added.kind == ConstraintKind::foreign_key) {
    if (constraint.n_fk_attrs > 0) {
      columns = string_list(items(constraint.fk_attrs, constraint.n_fk_attrs));
    }
    added.referenced_table = relation_name(constraint.pktable);
  } else if (constraint.n_keys > 0) {
    columns = string_list(items(constraint.keys, constraint.n_keys));
  }
  if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL) {
    return;
  }
  added.columns = columns;
  added.validated = !constraint.skip_validation;
  added.not_null_column = not_null_check_column(&constraint).value_or("");
  // PostgreSQL names an unnamed primary key `<table>_pkey`, without its columns.
  added.name = *constraint.conname != '\0' ? std::string(constraint.conname)
               : added.kind == ConstraintKind::primary_key
                   ? table.name.name + "_pkey"
                   : generated_name(table.name.name, columns, constraint_suffix(added.kind));
  added.origin = {position.file, clause_at_location(stmt, constraint.location)};
  added.created_in = position.migration;
  const bool builds_index = added.kind == ConstraintKind::primary_key || added.kind == ConstraintKind::unique;
  const QualifiedName index_name{table.name.schema, added.name};
  if (builds_index && *constraint.indexname == '\0') {
    indexes_.assign(index_name.key(), CatalogIndex{index_name, table.name.key(), columns, true, false, added.name});
  } else if (builds_index) {
    // ADD CONSTRAINT ... USING INDEX renames the index after the constraint and ties it to it.
    if (CatalogIndex* index = indexes_.rename(QualifiedName{table.name.schema, constraint.indexname}.key(), index_name.key())) {
      index->name = index_name;
      index->owning_constraint = added.name;
      if (added.columns.empty()) added.columns = index->columns;
    }
  }
  if (added.kind == ConstraintKind::primary_key) {
    for (CatalogColumn& column : table.columns) {
      if (std::find(columns.begin(), columns.end(), column.name) != columns.end()) {
        column.not_null = true;
      }
    }
  }
  table.constraints.push_back(std::move(added));
}

void Catalog::alter_table(const Statement& stmt, const PgQuery__AlterTableStmt& alter, const ReplayPosition& position) {
  CatalogTable& table = ensure_table(relation_name(alter.relation));
  for (const PgQuery__Node* node : items(alter.cmds, alter.n_cmds)) {
    const PgQuery__AlterTableCmd& cmd = *node->alter_table_cmd;
    CatalogColumn* column = nullptr;
    for (CatalogColumn& candidate : table.columns) {
      if (candidate.name == cmd.name) {
        column = &candidate;
      }
    }
    switch (cmd.subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
        if (cmd.def != nullptr && cmd.def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
            !(cmd.missing_ok && table.column(cmd.def->column_def->colname) != nullptr)) {
          add_column(table, stmt, *cmd.def->column_def, position);
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn: drop_column(table, cmd.name); break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
        if (column != nullptr && cmd.def != nullptr && cmd.def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
          column->type = column_type(cmd.def->column_def->type_name);
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        if (column != nullptr) column->not_null = true;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        if (column != nullptr) column->not_null = false;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        if (column != nullptr) column->has_default = cmd.def != nullptr;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
        if (cmd.def != nullptr && cmd.def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
          add_constraint(table, stmt, *cmd.def->constraint, {}, position);
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint: drop_constraint(table, cmd.name); break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
        for (CatalogConstraint& constraint : table.constraints) {
          if (constraint.name == cmd.name) constraint.validated = true;
        }
        break;
      default: break;
    }
  }
}

void Catalog::drop_column(CatalogTable& table, std::string_view column_name) {
  std::erase_if(table.columns, [&](const CatalogColumn& c) { return c.name == column_name; });
  std::erase_if(table.constraints, [&](const CatalogConstraint& c) {
    return std::find(c.columns.begin(), c.columns.end(), column_name) != c.columns.end();
  });
  indexes_.erase_if([&](const CatalogIndex& index) {
    return index.table_key == table.name.key() &&
           std::find(index.columns.begin(), index.columns.end(), column_name) != index.columns.end();
  });
}

void Catalog::drop_constraint(CatalogTable& table, std::string_view constraint_name) {
  std::erase_if(table.constraints, [&](const CatalogConstraint& c) { return c.name == constraint_name; });
  indexes_.erase(QualifiedName{table.name.schema, std::string(constraint_name)}.key());
}

void Catalog::create_index(const PgQuery__IndexStmt& index) {
  const QualifiedName table_name = relation_name(index.relation);
  ensure_table(table_name);
  std::vector<std::string> columns = index_columns(index);
  const std::string name = *index.idxname != '\0' ? std::string(index.idxname) : generated_name(table_name.name, columns, "idx");
  const QualifiedName index_name{table_name.schema, name};
  if (index.if_not_exists && indexes_.contains(index_name.key())) {
    return;
  }
  indexes_.assign(index_name.key(), CatalogIndex{index_name, table_name.key(), std::move(columns),
                                                index.unique || index.primary, index.where_clause != nullptr});
  unbury("index", index_name);
}

void Catalog::rename(const PgQuery__RenameStmt& rename) {
  const QualifiedName target = relation_name(rename.relation);
  const std::string new_name = rename.newname;
  switch (rename.rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: rename_table(target, new_name); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: rename_column(target, rename.subname, new_name); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: rename_index(target, new_name); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: rename_object("view", target, new_name); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: rename_object("sequence", target, new_name); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      if (rename.object != nullptr && rename.object->node_case == PG_QUERY__NODE__NODE_LIST) {
        rename_object(rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE ? "type" : "domain",
                      qualified(items(rename.object->list->items, rename.object->list->n_items)), new_name);
      }
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
      CatalogTable* found = tables_.find_mutable(target.key());
      if (found == nullptr) return;
      for (CatalogConstraint& constraint : found->constraints) {
        if (constraint.name == rename.subname) constraint.name = new_name;
      }
      break;
    }
    default: break;
  }
}

void Catalog::rename_table(const QualifiedName& target, const std::string& new_name) {
  const QualifiedName renamed{target.schema, new_name};
  CatalogTable* table = tables_.rename(target.key(), renamed.key());
  if (table == nullptr) return;
  table->name = renamed;
  bury("table", target, "renamed to " + new_name);
  unbury("table", renamed);
  const std::string old_key = target.key();
  indexes_.update_if([&](const CatalogIndex& index) { return index.table_key == old_key; },
                     [&](CatalogIndex& index) { index.table_key = renamed.key(); });
  const auto references_old = [&](const CatalogConstraint& c) { return c.referenced_table.key() == old_key; };
  tables_.update_if(
      [&](const CatalogTable& t) { return std::any_of(t.constraints.begin(), t.constraints.end(), references_old); },
      [&](CatalogTable& t) {
        for (CatalogConstraint& constraint : t.constraints) {
          if (references_old(constraint)) constraint.referenced_table = renamed;
        }
      });
}

void Catalog::rename_column(const QualifiedName& table_name, const std::string& from, const std::string& to) {
  CatalogTable* found = tables_.find_mutable(table_name.key());
  if (found == nullptr) return;
  for (CatalogColumn& column : found->columns) {
    if (column.name == from) column.name = to;
  }
  for (CatalogConstraint& constraint : found->constraints) {
    rename_in(constraint.columns, from, to);
    if (constraint.not_null_column == from) constraint.not_null_column = to;
  }
  const std::string key = table_name.key();
  indexes_.update_if([&](const CatalogIndex& index) { return index.table_key == key; },
                     [&](CatalogIndex& index) { rename_in(index.columns, from, to); });
}

void Catalog::rename_index(const QualifiedName& target, const std::string& new_name) {
  const QualifiedName renamed{target.schema, new_name};
  CatalogIndex* index = indexes_.rename(target.key(), renamed.key());
  if (index == nullptr) return;
  index->name = renamed;
  bury("index", target, "renamed to " + new_name);
  unbury("index", renamed);
}

void Catalog::rename_object(std::string_view kind, const QualifiedName& target, const std::string& new_name) {
  if (kind == "type") {
    // Columns of the type follow the rename: their type is the same object under its new name.
    const auto of_type = [&](const CatalogColumn& column) { return column.type.name == target.name; };
    tables_.update_if(
        [&](const CatalogTable& table) { return std::any_of(table.columns.begin(), table.columns.end(), of_type); },
        [&](CatalogTable& table) {
          for (CatalogColumn& column : table.columns) {
            if (of_type(column)) column.type.name = new_name;
          }
        });
  }
  const QualifiedName renamed{target.schema, new_name};
  CatalogObject* object = objects_.rename(object_key(kind, target), object_key(kind, renamed));
  if (object == nullptr) return;
  object->name = renamed;
  bury(kind, target, "renamed to " + new_name);
  unbury(kind, renamed);
}

void Catalog::apply_recovered(const RecoveredEffect& effect, TextRange range, const ReplayPosition& position) {
  using Kind = RecoveredEffect::Kind;
  current_file_ = position.file;
  current_range_ = range;
  switch (effect.kind) {
    case Kind::create_table: {
      // Created by this migration (so it holds no live data yet), columns unknown.
      drop_table(effect.name.key());
      CatalogTable& table = ensure_table(effect.name);
      unbury("table", effect.name);
      table.created_in = position.migration;
      table.origin = {position.file, range};
      break;
    }
    case Kind::create_index:
      ensure_table(effect.table);
      if (!effect.name.name.empty()) {
        indexes_.assign(effect.name.key(), CatalogIndex{effect.name, effect.table.key(), {}, false, true, {}});
        unbury("index", effect.name);
      }
      break;
    case Kind::drop:
      for (const QualifiedName& name : effect.dropped) {
        if (effect.object == "table") drop_table(name.key());
        if (effect.object == "index") indexes_.erase(name.key());
      }
      break;
    case Kind::rename:
      if (effect.object == "table") rename_table(effect.name, effect.to);
      if (effect.object == "index") rename_index(effect.name, effect.to);
      break;
    case Kind::rename_column: rename_column(effect.name, effect.from, effect.to); break;
    case Kind::add_column:
      // The new column's type is unknown: say so rather than guess one.
      ensure_table(effect.name).columns_known = false;
      break;
    case Kind::drop_column: {
      if (CatalogTable* found = tables_.find_mutable(effect.name.key())) drop_column(*found, effect.from);
      break;
    }
    case Kind::create_other:
      if (effect.object == "type" || effect.object == "view" || effect.object == "sequence") {
        create_object(effect.object, effect.name, position);
      }
      break;
    case Kind::none: ++opaque_statements_; break;
  }
}

void Catalog::drop(const PgQuery__DropStmt& drop) {
  switch (drop.remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE: drop_objects(drop, "type"); return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: drop_objects(drop, "domain"); return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: drop_objects(drop, "view"); return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: drop_objects(drop, "sequence"); return;
    default: break;
  }
  const bool is_table = drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
  const bool is_index = drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX;
  if (!is_table && !is_index) {
    return;
  }
  for (const PgQuery__Node* object : items(drop.objects, drop.n_objects)) {
    if (object->node_case != PG_QUERY__NODE__NODE_LIST) continue;
    const QualifiedName name = qualified(items(object->list->items, object->list->n_items));
    if (name.name.empty()) continue;
    if (is_table) {
      if (tables_.contains(name.key())) bury("table", name, "dropped");
      drop_table(name.key());
    } else if (indexes_.erase(name.key()) > 0) {
      bury("index", name, "dropped");
    }
  }
}

void Catalog::drop_table(const std::string& key) {
  tables_.erase(key);
  indexes_.erase_if([&](const CatalogIndex& index) { return index.table_key == key; });
}

}  // namespace miglint
