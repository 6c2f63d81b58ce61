// npm run bench:overview -- --customers N [--db pglite|postgres] [--runs 5]
//
// How long the overview's queries take on a store of N customers (~9 order lines each): a fresh
// database (PGlite in a temporary directory, or a database created on TEST_DATABASE_URL /
// postgresql://postgres@127.0.0.1:5432/test and dropped after) is seeded with the demo store, then
// the KPI query (current and previous period) and the trend series run for 30 days, 90 days and 12
// months. Prints the median and worst of --runs runs of each, after one warm-up.
import { z } from "zod";
import { getOverviewKpis } from "../lib/db/series/get-overview-kpis";
import { getRevenueSeries } from "../lib/db/series/get-revenue-series";
import { getDataSummary } from "../lib/db/series/get-data-summary";
import { granularityFor, resolveRange } from "../lib/validation/date-range";
import { BENCH_AS_OF, BENCH_TIME_ZONE, withBenchStore } from "./bench-support";
import { parseFlags, runScript } from "./cli";

const TZ = BENCH_TIME_ZONE;
const AS_OF = BENCH_AS_OF;

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { customers: { type: "string" }, db: { type: "string" }, runs: { type: "string" } },
    z.object({
      customers: z.coerce.number().int().min(10).max(2_000_000).default(100_000),
      db: z.enum(["pglite", "postgres"]).default("pglite"),
      runs: z.coerce.number().int().min(1).max(50).default(5),
    }),
    "Usage: npm run bench:overview -- --customers N [--db pglite|postgres] [--runs 5]",
  );
  await withBenchStore(flags.db, flags.customers, async ({ storeId }) => {
    const timeIt = async (fn: () => Promise<unknown>) => {
      await fn();
      const ms: number[] = [];
      for (let i = 0; i < flags.runs; i++) {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      return { median: ms[Math.floor(ms.length / 2)]!, worst: ms[ms.length - 1]! };
    };
    const rows: string[] = [];
    const summary = await timeIt(() => getDataSummary(storeId));
    rows.push(
      `data summary                 median ${summary.median.toFixed(0).padStart(6)} ms   worst ${summary.worst.toFixed(0).padStart(6)} ms`,
    );
    for (const preset of ["30d", "90d", "12m"] as const) {
      const range = resolveRange({ range: preset }, TZ, AS_OF);
      const kpis = await timeIt(() =>
        Promise.all([
          getOverviewKpis(storeId, range.current.start, range.current.end),
          getOverviewKpis(storeId, range.previous.start, range.previous.end),
        ]),
      );
      const unit = granularityFor(range.current.days);
      const series = await timeIt(() =>
        Promise.all([
          getRevenueSeries(storeId, range.current.start, range.current.end, unit, TZ),
          getRevenueSeries(storeId, range.previous.start, range.previous.end, unit, TZ),
        ]),
      );
      rows.push(
        `${preset.padEnd(4)} KPIs (both periods)      median ${kpis.median.toFixed(0).padStart(6)} ms   worst ${kpis.worst.toFixed(0).padStart(6)} ms`,
      );
      rows.push(
        `${preset.padEnd(4)} trend by ${unit.padEnd(5)} (both)  median ${series.median.toFixed(0).padStart(6)} ms   worst ${series.worst.toFixed(0).padStart(6)} ms`,
      );
    }
    console.log(rows.join("\n"));
  });
});
