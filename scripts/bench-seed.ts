// npm run bench:seed -- --customers N [--db pglite|postgres] [--compare-customers M] [--seed S]
//
// Seeds a fresh database (PGlite in a temporary directory, or a database created for the run on
// BENCH_DATABASE_URL / TEST_DATABASE_URL / postgresql://postgres@127.0.0.1:5432/test and dropped
// after) with a demo store of N customers through seedDemoData, and prints generation time, load
// time, rows/s and peak RSS. Then it loads the same M-customer sample into fresh stores of that
// database with each insert method, to keep the choice made in lib/db/bulk.ts honest:
//
//   unnest, one statement per table   what seedDemoData does (insertRows per chunk), chunk sizes
//   unnest, all tables in one         data-modifying CTEs, one round trip per chunk
//   unnest per table, batched         insertRows with its batch size
//   multi-row VALUES                  one parameter per value (≤ 65,535 per statement)
//   json_to_recordset                 one JSON document per batch
//   COPY FROM '/dev/blob'             PGlite only; node-postgres would need pg-copy-streams
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import pg from "pg";
import { z } from "zod";
import { insertRows, quoteIdent, reserveIdRanges, skipRowTriggers, unnestInsert, type BulkTable } from "../lib/db/bulk";
import { createConnection, type Connection, type SqlClient } from "../lib/db/connection";
import { migrate } from "../lib/db/migrate";
import { generateCatalog, generateCustomerChunks } from "../lib/demo/generate";
import {
  catalogTable,
  chunkTables,
  DEFAULT_SEED_CHUNK_SIZE,
  insertBulkTables,
  reserveChunkIds,
  seedDemoData,
} from "../lib/demo/load";
import type { DemoCustomerChunk, DemoStoreOptions } from "../lib/demo/types";
import { parseFlags, runScript } from "./cli";

const USAGE = `Usage: npm run bench:seed -- --customers N [--db pglite|postgres] [--compare-customers M] [--seed S]
  --customers          customers in the seeded store (default 5000)
  --db                 pglite (temporary directory, default) or postgres (a database created and dropped)
  --compare-customers  sample size for the insert-method comparison (default: min(N, 5000); 0 skips it)
  --seed               generator seed (default 42)`;

const flagsSchema = z.object({
  customers: z.coerce.number().int().min(1).max(2_000_000).default(5000),
  db: z.enum(["pglite", "postgres"]).default("pglite"),
  "compare-customers": z.coerce.number().int().min(0).max(100_000).optional(),
  seed: z.coerce.number().int().min(0).default(42),
});

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

// A fixed snapshot so runs are comparable.
const demoOptions = (customers: number, seed: number): DemoStoreOptions => ({
  customers,
  seed,
  asOf: new Date("2026-11-28T16:00:00Z"),
  currency: "CNY",
  timezone: "Asia/Shanghai",
  language: "zh",
});

type Bench = {
  kind: "pglite" | "postgres";
  target: string;
  sql: SqlClient;
  /** Whether COPY FROM '/dev/blob' is available (PGlite). */
  canCopyBlob: boolean;
  close(): Promise<void>;
};

type PgliteHandle = PGlite | Transaction;
type PgliteSqlClient = SqlClient & { handle: PgliteHandle };

