#!/usr/bin/env bash
# Regenerates the drizzle fixture (migrations/) with the real drizzle-kit from tools/, in three
# steps, as a project would: schema-v1.ts, then schema-v2.ts, then a custom migration. Run by
# hand after changing the schemas; the output is committed (the tests do not run drizzle-kit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/../../tools/node_modules"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$tools" "$work/node_modules"
cat >"$work/drizzle.config.ts" <<'CONFIG'
import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "postgresql", schema: "./schema.ts", out: "./migrations" });
CONFIG
kit() { (cd "$work" && node node_modules/drizzle-kit/bin.cjs "$@" >/dev/null); }
cp "$here/schema-v1.ts" "$work/schema.ts"
kit generate --name init
cp "$here/schema-v2.ts" "$work/schema.ts"
kit generate --name posts_published
kit generate --custom --name backfill_published
custom="$(ls "$work"/migrations/0002_*.sql)"
printf '\nUPDATE "posts" SET "published" = true WHERE "title" <> %s;\n' "''" >>"$custom"
rm -rf "$here/migrations"
cp -r "$work/migrations" "$here/migrations"
