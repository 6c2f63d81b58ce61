// npm run db:seed -- [--customers 5000] [--seed 42] [--as-of YYYY-MM-DD] [--second-store-customers N] [--reset] [--if-empty]
//
// Seeds two stores so that store isolation can be seen and tested:
//   A "demo"   鲜选生活 · Fresh Select (CNY, Asia/Shanghai, Chinese catalog) — the demo store
//   B "harbor" Harbor & Pine Outfitters (USD, America/New_York, English catalog)
// and their users (password DEMO_PASSWORD for all):
//   DEMO_EMAIL               owner of A, viewer of B (so the store switcher has two stores)
//   analyst@/marketer@/viewer@shoplens.dev   that role in A
//   owner@harbor.example     owner of B only — a user who must never see A's data
// Same --seed and --as-of → the same stores, row for row.
import { z } from "zod";
import { getConnection } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { createStore, deleteStore, getStoreBySlug } from "../lib/db/stores";
import { upsertMembership, upsertUserWithPassword } from "../lib/db/users";
import { seedDemoData } from "../lib/demo/load";
import { getEnv } from "../lib/env";
import { startOfDayIn, todayIn } from "../lib/validation/date-range";
import { parseFlags, runScript, UsageError } from "./cli";
import { DEMO_STAFF, DEMO_STORES, HARBOR_OWNER } from "./demo-accounts";

const USAGE = `Usage: npm run db:seed -- [--customers N] [--seed S] [--as-of YYYY-MM-DD] [--second-store-customers N] [--reset] [--if-empty]
  --customers               customers in the demo store (default 5000; 100000 works, ~1M order lines)
  --seed                    random seed; the same seed and --as-of give the same store (default 42)
  --as-of                   the snapshot day: orders run up to the end of the day before (default: today in Asia/Shanghai)
  --second-store-customers  customers in the second store (default: a tenth of --customers, 200 to 2000)
  --reset                   delete both seeded stores and seed again
  --if-empty                do nothing if the demo store exists (used by npm run demo)`;

const flagsSchema = z.object({
  customers: z.coerce.number().int().min(10, "at least 10").max(2_000_000, "at most 2,000,000").default(5000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  "as-of": z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a date")
    .optional(),
  "second-store-customers": z.coerce.number().int().min(10).max(2_000_000).optional(),
  reset: z.boolean().default(false),
  "if-empty": z.boolean().default(false),
});

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      customers: { type: "string" },
      seed: { type: "string" },
      "as-of": { type: "string" },
      "second-store-customers": { type: "string" },
      reset: { type: "boolean" },
      "if-empty": { type: "boolean" },
    },
    flagsSchema,
    USAGE,
  );
  if (flags.reset && flags["if-empty"])
    throw new UsageError(`--reset and --if-empty contradict each other.\n\n${USAGE}`);
  const env = getEnv();
  const conn = getConnection();
  await conn.ping();
  await migrate(conn.sql);

  const existing = await getStoreBySlug(DEMO_STORES.a.slug);
  if (existing && flags["if-empty"]) {
    console.log(`Demo store already seeded (${conn.target}); nothing to do.`);
    await conn.close();
    return;
  }
  if (existing && !flags.reset) {
    throw new UsageError(`The demo store already exists in ${conn.target}. Use --reset to delete and re-seed it.`);
  }
  if (flags.reset) {
    for (const s of Object.values(DEMO_STORES)) {
      const store = await getStoreBySlug(s.slug);
      if (store) await deleteStore(store.id);
    }
  }

  const started = performance.now();
  const asOfDay = flags["as-of"] ?? todayIn(DEMO_STORES.a.timezone);
  const secondCustomers =
    flags["second-store-customers"] ?? Math.min(2000, Math.max(200, Math.round(flags.customers / 10)));

  const stores = {
    a: await createStore({
      name: DEMO_STORES.a.name,
      slug: DEMO_STORES.a.slug,
      currency: DEMO_STORES.a.currency,
      timezone: DEMO_STORES.a.timezone,
    }),
    b: await createStore({
      name: DEMO_STORES.b.name,
      slug: DEMO_STORES.b.slug,
      currency: DEMO_STORES.b.currency,
      timezone: DEMO_STORES.b.timezone,
    }),
  };

  const owner = await upsertUserWithPassword({ email: env.DEMO_EMAIL, name: "陈店长", password: env.DEMO_PASSWORD });
  await upsertMembership(owner.id, stores.a.id, "owner");
  await upsertMembership(owner.id, stores.b.id, "viewer");
  for (const staff of DEMO_STAFF) {
    const u = await upsertUserWithPassword({ email: staff.email, name: staff.name, password: env.DEMO_PASSWORD });
    await upsertMembership(u.id, stores.a.id, staff.role);
  }
  const harbor = await upsertUserWithPassword({
    email: HARBOR_OWNER.email,
    name: HARBOR_OWNER.name,
    password: env.DEMO_PASSWORD,
    locale: "en",
  });
  await upsertMembership(harbor.id, stores.b.id, "owner");

  // The snapshot instant: midnight starting the --as-of day in the store's zone, so the data holds
  // whole days up to the day before and never lies in the future.
  const asOf = startOfDayIn(asOfDay, DEMO_STORES.a.timezone);
  for (const [key, customers, seed] of [
    ["a", flags.customers, flags.seed],
    ["b", secondCustomers, flags.seed + 1],
  ] as const) {
    const def = DEMO_STORES[key];
    const t0 = performance.now();
    let lastReport = 0;
    const counts = await seedDemoData(conn.sql, {
      storeId: stores[key].id,
      customers,
      seed,
      asOf,
      language: def.language,
      currency: def.currency,
      timezone: def.timezone,
      onProgress: (done: number, total: number) => {
        const now = performance.now();
        if (process.stdout.isTTY && now - lastReport > 500) {
          lastReport = now;
          process.stdout.write(
            `\r  ${def.slug}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} customers`,
          );
        }
      },
    });
    if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    console.log(
      `Seeded ${def.name} (${def.slug}): ${counts.customers.toLocaleString("en")} customers, ${counts.products} products, ` +
        `${counts.orders.toLocaleString("en")} orders, ${counts.orderItems.toLocaleString("en")} order lines, ` +
        `${counts.reviews.toLocaleString("en")} reviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  console.log(
    `Done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${conn.kind} (${conn.target}); orders up to the end of the day before ${asOfDay}.`,
  );
  console.log(`Sign in as ${env.DEMO_EMAIL} / ${env.DEMO_PASSWORD}`);
  await conn.close();
});
