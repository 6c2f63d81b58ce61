// The one database factory: DATABASE_URL=postgres://… → node-postgres (+ @prisma/adapter-pg);
// otherwise the embedded PGlite under DATA_DIR (+ pglite-prisma-adapter). Both give the same two
// handles: a Prisma client for typed access and a small SQL client for bulk loads and migrations.
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { acquirePgliteLock } from "./pglite-lock";
import { DatabaseUnavailableError, describeConnectError, redactDatabaseUrl } from "./errors";

export type DatabaseKind = "pglite" | "postgres";

/** Parameterised SQL that runs unchanged on PGlite and PostgreSQL. */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migration files). */
  exec(script: string): Promise<void>;
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

export interface Connection {
  kind: DatabaseKind;
  /** Where it points, safe to print (no password). */
  target: string;
  sql: SqlClient;
  prisma: PrismaClient;
  /** Throws DatabaseUnavailableError with a clear reason when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type ConnectionOptions = { databaseUrl?: string; pgliteDir: string; poolSize?: number };

function pgliteSql(db: PGlite | Transaction): SqlClient {
  return {
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await db.query<T>(text, params ? [...params] : undefined);
      return res.rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(fn) {
      if (!("transaction" in db)) return fn(pgliteSql(db)); // already inside one
      return db.transaction((tx) => fn(pgliteSql(tx)));
    },
  };
}

function pgSql(pool: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await pool.query(text, params ? [...params] : undefined);
      return res.rows as T[];
    },
    async exec(script) {
      await pool.query(script);
    },
    async transaction(fn) {
      if (!("connect" in pool) || !(pool instanceof pg.Pool)) return fn(pgSql(pool));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(pgSql(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

// node-postgres returns int8 and numeric as strings by default; ShopLens sums money in minor units
// (int8) and counts rows, all well inside 2^53, so parse them as numbers on this connection's pool.
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20 /* int8 */) return (v: string) => Number(v);
    if (oid === 1700 /* numeric */) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as unknown as pg.CustomTypesConfig;

export function createConnection(options: ConnectionOptions): Connection {
  if (options.databaseUrl) {
    const target = redactDatabaseUrl(options.databaseUrl);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      allowExitOnIdle: true,
      types: pgTypes,
    });
    // An idle client losing its connection must not crash the process.
    pool.on("error", () => undefined);
    const adapter = new PrismaPg(pool) as unknown as SqlDriverAdapterFactory;
    const prisma = new PrismaClient({ adapter });
    return {
      kind: "postgres",
      target,
      sql: pgSql(pool),
      prisma,
      async ping() {
        try {
          await pool.query("select 1");
        } catch (err) {
          throw new DatabaseUnavailableError(target, describeConnectError(err));
        }
      },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const release = acquirePgliteLock(options.pgliteDir);
  let db: PGlite;
  try {
    db = new PGlite(options.pgliteDir);
  } catch (err) {
    release();
    throw err;
  }
  // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10; the runtime contract is the
  // same in 6.19 (shared/STACK.md), hence the one cast.
  const adapter = new PrismaPGlite(db) as unknown as SqlDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter });
  let closed = false;
  return {
    kind: "pglite",
    target: options.pgliteDir,
    sql: pgliteSql(db),
    prisma,
    async ping() {
      try {
        await db.waitReady;
      } catch (err) {
        throw new DatabaseUnavailableError(options.pgliteDir, describeConnectError(err));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await db.close();
      release();
    },
  };
}
