// Overview figures on a hand-made store whose answers are worked out in the comments.
import { beforeAll, describe, expect, it } from "vitest";
import { installConnection } from "../client";
import { testDatabaseKinds, useTestDatabase } from "../testing/databases";
import { startOfDayIn } from "../../validation/date-range";
import { hasStoreData } from "./get-data-summary";
import { getOverviewKpis } from "./get-overview-kpis";
import { getRevenueSeries } from "./get-revenue-series";

const TZ = "Asia/Shanghai";
const day = (d: string) => startOfDayIn(d, TZ);

describe.each(testDatabaseKinds())("overview series on %s", (kind) => {
  const db = useTestDatabase(kind);
  let storeA = 0;
  let storeB = 0;

  beforeAll(async () => {
    installConnection(db());
    const prisma = db().prisma;
    const a = await prisma.store.create({ data: { name: "A", slug: "a", currency: "CNY", timezone: TZ } });
    const b = await prisma.store.create({ data: { name: "B", slug: "b", currency: "USD", timezone: "UTC" } });
    storeA = a.id;
    storeB = b.id;
    const mk = (storeId: number, ext: string, signup: string) =>
      prisma.customer.create({ data: { storeId, externalId: ext, signupAt: new Date(signup) } });
    const c1 = await mk(storeA, "c1", "2026-01-01T00:00:00Z");
    const c2 = await mk(storeA, "c2", "2026-06-05T00:00:00Z");
    const c3 = await mk(storeA, "c3", "2026-06-20T00:00:00Z"); // signs up after the period
    const b1 = await mk(storeB, "b1", "2026-01-01T00:00:00Z");
    let n = 0;
    const order = (
      storeId: number,
      customerId: number,
      placedAt: string,
      total: number,
      status: "paid" | "cancelled" | "refunded" = "paid",
    ) =>
      prisma.order.create({
        data: {
          storeId,
          customerId,
          externalId: `o${++n}`,
          placedAt: new Date(placedAt),
          status,
          currency: "CNY",
          totalMinor: total,
        },
      });
    // Period under test: 2026-06-01 … 2026-06-10 in Shanghai = [2026-05-31T16:00Z, 2026-06-10T16:00Z)
    await order(storeA, c1.id, "2026-05-20T02:00:00Z", 5000); // before: makes c1 a returning customer
    await order(storeA, c1.id, "2026-05-31T16:30:00Z", 10000); // 06-01 00:30 Shanghai: inside, day 06-01
    await order(storeA, c1.id, "2026-05-31T15:30:00Z", 7000); // 05-31 23:30 Shanghai: outside
    await order(storeA, c2.id, "2026-06-05T03:00:00Z", 2500); // inside, day 06-05, c2's first order
    await order(storeA, c2.id, "2026-06-06T03:00:00Z", 9900, "cancelled"); // excluded
    await order(storeA, c2.id, "2026-06-07T03:00:00Z", 1000, "refunded"); // excluded
    await order(storeA, c3.id, "2026-06-25T03:00:00Z", 3000); // after
    await order(storeB, b1.id, "2026-06-03T03:00:00Z", 99999); // other store
  });

  it("computes the KPIs of a period", async () => {
    const k = await getOverviewKpis(storeA, day("2026-06-01"), day("2026-06-11"));
    expect(k).toEqual({
      customers: 2, // c1, c2 (c3 signs up later)
      newCustomers: 1, // c2
      activeCustomers: 2, // c1, c2
      orders: 2, // 10000 + 2500; cancelled, refunded and out-of-period excluded
      revenueMinor: 12500,
      returningCustomers: 1, // c1 has 3 paid orders by the period's end; c2 has 1
    });
  });

  it("counts a customer whose second paid order falls inside the period as returning", async () => {
    // c2 has one paid order on 06-05; a second one on 06-08 makes c2 returning for 06-01…06-10
    // (two in the period, none before), but not for 06-01…06-06.
    const prisma = db().prisma;
    const c2 = await prisma.customer.findFirstOrThrow({ where: { storeId: storeA, externalId: "c2" } });
    await prisma.order.create({
      data: {
        storeId: storeA,
        customerId: c2.id,
        externalId: "o-extra",
        placedAt: new Date("2026-06-08T03:00:00Z"),
        status: "paid",
        currency: "CNY",
        totalMinor: 100,
      },
    });
    expect((await getOverviewKpis(storeA, day("2026-06-01"), day("2026-06-11"))).returningCustomers).toBe(2);
    expect((await getOverviewKpis(storeA, day("2026-06-01"), day("2026-06-07"))).returningCustomers).toBe(1);
    await prisma.order.delete({ where: { storeId_externalId: { storeId: storeA, externalId: "o-extra" } } });
  });

  it("knows whether a store has any data", async () => {
    expect(await hasStoreData(storeA)).toBe(true);
    const empty = await db().prisma.store.create({ data: { name: "E", slug: "empty", currency: "CNY", timezone: TZ } });
    expect(await hasStoreData(empty.id)).toBe(false);
  });

  it("never counts another store's rows", async () => {
    const k = await getOverviewKpis(storeB, day("2026-06-01"), day("2026-06-11"));
    expect(k.revenueMinor).toBe(99999);
    expect(k.customers).toBe(1);
  });

  it("buckets revenue by the store's calendar days, zero-filled", async () => {
    const s = await getRevenueSeries(storeA, day("2026-06-01"), day("2026-06-11"), "day", TZ);
    expect(s).toHaveLength(10);
    expect(s[0]).toEqual({ bucket: "2026-06-01", revenueMinor: 10000, orders: 1 });
    expect(s[4]).toEqual({ bucket: "2026-06-05", revenueMinor: 2500, orders: 1 });
    expect(s[9]).toEqual({ bucket: "2026-06-10", revenueMinor: 0, orders: 0 });
    expect(s.reduce((t, p) => t + p.revenueMinor, 0)).toBe(12500);
  });

  it("buckets by Monday-start weeks and by months", async () => {
    const w = await getRevenueSeries(storeA, day("2026-05-01"), day("2026-07-01"), "week", TZ);
    expect(w[0]?.bucket).toBe("2026-04-27"); // the Monday of the week holding May 1
    // May 31 (a Sunday) closes the week of May 25; June 1 (a Monday) opens the next one
    expect(w.find((p) => p.bucket === "2026-05-25")?.revenueMinor).toBe(7000);
    expect(w.find((p) => p.bucket === "2026-06-01")?.revenueMinor).toBe(10000 + 2500);
    expect(w.find((p) => p.bucket === "2026-05-18")?.revenueMinor).toBe(5000);
    const m = await getRevenueSeries(storeA, day("2026-05-01"), day("2026-07-01"), "month", TZ);
    expect(m).toEqual([
      { bucket: "2026-05-01", revenueMinor: 5000 + 7000, orders: 2 },
      { bucket: "2026-06-01", revenueMinor: 10000 + 2500 + 3000, orders: 3 },
    ]);
  });
});
