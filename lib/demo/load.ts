// Seeds a demo store: generates the catalog and the customers chunk by chunk and bulk-loads them
// into an existing, empty store.
//
// All of it runs in ONE transaction: a failure (or a killed process) leaves no half-seeded store,
// and nobody sees a store whose orders are there but whose reviews are not. On PGlite the
// transaction holds the (single) connection for the duration, which is what a seed wants anyway.
//
// Ids: the generator numbers rows 1…n per table; each chunk reserves ranges of the same size from
// the tables' sequences (lib/db/bulk.ts reserveIdRanges) and shifts its ids into them. A second
// store seeded later gets fresh ranges, and later application inserts (ids by default) continue
// after every range.
//
// Speed: per-row foreign-key triggers are about half of the load time. Where the role may, the
// transaction skips them (skipRowTriggers) and checks every foreign key of the loaded tables with
// one anti-join each before committing, which gives the same guarantee; elsewhere they just run.
// The store row is locked FOR KEY SHARE for the duration, as the skipped checks would have done.
import "server-only";
import {
  findDanglingReferences,
  insertRows,
  reserveIdRanges,
  skipRowTriggers,
  type BulkColumn,
  type BulkTable,
} from "../db/bulk";
import type { SqlClient } from "../db/connection";
import { appendChunk, emptyChunk, generateCatalog, generateCustomerChunks } from "./generate";
import type {
  CustomerRow,
  DemoCustomerChunk,
  DemoStoreOptions,
  GroundTruthRow,
  OrderItemRow,
  OrderRow,
  ProductRow,
  ReviewRow,
} from "./types";

/**
 * Customers whose rows go into one INSERT per table. 500 to 5,000 measured alike on both databases
 * (bench-seed.ts); 2,000 keeps the two chunks in memory (one stored, one generated) to a few MB.
 */
export const DEFAULT_SEED_CHUNK_SIZE = 2000;

export type SeedDemoOptions = DemoStoreOptions & {
  storeId: number;
  /** Customers whose rows are inserted together (one statement per table). */
  chunkSize?: number;
  /** Called after each chunk is stored: customers done so far and in total. */
  onProgress?: (done: number, total: number) => void;
};

export type SeedDemoResult = {
  customers: number;
  products: number;
  orders: number;
  orderItems: number;
  reviews: number;
  groundTruth: number;
  timings: {
    /** Time spent generating rows. */
    generateMs: number;
    /** Wall time not spent generating: waiting for the database (on PostgreSQL, partly overlapped). */
    loadMs: number;
    /** Part of loadMs: the set-wise foreign-key check (0 when the row triggers ran instead). */
    verifyMs: number;
    totalMs: number;
  };
};

/** What generated ids are shifted by when they are written (database id = generated id + offset). */
export type IdOffsets = {
  storeId: number;
  product: number;
  customer: number;
  order: number;
  item: number;
  review: number;
};

type TableSpec<R> = { table: string; columns: readonly (BulkColumn & { value: (row: R, o: IdOffsets) => unknown })[] };

const storeColumn = { name: "store_id", type: "int", value: (_: unknown, o: IdOffsets) => o.storeId };

const PRODUCT: TableSpec<ProductRow> = {
  table: "product",
  columns: [
    storeColumn,
    { name: "id", type: "int", value: (r, o) => r.id + o.product },
    { name: "sku", type: "text", value: (r) => r.sku },
    { name: "title", type: "text", value: (r) => r.title },
    { name: "title_en", type: "text", value: (r) => r.titleEn },
    { name: "title_zh", type: "text", value: (r) => r.titleZh },
    { name: "category", type: "text", value: (r) => r.category },
    { name: "brand", type: "text", value: (r) => r.brand },
    { name: "price_minor", type: "int", value: (r) => r.priceMinor },
    { name: "active", type: "boolean", value: (r) => r.active },
  ],
};

const CUSTOMER: TableSpec<CustomerRow> = {
  table: "customer",
  columns: [
    storeColumn,
    { name: "id", type: "int", value: (r, o) => r.id + o.customer },
    { name: "external_id", type: "text", value: (r) => r.externalId },
    { name: "name", type: "text", value: (r) => r.name },
    { name: "email", type: "text", value: (r) => r.email },
    { name: "phone", type: "text", value: (r) => r.phone },
    { name: "gender", type: '"Gender"', value: (r) => r.gender },
    { name: "birth_year", type: "smallint", value: (r) => r.birthYear },
    { name: "city", type: "text", value: (r) => r.city },
    { name: "region", type: "text", value: (r) => r.region },
    { name: "country", type: "varchar(2)", value: (r) => r.country },
    { name: "signup_at", type: "timestamptz", value: (r) => r.signupAt },
    { name: "acquisition_channel", type: "text", value: (r) => r.acquisitionChannel },
  ],
};

