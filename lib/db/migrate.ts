// Applies the committed SQL in prisma/migrations/<name>/migration.sql, in name order, to PGlite or
// PostgreSQL through the same SqlClient. Why not `prisma migrate deploy`: with Prisma 6.19's WASM
// schema engine it fails on PostgreSQL ("Column type 'name' could not be deserialized") and it needs
// the CLI at run time; this runner is ~60 lines, runs each migration in a transaction, refuses a
// migration that was edited after it was applied, and serialises concurrent deployers with an
// advisory lock.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlClient } from "./connection";

export type Migration = { name: string; sql: string; checksum: string };

// The migrations are read at run time from the project directory (the server runs from it); the
// turbopackIgnore hints keep Next's file tracing from pulling the whole project into the build.
export function readMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Migration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`No migrations directory at ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const LOCK_KEY = 7_421_003; // arbitrary, constant: pg_advisory_xact_lock key for ShopLens migrations

export type MigrateResult = { applied: string[]; alreadyApplied: number };

export async function migrate(sql: SqlClient, migrations: Migration[] = readMigrations()): Promise<MigrateResult> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS shoplens_migration (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const m of migrations) {
    const done = await sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const rows = await tx.query<{ checksum: string }>("SELECT checksum FROM shoplens_migration WHERE name = $1", [
        m.name,
      ]);
      const row = rows[0];
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied to this database. ` +
              `Never edit an applied migration: restore it and add a new one with \`npm run db:migration -- <name>\`.`,
          );
        }
        return true;
      }
      await tx.exec(m.sql);
      await tx.query("INSERT INTO shoplens_migration (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
      return false;
    });
    if (done) alreadyApplied++;
    else applied.push(m.name);
  }
  return { applied, alreadyApplied };
}
