#include "rules/ast_helpers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace miglint {

Diagnostic with_effect(PredictedEffect::Kind kind, const QualifiedName& table, Diagnostic d) {
  d.effect = PredictedEffect{kind, table.name};
  return d;
}

const PgQuery__AlterTableStmt* as_alter_table(const Statement& stmt) {
  if (stmt.node->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_STMT ||
      stmt.node->alter_table_stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return nullptr;
  }
  return stmt.node->alter_table_stmt;
}

std::vector<AlterCommand> alter_commands(const Statement& stmt, const PgQuery__AlterTableStmt& alter) {
  const std::vector<TextRange> ranges = alter_table_command_ranges(stmt, alter);
  std::vector<AlterCommand> commands;
  for (size_t i = 0; i < alter.n_cmds; ++i) {
    commands.push_back({alter.cmds[i]->alter_table_cmd, ranges.empty() ? stmt.range : ranges[i]});
  }
  return commands;
}

const PgQuery__ColumnDef* added_column(const PgQuery__AlterTableCmd& cmd) {
  if (cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn || cmd.def == nullptr ||
      cmd.def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
    return nullptr;
  }
  return cmd.def->column_def;
}

const PgQuery__Constraint* added_constraint(const PgQuery__AlterTableCmd& cmd) {
  if (cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint || cmd.def == nullptr ||
      cmd.def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
    return nullptr;
  }
  return cmd.def->constraint;
}

bool column_has_default(const PgQuery__ColumnDef& def) {
  if (def.raw_default != nullptr || *def.identity != '\0' || *def.generated != '\0') {
    return true;
  }
  if (def.type_name != nullptr && def.type_name->n_names > 0 &&
      string_value(def.type_name->names[def.type_name->n_names - 1]).find("serial") != std::string_view::npos) {
    return true;
  }
  for (const PgQuery__Node* node : items(def.constraints, def.n_constraints)) {
    switch (node->constraint->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: return true;
      default: break;
    }
  }
  return false;
}

bool column_is_not_null(const PgQuery__ColumnDef& def) {
  bool not_null = def.is_not_null;
  for (const PgQuery__Node* node : items(def.constraints, def.n_constraints)) {
    const PgQuery__ConstrType type = node->constraint->contype;
    if (type == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL || type == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY) {
      not_null = true;
    } else if (type == PG_QUERY__CONSTR_TYPE__CONSTR_NULL) {
      not_null = false;
    }
  }
  return not_null;
}

bool is_existing_table(const Context& ctx, const QualifiedName& table) { return !ctx.is_new_table(table); }

bool switches_trigger(PgQuery__AlterTableType subtype) {
  switch (subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser: return true;
    default: return false;
  }
}

void for_each_command_on_existing_table(const Statement& stmt, const Context& ctx,
                                        const std::function<void(const QualifiedName&, const AlterCommand&)>& visit) {
  const PgQuery__AlterTableStmt* alter = as_alter_table(stmt);
  if (alter == nullptr) {
    return;
  }
  const QualifiedName table = relation_name(alter->relation);
  if (!is_existing_table(ctx, table)) {
    return;
  }
  for (const AlterCommand& command : alter_commands(stmt, *alter)) {
    visit(table, command);
  }
}

std::vector<QualifiedName> dropped_names(const PgQuery__DropStmt& drop) {
  std::vector<QualifiedName> out;
  for (const PgQuery__Node* object : items(drop.objects, drop.n_objects)) {
    std::vector<std::string> parts;
    if (object->node_case == PG_QUERY__NODE__NODE_LIST) {
      parts = string_list(items(object->list->items, object->list->n_items));
    } else if (object->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
      parts = string_list(items(object->type_name->names, object->type_name->n_names));
    } else if (object->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      parts = string_list(items(object->object_with_args->objname, object->object_with_args->n_objname));  // functions
    } else if (object->node_case == PG_QUERY__NODE__NODE_STRING) {
      parts = {std::string(string_value(object))};  // DROP SCHEMA names
    }
    if (!parts.empty()) out.push_back({parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()});
  }
  return out;
}

