// The pipeline's load step: one store's customers, orders, lines and reviews from the database into
// the typed arrays lib/analytics works on (PurchaseData), with the id ↔ index maps to come back.
// Money leaves the database in minor units and arrives here in the store's major unit.
//
// Rows are streamed in pages (keyset pagination on the primary key, the same SQL on PGlite and
// PostgreSQL) straight into preallocated typed arrays, so memory grows with the arrays (tens of bytes
// per order line), not with a result set of row objects.
import type { SqlClient } from "../db/connection";
import { ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, type PurchaseData } from "../analytics/customer-features";

export type LoadedStore = {
  data: PurchaseData;
  /** customerIds[i] is the database id of customer index i. */
  customerIds: Int32Array;
  /** The latest order instant (ms), or null for a store without orders. */
  lastOrderAt: number | null;
};

const STATUS: Record<string, number> = { paid: ORDER_PAID, cancelled: ORDER_CANCELLED, refunded: ORDER_REFUNDED };
const PAGE = 50_000;

/**
 * Runs `select` (which must end with `AND <key> > $2 ORDER BY <key> LIMIT $3` and return the key as
 * `k`) page by page for store $1, handing each page to `onPage`.
 */
async function forEachPage<T extends { k: number }>(
  sql: SqlClient,
  select: string,
  storeId: number,
  onPage: (rows: T[]) => void,
): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await sql.query<T>(select, [storeId, after, PAGE]);
    if (rows.length === 0) return;
    onPage(rows);
    after = (rows[rows.length - 1] as T).k;
    if (rows.length < PAGE) return;
  }
}

