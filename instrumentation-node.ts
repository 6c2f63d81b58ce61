// The Node.js half of instrumentation.ts (kept apart so the Edge bundle never sees process.exit).
import { getEnv, EnvError } from "./lib/env";
import { getReadyConnection } from "./lib/db/client";
import { DatabaseLockedError, DatabaseUnavailableError } from "./lib/db/errors";
import { failOrphanedRuns } from "./lib/db/runs";

export async function startServer(): Promise<void> {
  try {
    getEnv();
    const conn = await getReadyConnection();
    console.log(`ShopLens: ${conn.kind === "pglite" ? "embedded database" : "PostgreSQL"} at ${conn.target} ready.`);
    // Runs left running by a crash: on the embedded database this process is the only one, so all of
    // them; on PostgreSQL (maybe several app servers) those whose heartbeat stopped two minutes ago.
    const orphaned = await failOrphanedRuns({ staleSeconds: conn.kind === "pglite" ? null : 120 });
    if (orphaned) console.log(`ShopLens: marked ${orphaned} interrupted analysis run(s) as failed.`);
  } catch (err) {
    if (err instanceof EnvError || err instanceof DatabaseLockedError || err instanceof DatabaseUnavailableError) {
      console.error(`\n✖ ShopLens cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