const ORDER: TableSpec<OrderRow> = {
  table: "order",
  columns: [
    storeColumn,
    { name: "id", type: "int", value: (r, o) => r.id + o.order },
    { name: "external_id", type: "text", value: (r) => r.externalId },
    { name: "customer_id", type: "int", value: (r, o) => r.customerId + o.customer },
    { name: "placed_at", type: "timestamptz", value: (r) => r.placedAt },
    { name: "status", type: '"OrderStatus"', value: (r) => r.status },
    { name: "channel", type: "text", value: (r) => r.channel },
    { name: "currency", type: "varchar(3)", value: (r) => r.currency },
    { name: "total_minor", type: "int", value: (r) => r.totalMinor },
    { name: "discount_minor", type: "int", value: (r) => r.discountMinor },
  ],
};

const ORDER_ITEM: TableSpec<OrderItemRow> = {
  table: "order_item",
  columns: [
    storeColumn,
    { name: "id", type: "bigint", value: (r, o) => r.id + o.item },
    { name: "order_id", type: "int", value: (r, o) => r.orderId + o.order },
    { name: "product_id", type: "int", value: (r, o) => r.productId + o.product },
    { name: "quantity", type: "int", value: (r) => r.quantity },
    { name: "unit_price_minor", type: "int", value: (r) => r.unitPriceMinor },
    { name: "discount_minor", type: "int", value: (r) => r.discountMinor },
  ],
};

const REVIEW: TableSpec<ReviewRow> = {
  table: "review",
  columns: [
    storeColumn,
    { name: "id", type: "int", value: (r, o) => r.id + o.review },
    { name: "customer_id", type: "int", value: (r, o) => r.customerId + o.customer },
    { name: "product_id", type: "int", value: (r, o) => r.productId + o.product },
    { name: "rating", type: "smallint", value: (r) => r.rating },
    { name: "text", type: "text", value: (r) => r.text },
    { name: "created_at", type: "timestamptz", value: (r) => r.createdAt },
  ],
};

const GROUND_TRUTH: TableSpec<GroundTruthRow> = {
  table: "demo_ground_truth",
  columns: [
    storeColumn,
    { name: "customer_id", type: "int", value: (r, o) => r.customerId + o.customer },
    { name: "archetype", type: "text", value: (r) => r.archetype },
  ],
};

function toBulkTable<R>(spec: TableSpec<R>, rows: readonly R[], offsets: IdOffsets): BulkTable {
  return {
    table: spec.table,
    columns: spec.columns,
    data: { columns: spec.columns.map((c) => rows.map((r) => c.value(r, offsets))) },
  };
}

/** Reserves id ranges for one chunk and returns the offsets that move its ids into them. */
export async function reserveChunkIds(
  sql: SqlClient,
  chunk: DemoCustomerChunk,
  base: Pick<IdOffsets, "storeId" | "product">,
): Promise<IdOffsets> {
  const ranges = [
    { key: "customer", table: "customer", rows: chunk.customers },
    { key: "order", table: "order", rows: chunk.orders },
    { key: "item", table: "order_item", rows: chunk.items },
    { key: "review", table: "review", rows: chunk.reviews },
  ] as const;
  const used = ranges.filter((r) => r.rows.length > 0);
  const firsts = await reserveIdRanges(
    sql,
    used.map((r) => ({ table: r.table, count: r.rows.length })),
  );
  const offsets: IdOffsets = { ...base, customer: 0, order: 0, item: 0, review: 0 };
  used.forEach((r, i) => {
    offsets[r.key] = (firsts[i] as number) - (r.rows[0] as { id: number }).id;
  });
  return offsets;
}

/** The catalog as a bulk-insert table. */
export function catalogTable(products: readonly ProductRow[], offsets: IdOffsets): BulkTable {
  return toBulkTable(PRODUCT, products, offsets);
}

/** A chunk's rows as bulk-insert tables, parents before children. */
export function chunkTables(chunk: DemoCustomerChunk, offsets: IdOffsets): BulkTable[] {
  return [
    toBulkTable(CUSTOMER, chunk.customers, offsets),
    toBulkTable(GROUND_TRUTH, chunk.groundTruth, offsets),
    toBulkTable(ORDER, chunk.orders, offsets),
    toBulkTable(ORDER_ITEM, chunk.items, offsets),
    toBulkTable(REVIEW, chunk.reviews, offsets),
  ];
}

