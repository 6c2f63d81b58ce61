// Loading demo stores into PGlite and (with TEST_DATABASE_URL) PostgreSQL: what the database holds
// must be what the generator produced, stores must not collide, the app's own inserts must still
// work afterwards, and a failed seed must leave nothing behind.
import { describe, expect, it } from "vitest";
import type { SqlClient } from "../db/connection";
import { testDatabaseKinds, useTestDatabase } from "../db/testing/databases";
import { generateDemoStore } from "./generate";
import { seedDemoData } from "./load";
import type { DemoStoreOptions } from "./types";

const AS_OF = new Date("2026-11-28T16:00:00Z");
const storeA: DemoStoreOptions = {
  customers: 1200,
  seed: 5,
  asOf: AS_OF,
  currency: "CNY",
  timezone: "Asia/Shanghai",
  language: "zh",
};
const storeB: DemoStoreOptions = {
  customers: 300,
  seed: 6,
  asOf: AS_OF,
  currency: "USD",
  timezone: "America/New_York",
  language: "en",
};

async function createStore(sql: SqlClient, slug: string, options: DemoStoreOptions): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    "INSERT INTO store (name, slug, currency, timezone) VALUES ($1, $1, $2, $3) RETURNING id",
    [slug, options.currency, options.timezone],
  );
  return row?.id as number;
}

type Counts = {
  customer: number;
  product: number;
  order: number;
  order_item: number;
  review: number;
  demo_ground_truth: number;
};

async function countRows(sql: SqlClient, storeId: number): Promise<Counts> {
  const [row] = await sql.query<Counts>(
    `SELECT (SELECT count(*)::int FROM customer WHERE store_id = $1) AS customer,
            (SELECT count(*)::int FROM product WHERE store_id = $1) AS product,
            (SELECT count(*)::int FROM "order" WHERE store_id = $1) AS "order",
            (SELECT count(*)::int FROM order_item WHERE store_id = $1) AS order_item,
            (SELECT count(*)::int FROM review WHERE store_id = $1) AS review,
            (SELECT count(*)::int FROM demo_ground_truth WHERE store_id = $1) AS demo_ground_truth`,
    [storeId],
  );
  return row as Counts;
}