// The name a CREATE statement gives its object, for the kinds recreated_later() understands.
std::optional<QualifiedName> created_name(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_VIEW_STMT: return relation_name(node.view_stmt->view);
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: {
      const std::vector<std::string> parts = string_list(items(node.create_function_stmt->funcname, node.create_function_stmt->n_funcname));
      if (parts.empty()) return std::nullopt;
      return QualifiedName{parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()};
    }
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: {
      const std::vector<std::string> parts = string_list(items(node.create_enum_stmt->type_name, node.create_enum_stmt->n_type_name));
      if (parts.empty()) return std::nullopt;
      return QualifiedName{parts.size() > 1 ? parts[parts.size() - 2] : "public", parts.back()};
    }
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT: return relation_name(node.composite_type_stmt->typevar);
    default: return std::nullopt;
  }
}

bool recreated_later(const Statement& stmt, const Context& ctx, const QualifiedName& name) {
  if (stmt.followed_by_dynamic_sql) return true;  // a DO body that may recreate it with EXECUTE format(...)
  for (const Statement& later : ctx.script_statements()) {
    if (later.range.begin <= stmt.range.begin) continue;
    if (const std::optional<QualifiedName> created = created_name(*later.node); created && created->key() == name.key()) {
      return true;
    }
  }
  return false;
}

std::vector<std::pair<QualifiedName, std::string>> dropped_objects_in_use(const Statement& stmt, const Context& ctx,
                                                                         PgQuery__ObjectType remove_type,
                                                                         std::string_view kind) {
  std::vector<std::pair<QualifiedName, std::string>> out;
  if (stmt.node->node_case != PG_QUERY__NODE__NODE_DROP_STMT) return out;
  const PgQuery__DropStmt& drop = *stmt.node->drop_stmt;
  if (drop.remove_type != remove_type) return out;
  for (const QualifiedName& name : dropped_names(drop)) {
    const CatalogObject* created = ctx.catalog().object(kind, name);
    if ((created != nullptr && created->created_in == ctx.migration()) || recreated_later(stmt, ctx, name)) {
      continue;  // created in this migration, or dropped to be created again
    }
    out.emplace_back(name, fmt::format("dropping {} `{}` breaks every running query and object that still uses it{}",
                                       kind, name.display(),
                                       drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE
                                           ? ", and CASCADE silently drops what depends on it"
                                           : ""));
  }
  return out;
}

bool index_on_existing_table(const Context& ctx, const QualifiedName& index) {
  const CatalogIndex* found = ctx.catalog().indexes().find(index.key());
  if (found == nullptr) return true;
  const CatalogTable* table = ctx.catalog().tables().find(found->table_key);
  return table == nullptr || table->created_in != ctx.migration();
}

bool has_option(std::span<PgQuery__Node* const> options, std::string_view name) {
  for (const PgQuery__Node* option : options) {
    if (option->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || option->def_elem->defname != name) continue;
    const PgQuery__Node* arg = option->def_elem->arg;
    if (arg == nullptr) return true;
    const std::string_view value = string_value(arg);
    if (value == "false" || value == "off" || value == "0") return false;
    if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return arg->boolean->boolval;
    if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return arg->integer->ival != 0;
    return true;
  }
  return false;
}

