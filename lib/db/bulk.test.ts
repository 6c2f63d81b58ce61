// Bulk inserts, id reservation and set-wise foreign-key checks, on PGlite and (with
// TEST_DATABASE_URL) PostgreSQL: the same values must come back from both.
import { describe, expect, it } from "vitest";
import {
  findDanglingReferences,
  insertRows,
  reserveIdRanges,
  reserveIds,
  skipRowTriggers,
  syncSequence,
  unnestInsert,
  type BulkColumn,
} from "./bulk";
import { testDatabaseKinds, useTestDatabase } from "./testing/databases";

const PROBE_COLUMNS: BulkColumn[] = [
  { name: "id", type: "int" },
  { name: "label", type: "text" },
  { name: "gender", type: '"Gender"' },
  { name: "small", type: "smallint" },
  { name: "big", type: "bigint" },
  { name: "flag", type: "boolean" },
  { name: "at", type: "timestamptz" },
  { name: "code", type: "varchar(2)" },
];

// Values that break naive array literals: quotes, backslashes, commas, braces, NULL-looking text,
// empty strings, non-ASCII, newlines.
const TRICKY = [
  "plain",
  'with "quotes"',
  "back\\slash",
  "a,b",
  "{braces}",
  "NULL",
  "",
  "质量很好，物流很快",
  "line\nbreak",
  " padded ",
];

function probeRows(n: number, offset = 0): unknown[][] {
  return Array.from({ length: n }, (_, i) => [
    offset + i + 1,
    i % 11 === 10 ? null : TRICKY[i % TRICKY.length],
    [null, "female", "male", "other"][i % 4],
    i % 7 === 0 ? null : (i % 30000) - 15000,
    BigInt(2) ** BigInt(40) + BigInt(i),
    i % 3 === 0,
    new Date(Date.UTC(2026, 0, 1) + i * 61_000 + 7),
    i % 5 === 0 ? null : "CN",
  ]);
}

