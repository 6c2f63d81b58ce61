// The Node.js half of instrumentation.ts (kept apart so the Edge bundle never sees process.exit).
import { getEnv, EnvError } from "./lib/env";
import { getReadyConnection } from "./lib/db/client";
import { DatabaseLockedError, DatabaseUnavailableError } from "./lib/db/errors";

export async function startServer(): Promise<void> {
  try {
    getEnv();
    const conn = await getReadyConnection();
    console.log(`ShopLens: ${conn.kind === "pglite" ? "embedded database" : "PostgreSQL"} at ${conn.target} ready.`);
  } catch (err) {
    if (err instanceof EnvError || err instanceof DatabaseLockedError || err instanceof DatabaseUnavailableError) {
      console.error(`\n✖ ShopLens cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
