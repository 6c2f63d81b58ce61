// Test databases: every database test runs on a fresh PGlite in a temporary directory and, when
// TEST_DATABASE_URL is set (CI sets it), on a fresh PostgreSQL database created for the test file
// and dropped after it. Usage:
//
//   describe.each(testDatabaseKinds())("overview on %s", (kind) => {
//     const db = useTestDatabase(kind);          // registers beforeAll/afterAll
//     it("…", async () => { await db().prisma.store.findMany(); });
//   });
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createConnection, type Connection, type DatabaseKind } from "../connection";
import { migrate } from "../migrate";

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export type TestDatabase = { conn: Connection; databaseUrl?: string; pgliteDir?: string; drop(): Promise<void> };

/** A fresh, migrated database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
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
  const adminUrl = process.env.TEST_DATABASE_URL;
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

/** beforeAll/afterAll around one test database; returns an accessor for the connection. */
export function useTestDatabase(kind: DatabaseKind): () => Connection {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  }, 60_000);
  return () => {
    if (!db) throw new Error("test database not ready");
    return db.conn;
  };
}
