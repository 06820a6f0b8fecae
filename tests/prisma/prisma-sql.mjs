// Prints the SQL that Prisma Migrate writes for a Prisma schema (one file or the files of a
// multi-file schema), from Prisma's own schema engine: the WebAssembly build that Prisma's CLI
// uses with driver adapters, installed into tools/ by scripts/setup.sh. The engine checks the
// database through the adapter, so DATABASE_URL names a (scratch) PostgreSQL.
//   DATABASE_URL=... node --experimental-wasm-modules prisma-sql.mjs schema.prisma [more.prisma ...]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const tools = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../tools/node_modules");
const load = (module, file) => import(pathToFileURL(path.join(tools, module, file)).href);
const { SchemaEngine } = await load("@prisma/schema-engine-wasm", "schema_engine.js");
const { PrismaPg } = await load("@prisma/adapter-pg", "dist/index.mjs");
const { bindMigrationAwareSqlAdapterFactory } = await load("@prisma/driver-adapter-utils", "dist/index.mjs");

const files = process.argv.slice(2).map((file) => ({ path: file, content: fs.readFileSync(file, "utf8") }));
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: process.env.DATABASE_URL }));
const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, adapter);
const result = await engine.diff({
  from: { tag: "empty" },
  to: { tag: "schemaDatamodel", files },
  script: true,
  exitCode: null,
  shadowDatabaseUrl: null,
  filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? "");
