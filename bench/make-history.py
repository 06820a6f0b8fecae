#!/usr/bin/env python3
"""Writes a synthetic golang-migrate history whose downs are all correct, for timing the validator.

    bench/make-history.py N DIR

Migration i creates a table with a foreign key to an earlier one and an index, or adds a column
to an earlier table; every tenth builds its index CONCURRENTLY (a single statement, which
golang-migrate runs outside a transaction). Each down undoes its up exactly.
"""
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    tables = []
    for i in range(1, count + 1):
        name = f"{i:04d}"
        if i % 10 == 0 and tables:
            table = tables[i % len(tables)]
            up = f"CREATE INDEX CONCURRENTLY {table}_created_{i}_idx ON {table} (created_at, id);\n"
            down = f"DROP INDEX CONCURRENTLY {table}_created_{i}_idx;\n"
        elif i % 3 == 0 and tables:
            table = tables[i % len(tables)]
            up = f"ALTER TABLE {table} ADD COLUMN note_{i} text;\nCOMMENT ON COLUMN {table}.note_{i} IS 'note {i}';\n"
            down = f"ALTER TABLE {table} DROP COLUMN note_{i};\n"
        else:
            table = f"t{i}"
            parent = f" REFERENCES {tables[-1]} (id)" if tables else ""
            up = (f"CREATE TABLE {table} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                  f"  parent_id bigint{parent},\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n"
                  f"CREATE INDEX {table}_parent_idx ON {table} (parent_id);\n")
            down = f"DROP TABLE {table};\n"
            tables.append(table)
        with open(os.path.join(out, f"{name}_step.up.sql"), "w") as f:
            f.write(up)
        with open(os.path.join(out, f"{name}_step.down.sql"), "w") as f:
            f.write(down)


if __name__ == "__main__":
    main()
