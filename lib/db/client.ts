// The one database connection of this process, created on first use (never at import, so `next
// build` never opens the database) and kept on globalThis so dev reloads reuse it.
import { getEnv } from "../env";
import { createConnection, type Connection } from "./connection";
import { migrate } from "./migrate";

type Holder = { __shoplensDb?: Connection; __shoplensDbReady?: Promise<Connection> };
const holder = globalThis as Holder;

export function getConnection(): Connection {
  if (!holder.__shoplensDb) {
    const env = getEnv();
    holder.__shoplensDb = createConnection({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
    const conn = holder.__shoplensDb;
    if (conn.kind === "pglite") {
      // Close PGlite cleanly on shutdown: an unclean stop costs a WAL replay and jumps sequences.
      const shutdown = (signal: NodeJS.Signals) => {
        void conn.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    }
  }
  return holder.__shoplensDb;
}

/**
 * The connection after a reachability check; on the embedded database, pending migrations are
 * applied first (the app migrates its own embedded database on start).
 */
export function getReadyConnection(): Promise<Connection> {
  holder.__shoplensDbReady ??= (async () => {
    const conn = getConnection();
    await conn.ping();
    if (conn.kind === "pglite") await migrate(conn.sql);
    return conn;
  })().catch((err: unknown) => {
    holder.__shoplensDbReady = undefined;
    throw err;
  });
  return holder.__shoplensDbReady;
}

export async function getPrisma() {
  return (await getReadyConnection()).prisma;
}

export async function getSql() {
  return (await getReadyConnection()).sql;
}

/** Tests: make `conn` this process's connection (already migrated), or clear it. */
export function installConnection(conn: Connection | undefined): void {
  holder.__shoplensDb = conn;
  holder.__shoplensDbReady = conn ? Promise.resolve(conn) : undefined;
}