describe.each(testDatabaseKinds())("seeding demo stores on %s", (kind) => {
  const db = useTestDatabase(kind);
  const sql = () => db().sql;
  const ids: { a?: number; b?: number } = {};

  it("stores exactly what the generator produces", async () => {
    ids.a = await createStore(sql(), "store-a", storeA);
    const progress: number[] = [];
    const result = await seedDemoData(sql(), {
      ...storeA,
      storeId: ids.a,
      chunkSize: 500,
      onProgress: (done, total) => {
        expect(total).toBe(1200);
        progress.push(done);
      },
    });
    expect(progress).toEqual([500, 1000, 1200]);

    const expected = generateDemoStore(storeA);
    expect(result).toMatchObject({
      customers: 1200,
      products: expected.products.length,
      orders: expected.orders.length,
      orderItems: expected.items.length,
      reviews: expected.reviews.length,
    });
    expect(await countRows(sql(), ids.a)).toEqual({
      customer: 1200,
      product: expected.products.length,
      order: expected.orders.length,
      order_item: expected.items.length,
      review: expected.reviews.length,
      demo_ground_truth: 1200,
    });
    expect(result.timings.totalMs).toBeGreaterThan(0);

    // Content, not just counts: money, the mix of archetypes and one customer's history.
    const [sums] = await sql().query<{ total: number; discount: number; lines: number; stars: number }>(
      `SELECT (SELECT sum(total_minor)::float8 FROM "order" WHERE store_id = $1) AS total,
              (SELECT sum(discount_minor)::float8 FROM "order" WHERE store_id = $1) AS discount,
              (SELECT sum(quantity * unit_price_minor - discount_minor)::float8 FROM order_item WHERE store_id = $1) AS lines,
              (SELECT sum(rating)::float8 FROM review WHERE store_id = $1) AS stars`,
      [ids.a],
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sums).toEqual({
      total: sum(expected.orders.map((o) => o.totalMinor)),
      discount: sum(expected.orders.map((o) => o.discountMinor)),
      lines: sum(expected.items.map((i) => i.quantity * i.unitPriceMinor - i.discountMinor)),
      stars: sum(expected.reviews.map((r) => r.rating)),
    });
    const archetypes = await sql().query<{ archetype: string; n: number }>(
      "SELECT archetype, count(*)::int AS n FROM demo_ground_truth WHERE store_id = $1 GROUP BY archetype ORDER BY archetype",
      [ids.a],
    );
    const expectedMix = new Map<string, number>();
    for (const g of expected.groundTruth) expectedMix.set(g.archetype, (expectedMix.get(g.archetype) ?? 0) + 1);
    expect(archetypes).toEqual(
      [...expectedMix].sort((x, y) => x[0].localeCompare(y[0])).map(([archetype, n]) => ({ archetype, n })),
    );

    const c42 = expected.customers[41];
    const [row] = await sql().query<{
      email: string | null;
      gender: string | null;
      signup_at: Date;
      orders: number;
      total: number;
    }>(
      `SELECT c.email, c.gender::text AS gender, c.signup_at,
              (SELECT count(*)::int FROM "order" o WHERE o.store_id = c.store_id AND o.customer_id = c.id) AS orders,
              (SELECT COALESCE(sum(total_minor), 0)::float8 FROM "order" o WHERE o.store_id = c.store_id AND o.customer_id = c.id) AS total
       FROM customer c WHERE c.store_id = $1 AND c.external_id = 'C000042'`,
      [ids.a],
    );
    const theirOrders = expected.orders.filter((o) => o.customerId === 42);
    expect(row).toEqual({
      email: c42?.email,
      gender: c42?.gender,
      signup_at: c42?.signupAt,
      orders: theirOrders.length,
      total: sum(theirOrders.map((o) => o.totalMinor)),
    });
  });

  it("gives a second store its own rows, with ids after the first store's", async () => {
    ids.b = await createStore(sql(), "store-b", storeB);
    const before = await countRows(sql(), ids.a as number);
    const result = await seedDemoData(sql(), { ...storeB, storeId: ids.b });
    expect(result.customers).toBe(300);
    expect(await countRows(sql(), ids.a as number)).toEqual(before);
    expect((await countRows(sql(), ids.b)).customer).toBe(300);

    for (const table of ["customer", "product", "order", "order_item", "review"]) {
      const [range] = await sql().query<{ a_max: number; b_min: number }>(
        `SELECT (SELECT max(id)::float8 FROM "${table}" WHERE store_id = $1) AS a_max,
                (SELECT min(id)::float8 FROM "${table}" WHERE store_id = $2) AS b_min`,
        [ids.a, ids.b],
      );
      expect(range?.b_min, table).toBeGreaterThan(range?.a_max ?? Infinity);
    }
    // B's orders belong to B's customers and lines to B's products (composite keys hold).
    const [cross] = await sql().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM order_item i JOIN product p ON p.id = i.product_id AND p.store_id <> i.store_id`,
    );
    expect(cross?.n).toBe(0);
    const [currency] = await sql().query<{ currencies: string[] }>(
      `SELECT array_agg(DISTINCT currency::text) AS currencies FROM "order" WHERE store_id = $1`,
      [ids.b],
    );
    expect(currency?.currencies).toEqual(["USD"]);
  });

  it("leaves the sequences ahead, so the app's inserts without ids succeed afterwards", async () => {
    const storeId = ids.a as number;
    const one = async (text: string, params: unknown[]) => (await sql().query<{ id: number }>(text, params))[0]?.id;
    const customerId = await one(
      "INSERT INTO customer (store_id, external_id, signup_at) VALUES ($1, 'APP-1', now()) RETURNING id",
      [storeId],
    );
    const productId = await one(
      "INSERT INTO product (store_id, sku, title, category, price_minor) VALUES ($1, 'APP-SKU', 'New', 'New', 100) RETURNING id",
      [storeId],
    );
    const orderId = await one(
      `INSERT INTO "order" (store_id, external_id, customer_id, placed_at, status, currency, total_minor)
       VALUES ($1, 'APP-O1', $2, now(), 'paid', 'CNY', 100) RETURNING id`,
      [storeId, customerId],
    );
    const itemId = await one(
      "INSERT INTO order_item (store_id, order_id, product_id, quantity, unit_price_minor) VALUES ($1, $2, $3, 1, 100) RETURNING id",
      [storeId, orderId, productId],
    );
    const reviewId = await one(
      "INSERT INTO review (store_id, customer_id, product_id, rating, created_at) VALUES ($1, $2, $3, 5, now()) RETURNING id",
      [storeId, customerId, productId],
    );
    for (const [table, id] of Object.entries({
      customer: customerId,
      product: productId,
      order: orderId,
      order_item: itemId,
      review: reviewId,
    })) {
      const [max] = await sql().query<{ max: number }>(`SELECT max(id)::float8 AS max FROM "${table}"`);
      expect(Number(id), table).toBe(max?.max);
    }
  });

  it("refuses a store that has data, a missing store or the wrong currency, and changes nothing", async () => {
    const before = await countRows(sql(), ids.a as number);
    await expect(seedDemoData(sql(), { ...storeA, storeId: ids.a as number })).rejects.toThrow(/already has customers/);
    await expect(seedDemoData(sql(), { ...storeA, storeId: 987_654 })).rejects.toThrow(/does not exist/);
    const empty = await createStore(sql(), "store-c", storeA);
    await expect(seedDemoData(sql(), { ...storeA, currency: "USD", storeId: empty })).rejects.toThrow(/CNY/);
    await expect(seedDemoData(sql(), { ...storeA, currency: "XYZ", storeId: empty })).rejects.toThrow(RangeError);
    expect(await countRows(sql(), ids.a as number)).toEqual(before);
    expect(await countRows(sql(), empty)).toMatchObject({ customer: 0, product: 0 });
  });

  it("rolls a failing seed back completely", async () => {
    const storeId = await createStore(sql(), "store-d", storeA);
    // A connection that dies while inserting the third chunk's order lines.
    let lineStatements = 0;
    const failing = (inner: SqlClient): SqlClient => ({
      query: async (text, params) => {
        if (text.startsWith('INSERT INTO "order_item"') && ++lineStatements === 3) throw new Error("connection lost");
        return inner.query(text, params);
      },
      exec: (script) => inner.exec(script),
      transaction: (fn) => inner.transaction((tx) => fn(failing(tx))),
    });
    await expect(seedDemoData(failing(sql()), { ...storeA, storeId, chunkSize: 200 })).rejects.toThrow(
      "connection lost",
    );
    expect(lineStatements).toBe(3);
    expect(await countRows(sql(), storeId)).toEqual({
      customer: 0,
      product: 0,
      order: 0,
      order_item: 0,
      review: 0,
      demo_ground_truth: 0,
    });
    // …and the store can be seeded after all.
    const result = await seedDemoData(sql(), { ...storeA, customers: 50, storeId });
    expect((await countRows(sql(), storeId)).customer).toBe(result.customers);
  });
});
