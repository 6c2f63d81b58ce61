// Fast multi-row inserts that run unchanged on PGlite and PostgreSQL: one parameter per column,
// each an array, expanded server-side by unnest():
//
//   INSERT INTO "t" ("a", "b") SELECT * FROM unnest($1::int[], $2::text[])
//
// Why this and not COPY: PGlite's COPY … FROM '/dev/blob' needs the raw PGlite handle, and
// node-postgres needs the pg-copy-streams package for COPY; unnest works through the shared
// SqlClient on both. On PGlite, COPY inserted ~30% faster than unnest in scripts/bench-seed.ts
// (which keeps the comparison); in a whole demo seed that is ~15% of the time, the rest being
// generation, index upkeep and checks. Why not multi-row VALUES: one parameter per value hits the
// 65,535-parameter limit at a few thousand rows, and it measured 2–2.5× slower than unnest.
//
// Also here: reserving id ranges from a table's SERIAL sequence before inserting rows with explicit
// ids, so that rows loaded this way never collide with ids the sequence hands out later (to the app,
// or to a second bulk load).
import "server-only";
import type { SqlClient } from "./connection";

export type BulkColumn = {
  name: string;
  /** PostgreSQL type of one value, e.g. "int", "text", "timestamptz", "\"Gender\"". */
  type: string;
};

/** Row-major (`rows[i][j]` is row i, column j) or column-major (`columns[j][i]`) data. */
export type BulkRows = readonly (readonly unknown[])[] | { readonly columns: readonly (readonly unknown[])[] };

export type BulkTable = { table: string; columns: readonly BulkColumn[]; data: BulkRows };

export type InsertRowsOptions = {
  /**
   * Rows per statement. From 1,000 to 20,000 rows the speed hardly changes on either database
   * (bench-seed.ts); 5,000 keeps each statement's parameters to a few hundred kilobytes.
   */
  batchSize?: number;
};

export const DEFAULT_BATCH_SIZE = 5000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A type name, optionally quoted (enums), with an optional modifier: int, "Gender", varchar(3),
// timestamptz(3), double precision.
const TYPE_NAME = /^(?:"[A-Za-z_][A-Za-z0-9_]*"|[A-Za-z_][A-Za-z0-9_ ]*)(?:\(\d+(?:,\s*\d+)?\))?$/;

export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function checkType(type: string): string {
  if (!TYPE_NAME.test(type)) throw new RangeError(`Not a SQL type name: ${JSON.stringify(type)}`);
  return type;
}

function rowCount(data: BulkRows, width: number): number {
  if (!("columns" in data)) return data.length;
  if (data.columns.length !== width) {
    throw new RangeError(`Expected ${width} column arrays, got ${data.columns.length}`);
  }
  const n = data.columns[0]?.length ?? 0;
  if (data.columns.some((c) => c.length !== n)) throw new RangeError("Column arrays differ in length");
  return n;
}

// Both drivers serialise JS arrays into array literals; normalise what they would render
// differently (Dates by local time zone in node-postgres) or not at all (bigint in PGlite).
function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** The column arrays of rows [from, to). */
function columnSlice(data: BulkRows, width: number, from: number, to: number): unknown[][] {
  const out: unknown[][] = [];
  for (let j = 0; j < width; j++) {
    const col = new Array<unknown>(to - from);
    if ("columns" in data) {
      const src = data.columns[j] as readonly unknown[];
      for (let i = from; i < to; i++) col[i - from] = toParam(src[i]);
    } else {
      for (let i = from; i < to; i++) {
        const row = data[i] as readonly unknown[];
        if (row.length !== width) throw new RangeError(`Row ${i} has ${row.length} values, expected ${width}`);
        col[i - from] = toParam(row[j]);
      }
    }
    out.push(col);
  }
  return out;
}

/**
 * The INSERT … SELECT FROM unnest(…) statement for rows [from, to) and its parameters, numbered
 * from `firstParam` (so several can be combined into one statement).
 */
export function unnestInsert(
  table: string,
  columns: readonly BulkColumn[],
  data: BulkRows,
  range: { from?: number; to?: number; firstParam?: number } = {},
): { text: string; params: unknown[][] } {
  if (columns.length === 0) throw new RangeError("A bulk insert needs at least one column");
  const n = rowCount(data, columns.length);
  const { from = 0, to = n, firstParam = 1 } = range;
  const names = columns.map((c) => quoteIdent(c.name)).join(", ");
  // Every array travels as text[] and is cast on the server: PGlite serialises parameters by type,
  // and for array types it does not know (enums, smallint[], …) it would send "a,b,c", which
  // PostgreSQL rejects as a malformed array literal. The cast parses each element exactly as a
  // typed array literal would, so it costs nothing measurable.
  const arrays = columns
    .map((c, j) => `$${firstParam + j}::text[]${checkType(c.type) === "text" ? "" : `::${c.type}[]`}`)
    .join(", ");
  return {
    text: `INSERT INTO ${quoteIdent(table)} (${names}) SELECT * FROM unnest(${arrays})`,
    params: columnSlice(data, columns.length, from, Math.min(n, to)),
  };
}

/** Inserts rows in batches of `batchSize` rows per statement; returns the number of rows inserted. */
export async function insertRows(
  sql: SqlClient,
  table: string,
  columns: readonly BulkColumn[],
  data: BulkRows,
  options: InsertRowsOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const n = rowCount(data, columns.length);
  for (let from = 0; from < n; from += batchSize) {
    const { text, params } = unnestInsert(table, columns, data, { from, to: from + batchSize });
    await sql.query(text, params);
  }
  return n;
}

