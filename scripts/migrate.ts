// npm run db:migrate — applies pending migrations to the configured database (DATABASE_URL, or the
// embedded PGlite under DATA_DIR).
import { getConnection } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { runScript } from "./cli";

runScript(async () => {
  const conn = getConnection();
  await conn.ping();
  const result = await migrate(conn.sql);
  console.log(
    `${conn.kind === "pglite" ? "Embedded database" : "PostgreSQL"} at ${conn.target}: ` +
      (result.applied.length ? `applied ${result.applied.join(", ")}` : "up to date") +
      ` (${result.alreadyApplied} already applied).`,
  );
  await conn.close();
});