describe.each(testDatabaseKinds())("bulk inserts on %s", (kind) => {
  const db = useTestDatabase(kind);
  const sql = () => db().sql;

  it("round-trips awkward values, row-major and column-major, in batches", async () => {
    await sql().exec(`CREATE TABLE bulk_probe (id int PRIMARY KEY, label text, gender "Gender", small smallint,
      big bigint, flag boolean, at timestamptz(3), code varchar(2))`);
    const rows = probeRows(2503);
    expect(await insertRows(sql(), "bulk_probe", PROBE_COLUMNS, rows, { batchSize: 1000 })).toBe(2503);
    const more = probeRows(40, 5000);
    const columns = PROBE_COLUMNS.map((_, j) => more.map((r) => r[j]));
    expect(await insertRows(sql(), "bulk_probe", PROBE_COLUMNS, { columns })).toBe(40);

    const back = await sql().query<Record<string, unknown>>(
      "SELECT id, label, gender::text AS gender, small, big::text AS big, flag, at, code FROM bulk_probe ORDER BY id",
    );
    expect(back).toHaveLength(2543);
    const expected = [...rows, ...more];
    back.forEach((row, i) => {
      const e = expected[i] as unknown[];
      expect([
        row.id,
        row.label,
        row.gender,
        row.small,
        row.big,
        row.flag,
        (row.at as Date).toISOString(),
        row.code,
      ]).toEqual([e[0], e[1], e[2], e[3], String(e[4]), e[5], (e[6] as Date).toISOString(), e[7]]);
    });
  });

  it("refuses identifiers and types that are not plain names, and ragged data", async () => {
    expect(() => unnestInsert('t"; DROP TABLE store; --', PROBE_COLUMNS, [])).toThrow(RangeError);
    expect(() => unnestInsert("t", [{ name: "x", type: "int); DROP TABLE store; --" }], [])).toThrow(RangeError);
    await expect(insertRows(sql(), "bulk_probe", PROBE_COLUMNS, [[1, "a"]])).rejects.toThrow(/Row 0 has 2 values/);
    await expect(insertRows(sql(), "bulk_probe", PROBE_COLUMNS, { columns: [[1]] })).rejects.toThrow(/column arrays/);
  });

  it("reserves consecutive, non-overlapping id ranges that later default ids skip", async () => {
    const [store] = await sql().query<{ id: number }>(
      "INSERT INTO store (name, slug, currency, timezone) VALUES ('Ids', 'ids', 'CNY', 'Asia/Shanghai') RETURNING id",
    );
    const storeId = store?.id as number;
    const [a, b] = await reserveIdRanges(sql(), [
      { table: "customer", count: 500 },
      { table: "order", count: 3 },
    ]);
    const c = await reserveIds(sql(), "customer", 1);
    const d = await reserveIds(sql(), "customer", 250);
    expect(c).toBe((a as number) + 500);
    expect(d).toBe(c + 1);
    expect(b).toBeGreaterThanOrEqual(1);
    // Rows at both ends of the reserved range, then one with a default id: it comes after the range.
    await insertRows(
      sql(),
      "customer",
      [
        { name: "store_id", type: "int" },
        { name: "id", type: "int" },
        { name: "external_id", type: "text" },
        { name: "signup_at", type: "timestamptz" },
      ],
      [
        [storeId, d, "first", new Date()],
        [storeId, d + 249, "last", new Date()],
      ],
    );
    const [next] = await sql().query<{ id: number }>(
      "INSERT INTO customer (store_id, external_id, signup_at) VALUES ($1, 'app', now()) RETURNING id",
      [storeId],
    );
    expect(next?.id).toBe(d + 250);
    await expect(reserveIds(sql(), "store_membership_missing", 1)).rejects.toThrow();
    await expect(reserveIdRanges(sql(), [{ table: "customer", count: 0 }])).rejects.toThrow(RangeError);
  });

  it("moves a sequence past ids inserted without a reservation", async () => {
    await sql().exec("CREATE TABLE seq_probe (id serial PRIMARY KEY, v text)");
    expect(await syncSequence(sql(), "seq_probe")).toBe(1);
    const [first] = await sql().query<{ id: number }>("INSERT INTO seq_probe (v) VALUES ('a') RETURNING id");
    expect(first?.id).toBe(1); // an empty table's sequence still starts at 1
    await sql().query("INSERT INTO seq_probe (id, v) VALUES (41, 'explicit')");
    expect(await syncSequence(sql(), "seq_probe")).toBe(41);
    const [next] = await sql().query<{ id: number }>("INSERT INTO seq_probe (v) VALUES ('b') RETURNING id");
    expect(next?.id).toBe(42);
    // Never backwards: after deleting the high row, the sequence stays where it was.
    await sql().query("DELETE FROM seq_probe WHERE id >= 41");
    expect(await syncSequence(sql(), "seq_probe")).toBe(42);
  });

  it("finds dangling references that skipped row triggers let through, and only those", async () => {
    await sql().transaction(async (tx) => {
      expect(await skipRowTriggers(tx)).toBe(true); // PGlite and the test PostgreSQL run as superuser
      const [store] = await tx.query<{ id: number }>(
        "INSERT INTO store (name, slug, currency, timezone) VALUES ('Fk', 'fk', 'CNY', 'Asia/Shanghai') RETURNING id",
      );
      const storeId = store?.id as number;
      await tx.query("INSERT INTO customer (store_id, id, external_id, signup_at) VALUES ($1, 900001, 'C1', now())", [
        storeId,
      ]);
      // Customer 900002 does not exist: the trigger that would refuse this order is off.
      await tx.query(
        `INSERT INTO "order" (store_id, id, external_id, customer_id, placed_at, status, currency, total_minor)
         VALUES ($1, 900001, 'O1', 900001, now(), 'paid', 'CNY', 100), ($1, 900002, 'O2', 900002, now(), 'paid', 'CNY', 100)`,
        [storeId],
      );
      expect(await findDanglingReferences(tx, "order", { column: "store_id", value: storeId })).toEqual([
        { constraint: "order_store_id_customer_id_fkey", rows: 1 },
      ]);
      expect(await findDanglingReferences(tx, "customer", { column: "store_id", value: storeId })).toEqual([]);
      await tx.query('DELETE FROM "order" WHERE store_id = $1', [storeId]);
    });
    // SET LOCAL ended with the transaction: the trigger is back.
    const [store] = await sql().query<{ id: number }>("SELECT id FROM store WHERE slug = 'fk'");
    await expect(
      sql().query(
        `INSERT INTO "order" (store_id, id, external_id, customer_id, placed_at, status, currency, total_minor)
         VALUES ($1, 900003, 'O3', 123456789, now(), 'paid', 'CNY', 100)`,
        [store?.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