// Serialises id reservations across sessions: two loads must not read the same sequence position.
// (hashtext is stable across PostgreSQL versions for a given string.)
const RESERVATION_LOCK = "shoplens.bulk.reserve-ids";

export type IdRequest = { table: string; count: number; column?: string };

/**
 * Takes `count` consecutive ids from each table's SERIAL sequence, in one statement, and returns
 * the first id of each range. Each sequence then stands at the last id taken, so inserts that leave
 * the id to its default continue after the reserved range.
 *
 * Reservations are serialised by an advisory lock (held to the end of the caller's transaction), so
 * two bulk loads never get overlapping ranges. An application insert that calls nextval() in the
 * instant between this statement's nextval() and setval() may receive an id inside the range; it
 * cannot clash, because every table using this keys rows by (store_id, id) and a bulk load fills a
 * store that nothing else writes to yet. Sequences are not transactional: a rolled-back load leaves
 * a gap, never a collision.
 */
export async function reserveIdRanges(sql: SqlClient, requests: readonly IdRequest[]): Promise<number[]> {
  for (const r of requests) {
    if (!Number.isInteger(r.count) || r.count < 1)
      throw new RangeError(`count must be a positive integer, got ${r.count} for ${r.table}`);
  }
  if (requests.length === 0) return [];
  const rows = await sql.query<{ first: number | string | null }>(
    `WITH locked AS (SELECT pg_advisory_xact_lock(hashtext($1))),
          req AS (SELECT * FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS r(tbl, col, n, ord)),
          taken AS (SELECT ord, n, pg_get_serial_sequence(tbl, col) AS seq, nextval(pg_get_serial_sequence(tbl, col)) AS first
                    FROM req CROSS JOIN locked)
     SELECT first, setval(seq, first + n - 1) FROM taken ORDER BY ord`,
    [
      RESERVATION_LOCK,
      requests.map((r) => quoteIdent(r.table)),
      requests.map((r) => r.column ?? "id"),
      requests.map((r) => r.count),
    ],
  );
  if (rows.length !== requests.length || rows.some((r) => r.first === null)) {
    throw new Error(
      `Could not reserve ids: not every one of ${requests.map((r) => r.table).join(", ")} has a SERIAL id`,
    );
  }
  return rows.map((r) => Number(r.first));
}

/** reserveIdRanges for one table: the first of `count` consecutive ids. */
export async function reserveIds(sql: SqlClient, table: string, count: number, column = "id"): Promise<number> {
  const [first] = await reserveIdRanges(sql, [{ table, count, column }]);
  return first as number;
}

/**
 * Moves the table's sequence past the largest id present (never backwards), for loads that chose
 * their ids without reserveIds. Returns the sequence's new position.
 */
export async function syncSequence(sql: SqlClient, table: string, column = "id"): Promise<number> {
  const col = quoteIdent(column);
  const rows = await sql.query<{ value: number | string }>(
    `SELECT setval(seq, GREATEST(top, 1), top > 0) AS value
     FROM (SELECT seq, GREATEST((SELECT COALESCE(max(${col}), 0) FROM ${quoteIdent(table)}),
                                COALESCE(pg_sequence_last_value(seq), 0)) AS top
           FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) s) t`,
    [quoteIdent(table), column],
  );
  return Number(rows[0]?.value ?? 0);
}

/**
 * Lets this transaction skip per-row trigger work, foreign-key checks included, when the role may
 * (superusers: PGlite always, a developer's local PostgreSQL usually). Foreign-key triggers are about
 * half of a bulk load's time (they lock every referenced row); a caller that turns them off must
 * check references set-wise before committing (findDanglingReferences). Returns whether it did.
 */
export async function skipRowTriggers(sql: SqlClient): Promise<boolean> {
  const [row] = await sql.query<{ superuser: string }>("SELECT current_setting('is_superuser') AS superuser");
  if (row?.superuser !== "on") return false;
  // SET LOCAL: back to normal when the transaction ends, whatever happens.
  await sql.query("SET LOCAL session_replication_role = replica");
  return true;
}

export type DanglingReference = { constraint: string; rows: number };

/**
 * Checks every foreign key of `table` with one anti-join, over the rows where `column = value`
 * (e.g. one store's rows), and returns the constraints that some row violates. The set-wise
 * equivalent of the per-row checks skipped by skipRowTriggers. Keys are read from the catalog, so
 * a foreign key added by a later migration is checked too.
 */
export async function findDanglingReferences(
  sql: SqlClient,
  table: string,
  filter: { column: string; value: unknown },
): Promise<DanglingReference[]> {
  const keys = await sql.query<{ name: string; columns: string[]; parent: string; parent_columns: string[] }>(
    `SELECT c.conname AS name, c.confrelid::regclass::text AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = $1::regclass ORDER BY c.conname`,
    [quoteIdent(table)],
  );
  const out: DanglingReference[] = [];
  for (const key of keys) {
    // MATCH SIMPLE: a key with a NULL column references nothing and is never dangling.
    const present = key.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(" AND ");
    const join = key.columns
      .map((c, i) => `p.${quoteIdent(key.parent_columns[i] as string)} = c.${quoteIdent(c)}`)
      .join(" AND ");
    // key.parent comes from regclass::text: a catalog name, already quoted where needed.
    const [row] = await sql.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM ${quoteIdent(table)} c
       WHERE c.${quoteIdent(filter.column)} = $1 AND ${present}
         AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${join})`,
      [filter.value],
    );
    if ((row?.rows ?? 0) > 0) out.push({ constraint: key.name, rows: row?.rows ?? 0 });
  }
  return out;
}
