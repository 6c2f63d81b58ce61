// Test databases: every database test runs on a fresh PGlite in a temporary directory and, when
// TEST_DATABASE_URL is set (CI sets it), on a fresh PostgreSQL database created for the test file
// and dropped after it. Usage:
//
//   describe.each(testDatabaseKinds())("overview on %s", (kind) => {
//     const db = useTestDatabase(kind);          // registers beforeAll/afterAll
//     it("…", async () => { await db().prisma.store.findMany(); });
//   });
import { afterAll, beforeAll } from "vitest";
import type { Connection, DatabaseKind } from "../connection";
import { createTestDatabase, type TestDatabase } from "./scratch";

export { createTestDatabase, type TestDatabase };

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
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