std::vector<ColumnDefinition> column_definitions(const Statement& stmt) {
  std::vector<ColumnDefinition> out;
  auto add = [&](const QualifiedName& table, std::string_view column, const PgQuery__ColumnDef* def, TextRange range) {
    const std::string type = def->type_name != nullptr && def->type_name->n_names > 0
                                 ? std::string(string_value(def->type_name->names[def->type_name->n_names - 1]))
                                 : std::string();
    out.push_back({table, std::string(column), def, range, type});
  };
  if (stmt.node->node_case == PG_QUERY__NODE__NODE_CREATE_STMT) {
    const PgQuery__CreateStmt& create = *stmt.node->create_stmt;
    for (const PgQuery__Node* element : items(create.table_elts, create.n_table_elts)) {
      if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        add(relation_name(create.relation), element->column_def->colname, element->column_def,
            clause_at_location(stmt, element->column_def->location));
      }
    }
  } else if (const PgQuery__AlterTableStmt* alter = as_alter_table(stmt)) {
    for (const AlterCommand& command : alter_commands(stmt, *alter)) {
      if (const PgQuery__ColumnDef* def = added_column(*command.cmd)) {
        add(relation_name(alter->relation), def->colname, def, command.range);
      } else if (command.cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType && command.cmd->def != nullptr &&
                 command.cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        add(relation_name(alter->relation), command.cmd->name, command.cmd->def->column_def, command.range);
      }
    }
  }
  return out;
}