async function countOf(sql: SqlClient, table: string, storeId: number): Promise<number> {
  const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE store_id = $1`, [storeId]);
  return rows[0]?.n ?? 0;
}

export async function loadPurchaseData(
  sql: SqlClient,
  storeId: number,
  minorPerMajor: number,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<LoadedStore> {
  const [nCustomers, nOrders, nLines, nReviews] = await Promise.all([
    countOf(sql, "customer", storeId),
    countOf(sql, '"order"', storeId),
    countOf(sql, "order_item", storeId),
    countOf(sql, "review", storeId),
  ]);
  const totalRows = nCustomers + nOrders + nLines + nReviews || 1;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    onProgress(done / totalRows);
  };

  const index = new Map<number, number>();
  const customerIds = new Int32Array(nCustomers);
  const signupAt = new Float64Array(nCustomers);
  let nc = 0;
  await forEachPage<{ k: number; signup_at: Date }>(
    sql,
    "SELECT id AS k, signup_at FROM customer WHERE store_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    storeId,
    (rows) => {
      for (const c of rows) {
        if (nc >= nCustomers) throw new Error("customers were added while the analysis was loading; run it again");
        index.set(c.k, nc);
        customerIds[nc] = c.k;
        signupAt[nc] = c.signup_at.getTime();
        nc++;
      }
      advance(rows.length);
    },
  );

  const orderIndex = new Map<number, number>();
  const o = {
    customer: new Int32Array(nOrders),
    placedAt: new Float64Array(nOrders),
    status: new Uint8Array(nOrders),
    total: new Float64Array(nOrders),
    discount: new Float64Array(nOrders),
    quantity: new Float64Array(nOrders),
  };
  const channelNames: string[] = [];
  const channelIndex = new Map<string, number>();
  const channel = new Int32Array(nOrders).fill(-1);
  let lastOrderAt: number | null = null;
  let no = 0;
  await forEachPage<{
    k: number;
    customer_id: number;
    placed_at: Date;
    status: string;
    total_minor: number;
    discount_minor: number;
    channel: string | null;
  }>(
    sql,
    // Units and line discounts per order are added from the lines below (one pass, no join).
    `SELECT o.id AS k, o.customer_id, o.placed_at, o.status::text AS status, o.total_minor, o.channel,
            o.discount_minor::float8 AS discount_minor
     FROM "order" o
     WHERE o.store_id = $1 AND o.id > $2 ORDER BY o.id LIMIT $3`,
    storeId,
    (rows) => {
      for (const row of rows) {
        if (no >= nOrders) throw new Error("orders were added while the analysis was loading; run it again");
        const c = index.get(row.customer_id);
        if (c === undefined)
          throw new Error(`order ${row.k} refers to customer ${row.customer_id}, which is not in the store`);
        const i = no++;
        orderIndex.set(row.k, i);
        o.customer[i] = c;
        const t = row.placed_at.getTime();
        o.placedAt[i] = t;
        if (lastOrderAt === null || t > lastOrderAt) lastOrderAt = t;
        const status = STATUS[row.status];
        if (status === undefined) throw new Error(`order ${row.k} has an unknown status ${row.status}`);
        o.status[i] = status;
        o.total[i] = row.total_minor / minorPerMajor;
        o.discount[i] = row.discount_minor / minorPerMajor;
        if (row.channel) {
          let ch = channelIndex.get(row.channel);
          if (ch === undefined) {
            ch = channelNames.length;
            channelNames.push(row.channel);
            channelIndex.set(row.channel, ch);
          }
          channel[i] = ch;
        }
      }
      advance(rows.length);
    },
  );

  // Categories by product (a few hundred rows), so the paged line query needs no join: a keyset scan
  // of order_item's primary key whatever the planner's statistics say.
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const productCategory = new Map<number, number>();
  const productIndex = new Map<number, number>();
  const products = await sql.query<{ id: number; category: string; active: boolean }>(
    "SELECT id, category, active FROM product WHERE store_id = $1 ORDER BY id",
    [storeId],
  );
  const catalog = {
    ids: new Int32Array(products.length),
    category: new Int32Array(products.length),
    active: new Uint8Array(products.length),
  };
  products.forEach((p, k) => {
    let cat = categoryIndex.get(p.category);
    if (cat === undefined) {
      cat = categories.length;
      categories.push(p.category);
      categoryIndex.set(p.category, cat);
    }
    productCategory.set(p.id, cat);
    productIndex.set(p.id, k);
    catalog.ids[k] = p.id;
    catalog.category[k] = cat;
    catalog.active[k] = p.active ? 1 : 0;
  });
  const l = {
    order: new Int32Array(nLines),
    category: new Int32Array(nLines),
    amount: new Float64Array(nLines),
    product: new Int32Array(nLines),
  };
  let nl = 0;
  await forEachPage<{
    k: number;
    order_id: number;
    product_id: number;
    amount_minor: number;
    quantity: number;
    discount_minor: number;
  }>(
    sql,
    `SELECT id AS k, order_id, product_id, quantity, discount_minor::float8 AS discount_minor,
            (quantity * unit_price_minor - discount_minor)::float8 AS amount_minor
     FROM order_item WHERE store_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    storeId,
    (rows) => {
      for (const row of rows) {
        if (nl >= nLines) throw new Error("order lines were added while the analysis was loading; run it again");
        const cat = productCategory.get(row.product_id);
        if (cat === undefined)
          throw new Error(`order line refers to product ${row.product_id}, which is not in the store`);
        const oi = orderIndex.get(row.order_id);
        if (oi === undefined) throw new Error(`order line refers to order ${row.order_id}, which is not in the store`);
        l.order[nl] = oi;
        l.category[nl] = cat;
        l.product[nl] = productIndex.get(row.product_id) as number;
        l.amount[nl] = row.amount_minor / minorPerMajor;
        o.quantity[oi] = (o.quantity[oi] as number) + row.quantity;
        o.discount[oi] = (o.discount[oi] as number) + row.discount_minor / minorPerMajor;
        nl++;
      }
      advance(rows.length);
    },
  );

  const r = {
    customer: new Int32Array(nReviews),
    rating: new Float64Array(nReviews),
    createdAt: new Float64Array(nReviews),
    product: new Int32Array(nReviews),
  };
  let nr = 0;
  await forEachPage<{ k: number; customer_id: number; product_id: number; rating: number; created_at: Date }>(
    sql,
    "SELECT id AS k, customer_id, product_id, rating, created_at FROM review WHERE store_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    storeId,
    (rows) => {
      for (const row of rows) {
        if (nr >= nReviews) throw new Error("reviews were added while the analysis was loading; run it again");
        const c = index.get(row.customer_id);
        if (c === undefined)
          throw new Error(`a review refers to customer ${row.customer_id}, which is not in the store`);
        r.customer[nr] = c;
        r.rating[nr] = row.rating;
        r.createdAt[nr] = row.created_at.getTime();
        const p = productIndex.get(row.product_id);
        if (p === undefined) throw new Error(`a review refers to product ${row.product_id}, which is not in the store`);
        r.product[nr] = p;
        nr++;
      }
      advance(rows.length);
    },
  );

  // Rows deleted while loading leave the arrays short: trim to what was read.
  return {
    data: {
      customerCount: nc,
      signupAt: signupAt.subarray(0, nc),
      orders: {
        customer: o.customer.subarray(0, no),
        placedAt: o.placedAt.subarray(0, no),
        status: o.status.subarray(0, no),
        total: o.total.subarray(0, no),
        discount: o.discount.subarray(0, no),
        quantity: o.quantity.subarray(0, no),
      },
      lines: {
        order: l.order.subarray(0, nl),
        category: l.category.subarray(0, nl),
        amount: l.amount.subarray(0, nl),
        product: l.product.subarray(0, nl),
      },
      products: catalog,
      categories,
      reviews: {
        customer: r.customer.subarray(0, nr),
        rating: r.rating.subarray(0, nr),
        createdAt: r.createdAt.subarray(0, nr),
        product: r.product.subarray(0, nr),
      },
      orderChannels: { channel: channel.subarray(0, no), names: channelNames },
    },
    customerIds: customerIds.subarray(0, nc),
    lastOrderAt,
  };
}
