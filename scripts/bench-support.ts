// Shared by the benchmarks: a fresh database (PGlite in a temporary directory, or a database created
// on TEST_DATABASE_URL / the local PostgreSQL and dropped after) holding one seeded demo store.
import type { DatabaseKind } from "../lib/db/connection";
import { installConnection } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../lib/db/testing/scratch";
import { seedDemoData } from "../lib/demo/load";

export const BENCH_TIME_ZONE = "Asia/Shanghai";
/** Midnight starting 2026-11-29 in Shanghai: a fixed snapshot, so runs are comparable. */
export const BENCH_AS_OF = new Date("2026-11-28T16:00:00Z");

export async function withBenchStore(
  kind: DatabaseKind,
  customers: number,
  body: (ctx: { db: TestDatabase; storeId: number }) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase(
    kind,
    process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
  );
  try {
    installConnection(db.conn);
    const store = await db.conn.prisma.store.create({
      data: { name: "bench", slug: "bench", currency: "CNY", timezone: BENCH_TIME_ZONE },
    });
    const seeded = await seedDemoData(db.conn.sql, {
      storeId: store.id,
      customers,
      seed: 42,
      asOf: BENCH_AS_OF,
      currency: "CNY",
      timezone: BENCH_TIME_ZONE,
      language: "zh",
    });
    console.log(
      `${kind}: ${seeded.customers.toLocaleString("en")} customers, ${seeded.orders.toLocaleString("en")} orders, ` +
        `${seeded.orderItems.toLocaleString("en")} order lines (seeded in ${(seeded.timings.totalMs / 1000).toFixed(1)} s)`,
    );
    await body({ db, storeId: store.id });
  } finally {
    installConnection(undefined);
    await db.drop();
  }
}
