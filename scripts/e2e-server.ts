// The server an e2e project runs against (playwright.config.ts webServer): a fresh database of the
// given kind, seeded deterministically, the overview's expected figures written beside it, then the
// production build served on the given port. Runs from the build made before Playwright starts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { createConnection } from "../lib/db/connection";
import { computeExpectedOverview } from "../e2e/support/expected-overview";
import { E2E_DATA_DIR, E2E_PASSWORD, E2E_PERIOD, E2E_SEED, type E2EFixtures } from "../e2e/support/config";
import { parseFlags, runScript } from "./cli";

const root = path.resolve(import.meta.dirname, "..");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { db: { type: "string" }, port: { type: "string" } },
    z.object({ db: z.enum(["pglite", "postgres"]), port: z.coerce.number().int() }),
    "Usage: tsx scripts/e2e-server.ts --db pglite|postgres --port N",
  );
  const dir = path.join(root, E2E_DATA_DIR, flags.db);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dir,
    PORT: String(flags.port),
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    DEMO_PASSWORD: E2E_PASSWORD,
    LOGIN_RATE_LIMIT_MAX: "5",
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: "60",
  };
  delete env.DATABASE_URL;
  if (flags.db === "postgres") {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error("TEST_DATABASE_URL is required for the postgres e2e server");
    const name = `shoplens_e2e_${flags.port}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  const tsx = [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server"];
  await run(
    [
      ...tsx,
      "scripts/seed.ts",
      "--customers",
      String(E2E_SEED.customers),
      "--seed",
      String(E2E_SEED.seed),
      "--as-of",
      E2E_SEED.asOf,
    ],
    env,
  );
  // The expected figures, read while no server holds the database.
  const conn = createConnection({ databaseUrl: env.DATABASE_URL, pgliteDir: path.join(dir, "pglite") });
  const overview = await computeExpectedOverview(conn.sql, "demo", E2E_PERIOD.from, E2E_PERIOD.to);
  const ids = await conn.sql.query<{ slug: string; store_id: number; customer_id: number }>(
    `SELECT s.slug, s.id AS store_id, min(c.id) AS customer_id
     FROM store s JOIN customer c ON c.store_id = s.id GROUP BY s.slug, s.id`,
  );
  // Every customer's personal data, so the specs can check that no request to a language model carried any.
  const personal = await conn.sql.query<{ v: string }>(
    `SELECT DISTINCT v FROM customer, LATERAL unnest(ARRAY[name, email, phone]) AS v WHERE v IS NOT NULL AND length(v) >= 4`,
  );
  await conn.close();
  const fixtures: E2EFixtures = {
    overview,
    personal: personal.map((r) => r.v),
    stores: Object.fromEntries(ids.map((r) => [r.slug, { id: r.store_id, customerId: r.customer_id }])),
  };
  fs.writeFileSync(path.join(dir, "fixtures.json"), JSON.stringify(fixtures, null, 2));

  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(flags.port)],
    {
      cwd: root,
      env,
      stdio: "inherit",
    },
  );
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await new Promise<void>((resolve) => server.on("exit", () => resolve()));
});