async function checkStore(sql: SqlClient, options: SeedDemoOptions): Promise<void> {
  // FOR KEY SHARE, as a foreign-key check would: nobody deletes the store while it is being seeded.
  const [store] = await sql.query<{ currency: string; timezone: string; has_data: boolean }>(
    `SELECT currency, timezone,
            EXISTS (SELECT 1 FROM customer WHERE store_id = $1) OR EXISTS (SELECT 1 FROM product WHERE store_id = $1) AS has_data
     FROM store WHERE id = $1 FOR KEY SHARE`,
    [options.storeId],
  );
  if (!store) throw new Error(`Store ${options.storeId} does not exist: create the store row before seeding it`);
  if (store.has_data) {
    throw new Error(`Store ${options.storeId} already has customers or products: seed only an empty store`);
  }
  if (store.currency !== options.currency || store.timezone !== options.timezone) {
    throw new Error(
      `Store ${options.storeId} is ${store.currency} / ${store.timezone}, but the demo data was asked for ` +
        `${options.currency} / ${options.timezone}`,
    );
  }
}

const LOADED_TABLES = [PRODUCT, CUSTOMER, GROUND_TRUTH, ORDER, ORDER_ITEM, REVIEW].map((t) => t.table);

/** The foreign-key checks skipped while loading, done set-wise; any miss rolls the seed back. */
async function verifyReferences(sql: SqlClient, storeId: number): Promise<void> {
  for (const table of LOADED_TABLES) {
    const dangling = await findDanglingReferences(sql, table, { column: "store_id", value: storeId });
    if (dangling.length > 0) {
      const list = dangling.map((d) => `${d.constraint} (${d.rows} rows)`).join(", ");
      throw new Error(`Demo data for store ${storeId} has dangling references in ${table}: ${list}`);
    }
  }
}

/** Inserts bulk tables in order, one statement per table. */
export async function insertBulkTables(sql: SqlClient, tables: readonly BulkTable[]): Promise<void> {
  for (const t of tables) await insertRows(sql, t.table, t.columns, t.data, { batchSize: Number.MAX_SAFE_INTEGER });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// Customers are generated in slices of this size, with a turn of the event loop between slices,
// so that the driver can send the statements of the previous chunk while the next one is built.
const GENERATION_SLICE = 100;

export async function seedDemoData(sql: SqlClient, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { storeId, chunkSize = DEFAULT_SEED_CHUNK_SIZE, onProgress } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const started = performance.now();
  // First, outside the transaction: invalid options fail here, before the database is touched.
  const catalog = generateCatalog(options);
  let generateMs = performance.now() - started;
  let verifyMs = 0;
  const counts = { customers: 0, products: 0, orders: 0, orderItems: 0, reviews: 0, groundTruth: 0 };

  await sql.transaction(async (tx) => {
    await checkStore(tx, options);
    const triggersSkipped = await skipRowTriggers(tx);
    const [firstProduct] = await reserveIdRanges(tx, [{ table: "product", count: catalog.products.length }]);
    const base = { storeId, product: (firstProduct as number) - 1 };
    await insertBulkTables(tx, [
      catalogTable(catalog.products, { ...base, customer: 0, order: 0, item: 0, review: 0 }),
    ]);
    counts.products = catalog.products.length;

    const store = async (chunk: DemoCustomerChunk) => {
      await insertBulkTables(tx, chunkTables(chunk, await reserveChunkIds(tx, chunk, base)));
      counts.customers += chunk.customers.length;
      counts.orders += chunk.orders.length;
      counts.orderItems += chunk.items.length;
      counts.reviews += chunk.reviews.length;
      counts.groundTruth += chunk.groundTruth.length;
      onProgress?.(counts.customers, options.customers);
    };
    // At most one chunk is being stored while the next is generated: memory stays at two chunks.
    let storing: Promise<void> = Promise.resolve();
    let chunk = emptyChunk();
    const slices = generateCustomerChunks(options, GENERATION_SLICE);
    try {
      for (;;) {
        const t0 = performance.now();
        const slice = slices.next();
        generateMs += performance.now() - t0;
        if (slice.done) break;
        appendChunk(chunk, slice.value);
        if (chunk.customers.length >= chunkSize) {
          await storing;
          storing = store(chunk);
          // Its failure is rethrown where it is awaited; until then, mark it as observed so that a
          // rejection during a turn of the event loop is not reported as unhandled.
          storing.catch(() => undefined);
          chunk = emptyChunk();
        } else {
          await nextTurn();
        }
      }
      await storing;
      if (chunk.customers.length > 0) await store(chunk);
    } catch (err) {
      // Let a statement still in flight settle before the transaction is rolled back.
      await storing.catch(() => undefined);
      throw err;
    }
    if (triggersSkipped) {
      const t0 = performance.now();
      await verifyReferences(tx, storeId);
      verifyMs = performance.now() - t0;
    }
  });

  const totalMs = performance.now() - started;
  // Fresh statistics: without them the planner takes a freshly bulk-loaded table for empty and picks
  // nested loops that rescan it (seen here: a paged scan of 885k order lines 3× slower).
  await sql.exec('ANALYZE customer, product, "order", order_item, review');
  return { ...counts, timings: { generateMs, loadMs: totalMs - generateMs, verifyMs, totalMs } };
}
