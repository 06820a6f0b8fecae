// Runs drizzle-orm's own migrator (node-postgres driver) on a migrations folder, as an
// application would: `NODE_PATH=tools/node_modules DATABASE_URL=... node migrate.cjs FOLDER`.
const { drizzle } = require("drizzle-orm/node-postgres");
const { migrate } = require("drizzle-orm/node-postgres/migrator");

(async () => {
  const db = drizzle(process.env.DATABASE_URL);
  try {
    await migrate(db, { migrationsFolder: process.argv[2] });
  } finally {
    await db.$client.end();
  }
})().catch((error) => {
  console.error(error.message + (error.cause ? `: ${error.cause.message}` : ""));
  process.exit(1);
});