// The same contract as lib/db/connection.ts's PGlite client, keeping the handle for COPY (inside a
// transaction COPY must go through the transaction's handle: PGlite's own would wait for its lock).
function pgliteClient(db: PgliteHandle): PgliteSqlClient {
  return {
    handle: db,
    async query<T>(text: string, params?: readonly unknown[]) {
      return (await db.query<T>(text, params ? [...params] : undefined)).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    transaction: (fn) => ("transaction" in db ? db.transaction((tx) => fn(pgliteClient(tx))) : fn(pgliteClient(db))),
  };
}

/** A fresh, migrated database; PGlite is opened raw so that COPY can be measured too. */
async function openFreshDatabase(kind: "pglite" | "postgres"): Promise<Bench> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-bench-"));
    const db = new PGlite(path.join(dir, "pglite"));
    const sql = pgliteClient(db);
    await migrate(sql);
    return {
      kind,
      target: dir,
      sql,
      canCopyBlob: true,
      async close() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `shoplens_bench_${randomBytes(5).toString("hex")}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let conn: Connection;
  try {
    conn = createConnection({ databaseUrl: url.toString(), pgliteDir: "", poolSize: 2 });
    await migrate(conn.sql);
  } catch (err) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
  return {
    kind,
    target: `${url.host}/${name}`,
    sql: conn.sql,
    canCopyBlob: false,
    async close() {
      await conn.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

let storeCounter = 0;
async function createStore(sql: SqlClient, label: string): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    "INSERT INTO store (name, slug, currency, timezone) VALUES ($1, $2, 'CNY', 'Asia/Shanghai') RETURNING id",
    [`Bench ${label}`, `bench-${process.pid}-${++storeCounter}`],
  );
  return (row as { id: number }).id;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Insert methods (all take the same BulkTables, in foreign-key order)
// ---------------------------------------------------------------------------------------------

function rowsOf(t: BulkTable): unknown[][] {
  const data = t.data;
  if (!("columns" in data)) return data.map((r) => [...r]);
  const n = data.columns[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => data.columns.map((c) => c[i]));
}

const literal = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

async function insertValues(sql: SqlClient, t: BulkTable, batchRows: number): Promise<void> {
  const rows = rowsOf(t);
  const width = t.columns.length;
  const names = t.columns.map((c) => quoteIdent(c.name)).join(", ");
  for (let from = 0; from < rows.length; from += batchRows) {
    const batch = rows.slice(from, from + batchRows);
    const tuples = batch.map((_, i) => `(${t.columns.map((c, j) => `$${i * width + j + 1}::${c.type}`).join(", ")})`);
    await sql.query(
      `INSERT INTO ${quoteIdent(t.table)} (${names}) VALUES ${tuples.join(", ")}`,
      batch.flat().map(literal),
    );
  }
}

async function insertJson(sql: SqlClient, t: BulkTable, batchRows: number): Promise<void> {
  const rows = rowsOf(t);
  const names = t.columns.map((c) => quoteIdent(c.name)).join(", ");
  const record = t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(", ");
  const text = `INSERT INTO ${quoteIdent(t.table)} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${record})`;
  for (let from = 0; from < rows.length; from += batchRows) {
    const objects = rows
      .slice(from, from + batchRows)
      .map((r) => Object.fromEntries(t.columns.map((c, j) => [c.name, literal(r[j])])));
    await sql.query(text, [JSON.stringify(objects)]);
  }
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s === "" || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function insertCopy(sql: SqlClient, t: BulkTable, batchRows: number): Promise<void> {
  if (!("handle" in sql)) throw new Error("COPY FROM '/dev/blob' needs PGlite");
  const db = (sql as PgliteSqlClient).handle;
  const rows = rowsOf(t);
  const names = t.columns.map((c) => quoteIdent(c.name)).join(", ");
  for (let from = 0; from < rows.length; from += batchRows) {
    const text = rows
      .slice(from, from + batchRows)
      .map((r) => r.map(csvField).join(","))
      .join("\n");
    await db.query(`COPY ${quoteIdent(t.table)} (${names}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([`${text}\n`]),
    });
  }
}

type Method = {
  name: string;
  /** Loads all tables of one chunk (or the catalog) into the store. */
  load(sql: SqlClient, tables: BulkTable[]): Promise<void>;
  /** Customers per chunk handed to load(). */
  chunkSize: number;
  /** Keep the per-row foreign-key triggers on (every other method runs as seedDemoData does, without). */
  rowTriggers?: boolean;
  pgliteOnly?: boolean;
};