namespace {

PredictedLock lock_on(std::string_view mode, const QualifiedName& table) {
  return {std::string(mode), table, fmt::format("{} lock on `{}`", mode, table.display())};
}

// LOCK TABLE's mode numbers are PostgreSQL's lock levels (lockdefs.h).
std::string_view lock_mode_name(int32_t mode) {
  switch (mode) {
    case 1: return "ACCESS SHARE";
    case 2: return "ROW SHARE";
    case 3: return "ROW EXCLUSIVE";
    case 4: return "SHARE UPDATE EXCLUSIVE";
    case 5: return "SHARE";
    case 6: return "SHARE ROW EXCLUSIVE";
    case 7: return "EXCLUSIVE";
    default: return "ACCESS EXCLUSIVE";
  }
}

// PostgreSQL's lock levels (lockdefs.h), in the order they strengthen.
enum LockLevel : int32_t {
  kNoLock = 0,
  kShareUpdateExclusive = 4,
  kShare = 5,
  kShareRowExclusive = 6,
  kAccessExclusive = 8,
};

// Storage parameters that ALTER TABLE ... SET (...) changes under SHARE UPDATE EXCLUSIVE (the ones
// only vacuum, the planner or new pages read); any other takes ACCESS EXCLUSIVE.
bool weak_storage_parameter(const PgQuery__DefElem& option) {
  const std::string_view name = option.defname;
  const std::string_view space = option.defnamespace;
  if (space == "toast") return name.starts_with("autovacuum_") || name.starts_with("vacuum_");
  return name == "fillfactor" || name.starts_with("autovacuum_") || name.starts_with("vacuum_") ||
         name == "parallel_workers" || name == "toast_tuple_target" || name == "log_autovacuum_min_duration";
}

// The lock one ALTER TABLE subcommand takes on its table (tablecmds.c, AlterTableGetLockLevel).
int32_t subcommand_lock(const PgQuery__AlterTableCmd& cmd, int pg_version) {
  switch (cmd.subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
      return kShareUpdateExclusive;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
      return pg_version >= 12 ? kShareUpdateExclusive : kAccessExclusive;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
      return cmd.def != nullptr && cmd.def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD && cmd.def->partition_cmd->concurrent
                 ? kShareUpdateExclusive
                 : kAccessExclusive;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: {
      if (cmd.def == nullptr || cmd.def->node_case != PG_QUERY__NODE__NODE_LIST) return kAccessExclusive;
      for (const PgQuery__Node* item : items(cmd.def->list->items, cmd.def->list->n_items)) {
        if (item->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !weak_storage_parameter(*item->def_elem)) return kAccessExclusive;
      }
      return kShareUpdateExclusive;
    }
    default: break;
  }
  if (switches_trigger(cmd.subtype)) return kShareRowExclusive;
  const PgQuery__Constraint* constraint = added_constraint(cmd);
  if (constraint != nullptr && constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN) return kShareRowExclusive;
  return kAccessExclusive;
}

// The strongest lock an ALTER TABLE takes on an existing table, when it blocks reads or writes
// (SHARE UPDATE EXCLUSIVE blocks only other DDL and vacuum, so it does not count).
std::optional<PredictedLock> alter_table_lock(const Statement& stmt, const PgQuery__AlterTableStmt& alter, const Context& ctx) {
  const QualifiedName table = relation_name(alter.relation);
  if (!is_existing_table(ctx, table)) return std::nullopt;
  int32_t strongest = kNoLock;
  for (const AlterCommand& command : alter_commands(stmt, alter)) {
    strongest = std::max(strongest, subcommand_lock(*command.cmd, ctx.pg_version()));
  }
  if (strongest < kShare) return std::nullopt;
  return lock_on(lock_mode_name(strongest), table);
}

// A foreign key's referenced table that this migration did not create: adding the key takes
// SHARE ROW EXCLUSIVE on it (measured on PostgreSQL 15), even when the referencing table is new.
std::optional<QualifiedName> existing_referenced_table(const PgQuery__Constraint* constraint, const QualifiedName& own,
                                                       const Context& ctx) {
  if (constraint == nullptr || constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN || constraint->pktable == nullptr) {
    return std::nullopt;
  }
  const QualifiedName referenced = relation_name(constraint->pktable);
  if (referenced.key() == own.key() || !is_existing_table(ctx, referenced)) return std::nullopt;
  return referenced;
}

std::optional<QualifiedName> existing_referenced_table(const PgQuery__ColumnDef& column, const QualifiedName& own, const Context& ctx) {
  for (const PgQuery__Node* item : items(column.constraints, column.n_constraints)) {
    if (item->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
    if (auto referenced = existing_referenced_table(item->constraint, own, ctx)) return referenced;
  }
  return std::nullopt;
}

// CREATE TABLE locks other tables: the parent of PARTITION OF (ACCESS EXCLUSIVE, because the
// parent's partition descriptor changes) and the referenced table of each foreign key.
std::optional<PredictedLock> create_table_lock(const PgQuery__CreateStmt& create, const Context& ctx) {
  const QualifiedName table = relation_name(create.relation);
  if (create.partbound != nullptr && create.n_inh_relations > 0 && create.inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
    const QualifiedName parent = relation_name(create.inh_relations[0]->range_var);
    if (is_existing_table(ctx, parent)) return lock_on("ACCESS EXCLUSIVE", parent);
  }
  for (const PgQuery__Node* element : items(create.table_elts, create.n_table_elts)) {
    std::optional<QualifiedName> referenced;
    if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) referenced = existing_referenced_table(*element->column_def, table, ctx);
    if (element->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) referenced = existing_referenced_table(element->constraint, table, ctx);
    if (referenced) return lock_on("SHARE ROW EXCLUSIVE", *referenced);
  }
  return std::nullopt;
}

// ALTER TABLE on a table this migration created still locks the tables its new foreign keys
// reference.
std::optional<PredictedLock> referenced_table_lock(const Statement& stmt, const PgQuery__AlterTableStmt& alter, const Context& ctx) {
  const QualifiedName table = relation_name(alter.relation);
  for (const AlterCommand& command : alter_commands(stmt, alter)) {
    std::optional<QualifiedName> referenced = existing_referenced_table(added_constraint(*command.cmd), table, ctx);
    if (const PgQuery__ColumnDef* column = added_column(*command.cmd); !referenced && column != nullptr) {
      referenced = existing_referenced_table(*column, table, ctx);
    }
    if (referenced) return lock_on("SHARE ROW EXCLUSIVE", *referenced);
  }
  return std::nullopt;
}

// A view this migration did not create: replacing or dropping it takes ACCESS EXCLUSIVE on it,
// which queues every query that reads it. CREATE OR REPLACE of a view the history never
// showed counts as existing (the user expects it may be there: Flyway's repeatable migrations).
bool is_existing_view(const Context& ctx, const QualifiedName& view) {
  const CatalogObject* known = ctx.catalog().object("view", view);
  return known == nullptr || known->created_in != ctx.migration();
}

// DROP TRIGGER takes ACCESS EXCLUSIVE on its table (RemoveTriggerById).
std::optional<PredictedLock> dropped_trigger_lock(const PgQuery__DropStmt& drop, const Context& ctx) {
  for (const PgQuery__Node* object : items(drop.objects, drop.n_objects)) {
    if (object->node_case != PG_QUERY__NODE__NODE_LIST) continue;
    const std::vector<std::string> parts = string_list(items(object->list->items, object->list->n_items));
    if (parts.size() < 2) continue;  // [schema.]table.trigger
    const QualifiedName table{parts.size() > 2 ? parts[parts.size() - 3] : "public", parts[parts.size() - 2]};
    if (is_existing_table(ctx, table)) return lock_on("ACCESS EXCLUSIVE", table);
  }
  return std::nullopt;
}

// REINDEX without CONCURRENTLY: SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each
// index it rebuilds (reads that use the index wait).
std::optional<PredictedLock> reindex_lock(const PgQuery__ReindexStmt& reindex, const Context& ctx) {
  if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
      has_option(items(reindex.params, reindex.n_params), "concurrently")) {
    return std::nullopt;
  }
  if (reindex.relation == nullptr) return PredictedLock{"SHARE", std::nullopt, "SHARE lock on each table it reindexes"};
  const QualifiedName name = relation_name(reindex.relation);
  if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX) {
    if (!index_on_existing_table(ctx, name)) return std::nullopt;
    return lock_on("ACCESS EXCLUSIVE", name);
  }
  if (!is_existing_table(ctx, name)) return std::nullopt;
  return lock_on("SHARE", name);
}

}  // namespace

