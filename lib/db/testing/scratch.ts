// Scratch databases for tests and benchmarks: a fresh PGlite in a temporary directory, or a fresh
// PostgreSQL database created on an admin URL (TEST_DATABASE_URL) — migrated, and dropped by drop().
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createConnection, type Connection, type DatabaseKind } from "../connection";
import { migrate } from "../migrate";

export type TestDatabase = { conn: Connection; databaseUrl?: string; pgliteDir?: string; drop(): Promise<void> };

/** A fresh, migrated database of the given kind. */
export async function createTestDatabase(
  kind: DatabaseKind,
  adminUrl: string | undefined = process.env.TEST_DATABASE_URL,
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-test-"));
    const pgliteDir = path.join(dir, "pglite");
    const conn = createConnection({ pgliteDir });
    await migrate(conn.sql);
    return {
      conn,
      pgliteDir,
      async drop() {
        await conn.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `shoplens_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const conn = createConnection({ databaseUrl, pgliteDir: "", poolSize: 4 });
  await migrate(conn.sql);
  return {
    conn,
    databaseUrl,
    async drop() {
      await conn.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
