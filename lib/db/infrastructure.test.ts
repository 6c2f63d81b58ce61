// The database plumbing a user runs into first: the PGlite lock, unreachable PostgreSQL, migrations.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConnection } from "./connection";
import { DatabaseLockedError, DatabaseUnavailableError, redactDatabaseUrl } from "./errors";
import { migrate, readMigrations } from "./migrate";
import { acquirePgliteLock, lockPathFor, readLockHolder } from "./pglite-lock";
import { testDatabaseKinds, useTestDatabase } from "./testing/databases";

const tmpDirs: string[] = [];
const children: ChildProcess[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-lock-"));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("PGlite lock: one process per data directory", () => {
  it("refuses a second process and names the holder", async () => {
    const dataDir = path.join(tmpDir(), "pglite");
    // Another process holding the lock: a child that writes its own pid into the lock file and waits.
    const child = spawn(process.execPath, [
      "-e",
      `require("fs").writeFileSync(${JSON.stringify(lockPathFor(dataDir))}, process.pid + "\\nholder\\n"); console.log("ready"); setInterval(() => {}, 1000);`,
    ]);
    children.push(child);
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    expect(readLockHolder(dataDir)?.pid).toBe(child.pid);
    let error: unknown;
    try {
      createConnection({ pgliteDir: dataDir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect((error as Error).message).toContain(`in use by process ${child.pid}`);
    expect((error as Error).message).toMatch(/DATA_DIR|DATABASE_URL/);
    expect(fs.existsSync(dataDir)).toBe(false); // nothing was opened or created
  });

  it("takes over a stale lock left by a dead process, and releases its own", async () => {
    const dataDir = path.join(tmpDir(), "pglite");
    const child = spawn(process.execPath, ["-e", "0"]);
    const deadPid = child.pid!;
    await new Promise((r) => child.on("exit", r));
    fs.writeFileSync(lockPathFor(dataDir), `${deadPid}\nold\n`);
    const release = acquirePgliteLock(dataDir);
    expect(readLockHolder(dataDir)?.pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it("lets the same process open, close and reopen", async () => {
    const dataDir = path.join(tmpDir(), "pglite");
    const a = createConnection({ pgliteDir: dataDir });
    await migrate(a.sql);
    await a.close();
    const b = createConnection({ pgliteDir: dataDir });
    const rows = await b.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM shoplens_migration");
    expect(rows[0]?.n).toBe(readMigrations().length);
    await b.close();
  });
});

describe("PostgreSQL that cannot be reached", () => {
  it("fails with a clear reason and never prints the password", async () => {
    const conn = createConnection({ databaseUrl: "postgres://shop:s3cret@127.0.0.1:1/nowhere", pgliteDir: "" });
    const err = await conn.ping().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toContain("connection refused");
    expect((err as Error).message).toContain("postgres://shop@127.0.0.1:1/nowhere");
    expect((err as Error).message).not.toContain("s3cret");
    await conn.close();
  });

  it("redacts passwords in URLs", () => {
    expect(redactDatabaseUrl("postgresql://u:p@h:5432/d")).toBe("postgresql://u@h:5432/d");
    expect(redactDatabaseUrl("::")).toBe("(unparsable DATABASE_URL)");
  });
});

describe.each(testDatabaseKinds())("migrations on %s", (kind) => {
  const db = useTestDatabase(kind); // already migrated once

  it("are idempotent", async () => {
    const again = await migrate(db().sql);
    expect(again).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it("refuse a migration edited after it was applied", async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(db().sql, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("apply a new migration once, atomically", async () => {
    const extra = {
      name: "99999999999999_test_extra",
      sql: "CREATE TABLE t_extra (x int); INSERT INTO t_extra VALUES (1);",
      checksum: "x",
    };
    const broken = {
      name: "99999999999999_test_broken",
      sql: "CREATE TABLE t_broken (x int); SELECT 1/0;",
      checksum: "y",
    };
    expect((await migrate(db().sql, [...readMigrations(), extra])).applied).toEqual([extra.name]);
    await expect(migrate(db().sql, [...readMigrations(), extra, broken])).rejects.toThrow(/division by zero/);
    // The failed migration left nothing behind.
    const tables = await db().sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't_broken'",
    );
    expect(tables[0]?.n).toBe(0);
  });

  it("enforce store isolation in the schema: an order cannot point at another store's customer", async () => {
    const prisma = db().prisma;
    const a = await prisma.store.create({
      data: { name: "A", slug: `a-${kind}`, currency: "CNY", timezone: "Asia/Shanghai" },
    });
    const b = await prisma.store.create({ data: { name: "B", slug: `b-${kind}`, currency: "USD", timezone: "UTC" } });
    const ca = await prisma.customer.create({ data: { storeId: a.id, externalId: "x", signupAt: new Date() } });
    await expect(
      prisma.order.create({
        data: {
          storeId: b.id,
          customerId: ca.id,
          externalId: "o",
          placedAt: new Date(),
          status: "paid",
          currency: "USD",
          totalMinor: 1,
        },
      }),
    ).rejects.toThrow();
    await expect(
      db().sql.query(
        "INSERT INTO review (store_id, customer_id, product_id, rating, created_at) VALUES ($1, $2, 1, 6, now())",
        [a.id, ca.id],
      ),
    ).rejects.toThrow();
  });
});