// The release since which ALTER INDEX ... RENAME takes SHARE UPDATE EXCLUSIVE instead of
// ACCESS EXCLUSIVE.
constexpr int kIndexRenameLockedLightlySince = 12;

int lock_level(std::string_view sql_mode) {
  for (int32_t level = 1; level <= 8; ++level) {
    if (lock_mode_name(level) == sql_mode) return level;
  }
  return 0;
}

std::optional<PredictedLock> predicted_lock(const Statement& stmt, const Context& ctx) {
  const PgQuery__Node& node = *stmt.node;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      if (const PgQuery__AlterTableStmt* alter = as_alter_table(stmt)) {
        if (auto lock = alter_table_lock(stmt, *alter, ctx)) return lock;
        return referenced_table_lock(stmt, *alter, ctx);
      }
      return std::nullopt;
    case PG_QUERY__NODE__NODE_CREATE_STMT: return create_table_lock(*node.create_stmt, ctx);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      if (node.view_stmt->replace && is_existing_view(ctx, relation_name(node.view_stmt->view))) {
        return lock_on("ACCESS EXCLUSIVE", relation_name(node.view_stmt->view));
      }
      return std::nullopt;
    case PG_QUERY__NODE__NODE_INDEX_STMT: {
      const QualifiedName table = relation_name(node.index_stmt->relation);
      if (node.index_stmt->concurrent || !is_existing_table(ctx, table)) return std::nullopt;
      return lock_on("SHARE", table);
    }
    case PG_QUERY__NODE__NODE_DROP_STMT: {
      const PgQuery__DropStmt& drop = *node.drop_stmt;
      if (drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) return dropped_trigger_lock(drop, ctx);
      for (const QualifiedName& name : dropped_names(drop)) {
        // The catalog keeps materialized views with the tables (they hold rows).
        const bool table_like = drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
                                drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
        if ((table_like && is_existing_table(ctx, name)) ||
            (drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW && is_existing_view(ctx, name))) {
          return lock_on("ACCESS EXCLUSIVE", name);
        }
        if (drop.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX && !drop.concurrent && index_on_existing_table(ctx, name)) {
          return PredictedLock{"ACCESS EXCLUSIVE", std::nullopt,
                               fmt::format("ACCESS EXCLUSIVE lock on the table of `{}`", name.display())};
        }
      }
      return std::nullopt;
    }
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
    case PG_QUERY__NODE__NODE_LOCK_STMT: {
      const bool lock = node.node_case == PG_QUERY__NODE__NODE_LOCK_STMT;
      const auto relations = lock ? items(node.lock_stmt->relations, node.lock_stmt->n_relations)
                                  : items(node.truncate_stmt->relations, node.truncate_stmt->n_relations);
      for (const PgQuery__Node* relation : relations) {
        if (relation->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
        const QualifiedName table = relation_name(relation->range_var);
        // LOCK TABLE in a mode weaker than SHARE lets reads and writes through.
        if (lock && node.lock_stmt->mode < kShare) return std::nullopt;
        if (is_existing_table(ctx, table)) return lock_on(lock ? lock_mode_name(node.lock_stmt->mode) : "ACCESS EXCLUSIVE", table);
      }
      return std::nullopt;
    }
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      // Since PostgreSQL 12, renaming an index takes SHARE UPDATE EXCLUSIVE on it (RenameRelation),
      // which blocks neither reads nor writes.
      if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX && ctx.pg_version() >= kIndexRenameLockedLightlySince) {
        return std::nullopt;
      }
      if (node.rename_stmt->relation != nullptr && is_existing_table(ctx, relation_name(node.rename_stmt->relation))) {
        return lock_on("ACCESS EXCLUSIVE", relation_name(node.rename_stmt->relation));
      }
      return std::nullopt;
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      if (is_existing_table(ctx, relation_name(node.create_trig_stmt->relation))) {
        return lock_on("SHARE ROW EXCLUSIVE", relation_name(node.create_trig_stmt->relation));
      }
      return std::nullopt;
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      if (!node.refresh_mat_view_stmt->concurrent && is_existing_table(ctx, relation_name(node.refresh_mat_view_stmt->relation))) {
        return lock_on("ACCESS EXCLUSIVE", relation_name(node.refresh_mat_view_stmt->relation));
      }
      return std::nullopt;
    case PG_QUERY__NODE__NODE_REINDEX_STMT: return reindex_lock(*node.reindex_stmt, ctx);
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
      return PredictedLock{"ACCESS EXCLUSIVE", std::nullopt, "ACCESS EXCLUSIVE lock on the clustered table"};
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      if (node.vacuum_stmt->is_vacuumcmd && has_option(items(node.vacuum_stmt->options, node.vacuum_stmt->n_options), "full")) {
        return PredictedLock{"ACCESS EXCLUSIVE", std::nullopt, "ACCESS EXCLUSIVE lock on each vacuumed table"};
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<std::string> blocking_lock(const Statement& stmt, const Context& ctx) {
  std::optional<PredictedLock> lock = predicted_lock(stmt, ctx);
  if (!lock) return std::nullopt;
  return std::move(lock->described);
}

std::string timeout_gap(const SessionSettings& session, std::string_view setting, std::optional<double> max_ms) {
  const std::optional<std::string> value = session.get(setting);
  if (!value) return fmt::format("no {} is set before it", setting);
  const std::optional<double> ms = duration_ms(*value);
  if (!ms) return {};
  if (*ms <= 0) return fmt::format("{} is {}, which means no limit", setting, *value);
  if (max_ms && *ms > *max_ms) return fmt::format("{} is {}, above the configured maximum", setting, *value);
  return {};
}

std::string_view blocked_queries(std::string_view lock) {
  return lock.find("ACCESS EXCLUSIVE") != std::string_view::npos ? "all queries" : "all writes";
}

TextRange first_line(const SourceFile& file) {
  TextRange line = file.lines().line_range(1);
  line.begin = std::max(line.begin, bom_length(file.text()));
  line.end = std::max(line.begin, line.end);
  return line;
}

std::string column_list_sql(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  quoted.reserve(columns.size());
  for (const std::string& column : columns) {
    quoted.push_back(quote_identifier(column));
  }
  return "(" + join(quoted) + ")";
}

}  // namespace miglint