const perTable =
  (fn: (sql: SqlClient, t: BulkTable) => Promise<void>) => async (sql: SqlClient, tables: BulkTable[]) => {
    for (const t of tables) await fn(sql, t);
  };

/** All tables of a chunk in one statement, as data-modifying CTEs (foreign keys are checked at its end). */
async function insertAsCtes(sql: SqlClient, tables: BulkTable[]): Promise<void> {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const t of tables) {
    const { text, params: p } = unnestInsert(t.table, t.columns, t.data, { firstParam: params.length + 1 });
    if ((p[0]?.length ?? 0) === 0) continue;
    parts.push(text);
    params.push(...p);
  }
  const last = parts.pop();
  if (last)
    await sql.query(parts.length ? `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(", ")} ${last}` : last, params);
}

const METHODS: Method[] = [
  ...[500, 2000, 5000].map((chunkSize) => ({
    name: `unnest, one statement per table per ${chunkSize} customers${chunkSize === DEFAULT_SEED_CHUNK_SIZE ? " (seedDemoData)" : ""}`,
    chunkSize,
    load: insertBulkTables,
  })),
  {
    name: `  the same, ${DEFAULT_SEED_CHUNK_SIZE} customers, foreign-key row triggers on`,
    chunkSize: DEFAULT_SEED_CHUNK_SIZE,
    rowTriggers: true,
    load: insertBulkTables,
  },
  {
    name: "unnest, all tables in one statement per 1000 customers (CTEs)",
    chunkSize: 1000,
    load: insertAsCtes,
  },
  ...[1000, 5000].map((batchSize) => ({
    name: `unnest per table, batches of ${batchSize} rows (insertRows)`,
    chunkSize: 5000,
    load: perTable(async (sql, t) => void (await insertRows(sql, t.table, t.columns, t.data, { batchSize }))),
  })),
  {
    name: "multi-row VALUES, 1000 rows per statement",
    chunkSize: 5000,
    load: perTable((sql, t) => insertValues(sql, t, 1000)),
  },
  {
    name: "json_to_recordset, 5000 rows per statement",
    chunkSize: 5000,
    load: perTable((sql, t) => insertJson(sql, t, 5000)),
  },
  {
    name: "COPY FROM '/dev/blob' (CSV), 50000 rows per statement",
    chunkSize: 5000,
    pgliteOnly: true,
    load: perTable((sql, t) => insertCopy(sql, t, 50_000)),
  },
];

