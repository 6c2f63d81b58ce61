// A server killed in the middle of a run (SIGKILL: no cleanup at all) must leave the previous
// results in place, and the start-up check must mark the run failed.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createConnection } from "../db/connection";
import { testDatabaseKinds } from "../db/testing/databases";
import { createTestDatabase } from "../db/testing/scratch";
import { seedDemoData } from "../demo/load";
import { installConnection } from "../db/client";
import { createRun, failOrphanedRuns, getRun } from "../db/runs";
import { executeRun } from "./run";

const root = path.resolve(import.meta.dirname, "../..");

describe.each(testDatabaseKinds())("a crash mid-run on %s", (kind) => {
  it("keeps the previous results and fails the run at the next start", async () => {
    const db = await createTestDatabase(kind);
    try {
      installConnection(db.conn);
      const store = await db.conn.prisma.store.create({
        data: { name: "S", slug: "s", currency: "CNY", timezone: "Asia/Shanghai" },
      });
      await seedDemoData(db.conn.sql, {
        storeId: store.id,
        customers: 3000,
        seed: 5,
        asOf: new Date("2026-11-01T00:00:00Z"),
        currency: "CNY",
        timezone: "Asia/Shanghai",
        language: "zh",
      });
      const first = await createRun(store.id, null, { kRange: [2, 4], nInit: 2 });
      expect((await executeRun(store.id, first)).status).toBe("succeeded");

      // The embedded database allows one process: hand it over to the child, as a restart would.
      const pgliteDir = db.pgliteDir;
      if (pgliteDir) {
        await db.conn.close();
        installConnection(undefined);
      }
      // node itself (not the tsx CLI, which would run the script in a grandchild SIGKILL never reaches).
      // node itself (not the tsx CLI, which runs the script in a grandchild that SIGKILL never reaches).
      const child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "lib/pipeline/testing/crash-child.ts"],
        {
          cwd: root,
          env: {
            ...process.env,
            CRASH_STORE_ID: String(store.id),
            ...(pgliteDir ? { DATA_DIR: path.dirname(pgliteDir), DATABASE_URL: "" } : { DATABASE_URL: db.databaseUrl }),
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const runId = await new Promise<number>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          const m = /run (\d+)/.exec(chunk.toString());
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`child exited (${code}) before starting a run`)));
      });
      await new Promise((r) => setTimeout(r, 700)); // well inside the run (load + compute take seconds)
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));

      // "Restart": reopen (PGlite recovers from the unclean stop; the dead holder's lock is taken over).
      const conn = pgliteDir ? createConnection({ pgliteDir }) : db.conn;
      installConnection(conn);
      const before = await getRun(store.id, runId);
      expect(["queued", "running"]).toContain(before?.status);
      expect(await failOrphanedRuns({ staleSeconds: null })).toBe(1);
      const after = await getRun(store.id, runId);
      expect(after?.status).toBe("failed");
      expect(after?.error).toMatch(/Interrupted/);
      const storeRow = await conn.prisma.store.findUniqueOrThrow({ where: { id: store.id } });
      expect(storeRow.currentRunId).toBe(first);
      expect(await conn.prisma.runCustomer.count({ where: { storeId: store.id, runId } })).toBe(0);
      if (pgliteDir) await conn.close();
    } finally {
      installConnection(undefined);
      await db.drop();
    }
  }, 180_000);
});
