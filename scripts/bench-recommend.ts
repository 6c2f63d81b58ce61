// npm run bench:recommend -- [--customers 100000] [--products 10000] [--interactions 1000000] [--seed 1]
//
// The recommendation step of a run (lib/pipeline/recommend.ts) on a synthetic store of the issue's
// scale: customers in taste communities buying from Zipf-distributed products, one line per purchase.
// Times the whole step — the leave-last-out comparison of the implicit models on a 5,000-customer
// sample, item-kNN fitted sparsely on every purchase, top-60 candidates with their "because" product for
// every customer, bought-together lists and segment top products — and reports peak memory and
// NDCG@10 of each model.
import { z } from "zod";
import { ORDER_PAID, type PurchaseData } from "../lib/analytics/customer-features";
import { createRandom } from "../lib/analytics/random";
import { computeRecommendations } from "../lib/pipeline/recommend";
import { parseFlags, runScript } from "./cli";

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      customers: { type: "string" },
      products: { type: "string" },
      interactions: { type: "string" },
      seed: { type: "string" },
    },
    z.object({
      customers: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
      products: z.coerce.number().int().min(10).max(200_000).default(10_000),
      interactions: z.coerce.number().int().min(1000).max(20_000_000).default(1_000_000),
      seed: z.coerce.number().int().min(0).default(1),
    }),
    "Usage: npm run bench:recommend -- [--customers N] [--products N] [--interactions N] [--seed S]",
  );
  const { customers: nC, products: nP, interactions: m } = flags;
  const random = createRandom(flags.seed);
  const communities = 20;
  // Zipf(1) by inverse CDF over ranks, and each community's own ranking of the catalogue.
  const harmonic = Array.from({ length: nP }, (_, i) => 1 / (i + 1));
  const cdf = new Float64Array(nP);
  harmonic.reduce((acc, v, i) => (cdf[i] = acc + v), 0);
  const total = cdf[nP - 1] as number;
  const zipf = () => {
    const u = random.next() * total;
    let lo = 0;
    let hi = nP - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const perm = Array.from({ length: communities }, () => {
    const p = Int32Array.from({ length: nP }, (_, i) => i);
    for (let i = nP - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  });
  const t0 = performance.now();
  const customer = new Int32Array(m);
  const product = new Int32Array(m);
  const placedAt = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const c = random.int(nC);
    customer[k] = c;
    // 70% from the customer's community taste, 30% from the store-wide best-sellers.
    product[k] = random.next() < 0.7 ? ((perm[c % communities] as Int32Array)[zipf()] as number) : zipf();
    placedAt[k] = Date.UTC(2025, 0, 1) + random.int(700) * 86_400_000 + k;
  }
  const data: PurchaseData = {
    customerCount: nC,
    signupAt: new Float64Array(nC),
    orders: {
      customer,
      placedAt,
      status: new Uint8Array(m).fill(ORDER_PAID),
      total: new Float64Array(m).fill(10),
      discount: new Float64Array(m),
      quantity: new Float64Array(m).fill(1),
    },
    lines: {
      order: Int32Array.from({ length: m }, (_, k) => k),
      category: Int32Array.from(product, (p) => p % 9),
      amount: new Float64Array(m).fill(10),
      product,
    },
    categories: Array.from({ length: 9 }, (_, i) => `c${i}`),
    reviews: { customer: new Int32Array(0), rating: new Float64Array(0), createdAt: new Float64Array(0) },
    products: {
      ids: Int32Array.from({ length: nP }, (_, i) => i + 1),
      category: Int32Array.from({ length: nP }, (_, i) => i % 9),
      active: new Uint8Array(nP).fill(1),
    },
  };
  console.log(
    `synthetic store: ${nC.toLocaleString("en")} customers, ${nP.toLocaleString("en")} products, ` +
      `${m.toLocaleString("en")} purchases (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const rssBefore = process.resourceUsage().maxRSS;
  const phases: { phase: string; ms: number }[] = [];
  let last = performance.now();
  const start = last;
  const out = computeRecommendations(
    {
      data,
      cutoff: Date.UTC(2030, 0, 1),
      seed: 0,
      customers: Int32Array.from({ length: nC }, (_, i) => i),
      labels: Int32Array.from({ length: nC }, (_, i) => i % 8),
    },
    (_f, detail) => {
      const now = performance.now();
      phases.push({ phase: detail ?? "", ms: now - last });
      last = now;
    },
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `recommendation step: ${seconds.toFixed(1)} s (goal ≤ 60 s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB ` +
      `(goal ≤ 2 GB; ${(rssBefore / 1024).toFixed(0)} MB before the step)`,
  );
  for (const p of phases) console.log(`  ${p.phase.padEnd(34)} ${(p.ms / 1000).toFixed(2)} s`);
  const report = out.report;
  if ("models" in report) {
    for (const mr of report.models) {
      const at10 = mr.atK.find((a) => a.k === 10);
      console.log(
        `  ${mr.key.padEnd(12)} NDCG@10 ${at10?.ndcg.toFixed(4)}  recall@10 ${at10?.recall.toFixed(4)}  coverage@10 ${at10?.coverage.toFixed(3)}`,
      );
    }
    console.log(
      `chosen: ${report.chosen} (beats popularity: ${report.beatsPopularity}); ${out.items.length.toLocaleString("en")} candidates stored`,
    );
  } else console.log(`skipped: ${report.skipped.code}`);
});