/** Loads the sample into a fresh store with one method; returns rows and milliseconds. */
async function runMethod(bench: Bench, method: Method, sample: DemoCustomerChunk[], options: DemoStoreOptions) {
  const storeId = await createStore(bench.sql, method.name);
  const catalog = generateCatalog(options);
  // Re-chunk the sample to the method's chunk size, so all methods load exactly the same rows.
  const flat = sample.reduce<DemoCustomerChunk>(
    (acc, c) => ({
      customers: acc.customers.concat(c.customers),
      orders: acc.orders.concat(c.orders),
      items: acc.items.concat(c.items),
      reviews: acc.reviews.concat(c.reviews),
      groundTruth: acc.groundTruth.concat(c.groundTruth),
    }),
    { customers: [], orders: [], items: [], reviews: [], groundTruth: [] },
  );
  const chunks: DemoCustomerChunk[] = [];
  for (let from = 0; from < flat.customers.length; from += method.chunkSize) {
    const ids = new Set(flat.customers.slice(from, from + method.chunkSize).map((c) => c.id));
    const orderIds = new Set(flat.orders.filter((o) => ids.has(o.customerId)).map((o) => o.id));
    chunks.push({
      customers: flat.customers.filter((c) => ids.has(c.id)),
      orders: flat.orders.filter((o) => ids.has(o.customerId)),
      items: flat.items.filter((i) => orderIds.has(i.orderId)),
      reviews: flat.reviews.filter((r) => ids.has(r.customerId)),
      groundTruth: flat.groundTruth.filter((g) => ids.has(g.customerId)),
    });
  }
  const rows =
    catalog.products.length +
    flat.customers.length +
    flat.orders.length +
    flat.items.length +
    flat.reviews.length +
    flat.groundTruth.length;
  const t0 = performance.now();
  await bench.sql.transaction(async (tx) => {
    if (!method.rowTriggers) await skipRowTriggers(tx);
    const [firstProduct] = await reserveIdRanges(tx, [{ table: "product", count: catalog.products.length }]);
    const base = { storeId, product: (firstProduct as number) - 1 };
    await method.load(tx, [catalogTable(catalog.products, { ...base, customer: 0, order: 0, item: 0, review: 0 })]);
    for (const chunk of chunks) await method.load(tx, chunkTables(chunk, await reserveChunkIds(tx, chunk, base)));
  });
  return { rows, ms: performance.now() - t0 };
}

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      customers: { type: "string" },
      db: { type: "string" },
      "compare-customers": { type: "string" },
      seed: { type: "string" },
    },
    flagsSchema,
    USAGE,
  );
  const compareCustomers = flags["compare-customers"] ?? Math.min(flags.customers, 5000);
  const bench = await openFreshDatabase(flags.db);
  try {
    console.log(`Database: ${bench.kind} (${bench.target}), ${os.cpus().length} CPUs, Node ${process.version}`);
    const storeId = await createStore(bench.sql, "seed");
    const options = demoOptions(flags.customers, flags.seed);
    let lastReport = 0;
    const result = await seedDemoData(bench.sql, {
      ...options,
      storeId,
      onProgress: (done, total) => {
        if (process.stdout.isTTY && performance.now() - lastReport > 500) {
          lastReport = performance.now();
          process.stdout.write(`\r  ${fmt(done)} / ${fmt(total)} customers`);
        }
      },
    });
    if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    const rows =
      result.customers + result.products + result.orders + result.orderItems + result.reviews + result.groundTruth;
    const { generateMs, loadMs, verifyMs, totalMs } = result.timings;
    console.log(
      `\nseedDemoData: ${fmt(result.customers)} customers, ${fmt(result.products)} products, ${fmt(result.orders)} orders, ` +
        `${fmt(result.orderItems)} order lines, ${fmt(result.reviews)} reviews (${fmt(rows)} rows)`,
    );
    console.log(
      `  generation ${seconds(generateMs)} · load ${seconds(loadMs)} (of which foreign-key verification ` +
        `${verifyMs > 0 ? seconds(verifyMs) : "none: row triggers ran"}) · total ${seconds(totalMs)}`,
    );
    console.log(
      `  ${fmt(rows / (totalMs / 1000))} rows/s overall, ${fmt(rows / (loadMs / 1000))} rows/s while loading`,
    );
    console.log(`  peak RSS ${peakRssMb()} MB`);

    if (compareCustomers > 0) {
      const sampleOptions = demoOptions(compareCustomers, flags.seed + 1);
      const sample = [...generateCustomerChunks(sampleOptions, 1000)];
      console.log(
        `\nInsert methods, ${fmt(compareCustomers)} customers into a fresh store of the same database ` +
          `(foreign-key row triggers off unless said; times exclude generation and verification):`,
      );
      for (const method of METHODS) {
        if (method.pgliteOnly && !bench.canCopyBlob) {
          console.log(`  ${method.name.padEnd(66)} skipped (node-postgres needs pg-copy-streams)`);
          continue;
        }
        const { rows: n, ms } = await runMethod(bench, method, sample, sampleOptions);
        console.log(
          `  ${method.name.padEnd(66)} ${seconds(ms).padStart(7)}  ${fmt(n / (ms / 1000)).padStart(8)} rows/s`,
        );
      }
      console.log(`  peak RSS ${peakRssMb()} MB`);
    }
  } finally {
    await bench.close();
  }
});
