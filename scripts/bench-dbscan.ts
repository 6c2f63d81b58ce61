// npx tsx scripts/bench-dbscan.ts --n 100000 --d 4 [--eps E] [--min-samples 10] [--runs 3] [--lib-n 10000]
//                                 [--sample 10000] [--seed 1] [--skip-sklearn]
//
// DBSCAN on N seeded rows in D dimensions (8 Gaussian blobs, σ = 0.5, centres uniform in [0, 20]^D, plus
// 5% uniform noise over [−2, 22]^D), three ways:
//   - lib/analytics/dbscan.ts (own k-d tree kernel), median of --runs runs;
//   - scikit-learn, through scripts/reference/bench_dbscan.py on the same bytes, with a check that the
//     labels are identical;
//   - density-clustering 1.3.0 (the npm library we would otherwise use: O(n²) region queries and
//     array merges), on the first --lib-n/2 and --lib-n rows only, with the growth between the two
//     extrapolated to N — it is not run at N.
// eps defaults to the knee of the k-distance curve (lib/analytics/k-distance.ts, k = minSamples). Then the
// silhouette on a --sample-row sample (own, vs sklearn's silhouette_score(sample_size)), Davies–Bouldin on
// all rows, and the adjusted Rand index against the generating blobs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { adjustedRandIndex } from "../lib/analytics/adjusted-rand";
import { daviesBouldin } from "../lib/analytics/davies-bouldin";
import { dbscan } from "../lib/analytics/dbscan";
import { kDistance } from "../lib/analytics/k-distance";
import { createMatrix, type Matrix } from "../lib/analytics/matrix";
import { createRandom } from "../lib/analytics/random";
import { silhouette } from "../lib/analytics/silhouette";
import { parseFlags, runScript } from "./cli";

// density-clustering ships no types; this is the part of its API the benchmark uses.
type DensityClusteringDbscan = { run(dataset: number[][], eps: number, minPts: number): number[][] };
const { DBSCAN: DensityClusteringDBSCAN } = createRequire(import.meta.url)("density-clustering") as {
  DBSCAN: new () => DensityClusteringDbscan;
};

const USAGE =
  "Usage: npx tsx scripts/bench-dbscan.ts --n 100000 --d 4 [--eps E] [--min-samples 10] [--runs 3] [--lib-n 10000] " +
  "[--sample 10000] [--seed 1] [--skip-sklearn]";
const PYTHON = "/usr/bin/python3";

function generate(n: number, d: number, seed: number): { data: Matrix; truth: Int32Array } {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const centres = Array.from({ length: 8 * d }, () => 20 * random.next());
  const data = createMatrix(n, d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const noise = random.next() < 0.05;
    const c = random.int(8);
    truth[i] = noise ? -1 : c;
    for (let j = 0; j < d; j++) {
      data.data[i * d + j] = noise ? -2 + 24 * random.next() : centres[c * d + j]! + 0.5 * gauss();
    }
  }
  return { data, truth };
}

function time<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

const fmt = (x: number) => x.toLocaleString("en");
const secs = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1)) + " s";

function prefix(m: Matrix, rows: number): Matrix {
  return createMatrix(rows, m.cols, m.data.slice(0, rows * m.cols));
}

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      n: { type: "string" },
      d: { type: "string" },
      eps: { type: "string" },
      "min-samples": { type: "string" },
      runs: { type: "string" },
      "lib-n": { type: "string" },
      sample: { type: "string" },
      seed: { type: "string" },
      "skip-sklearn": { type: "boolean" },
    },
    z.object({
      n: z.coerce.number().int().min(100).max(5_000_000).default(100_000),
      d: z.coerce.number().int().min(1).max(100).default(4),
      eps: z.coerce.number().positive().optional(),
      "min-samples": z.coerce.number().int().min(1).default(10),
      runs: z.coerce.number().int().min(1).max(20).default(3),
      "lib-n": z.coerce.number().int().min(0).max(50_000).default(10_000),
      sample: z.coerce.number().int().min(2).default(10_000),
      seed: z.coerce.number().int().default(1),
      "skip-sklearn": z.boolean().default(false),
    }),
    USAGE,
  );
  const { n, d, runs, sample, seed } = flags;
  const minSamples = flags["min-samples"];
  const { data, truth } = generate(n, d, seed);
  console.log(
    `data: ${fmt(n)} × ${d}, 8 Gaussian blobs (σ 0.5) + 5% uniform noise, seed ${seed}; node ${process.version}`,
  );

  const curve = time(() => kDistance(data, { k: minSamples, sampleSize: 10_000, seed }));
  const knee = curve.value.knee;
  console.log(
    `k-distance (k = ${minSamples}, ${fmt(curve.value.distances.length)}-row sample): ${secs(curve.seconds)}` +
      (knee ? `, knee at eps ${knee.eps.toFixed(4)}` : ", no knee"),
  );
  const eps = flags.eps ?? knee?.eps;
  if (eps === undefined) throw new Error("no knee in the k-distance curve: pass --eps");

  const own: number[] = [];
  let result = dbscan(data, { eps, minSamples });
  for (let r = 0; r < runs; r++) {
    const t = time(() => dbscan(data, { eps, minSamples }));
    own.push(t.seconds);
    result = t.value;
  }
  own.sort((a, b) => a - b);
  console.log(
    `\nDBSCAN eps ${eps.toFixed(4)}, minSamples ${minSamples}: ${result.clusterCount} clusters, ` +
      `${fmt(result.noiseCount)} noise rows, peak RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
  console.log(
    `  own k-d tree kernel        ${secs(own[Math.floor(runs / 2)]!)} (median of ${runs}; fastest ${secs(own[0]!)})`,
  );

  if (!flags["skip-sklearn"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dbscan-"));
    try {
      const dataFile = path.join(dir, "data.f64");
      const labelsFile = path.join(dir, "labels.i32");
      fs.writeFileSync(dataFile, new Uint8Array(data.data.buffer, data.data.byteOffset, data.data.byteLength));
      const script = path.join(import.meta.dirname, "reference", "bench_dbscan.py");
      const py = spawnSync(
        PYTHON,
        [script, dataFile, String(n), String(d), String(eps), String(minSamples), labelsFile, String(sample)],
        { encoding: "utf8" },
      );
      if (py.status !== 0) {
        console.log(`  scikit-learn               not run: ${py.error?.message ?? py.stderr.trim().split("\n").pop()}`);
      } else {
        const sk = JSON.parse(py.stdout) as {
          sklearn: string;
          dbscanSeconds: number;
          silhouetteSeconds: number | null;
          silhouetteScore: number | null;
        };
        const buf = fs.readFileSync(labelsFile);
        const skLabels = new Int32Array(buf.buffer, buf.byteOffset, n);
        const identical = skLabels.every((l, i) => l === result.labels[i]);
        console.log(
          `  scikit-learn ${sk.sklearn.padEnd(13)} ${secs(sk.dbscanSeconds)} (one run); labels identical: ${identical ? "yes" : "NO"}`,
        );
        if (sk.silhouetteSeconds !== null) {
          console.log(
            `  sklearn silhouette_score(sample_size=${fmt(sample)}), noise as a cluster: ` +
              `${secs(sk.silhouetteSeconds)}, score ${sk.silhouetteScore!.toFixed(4)}`,
          );
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  if (flags["lib-n"] >= 4) {
    const sizes = [Math.floor(flags["lib-n"] / 2), Math.min(flags["lib-n"], n)];
    const seconds: number[] = [];
    for (const rows of sizes) {
      const dataset = Array.from({ length: rows }, (_, i) => Array.from(data.data.subarray(i * d, (i + 1) * d)));
      const t = time(() => new DensityClusteringDBSCAN().run(dataset, eps, minSamples));
      seconds.push(t.seconds);
      // Its clusters list every member (its noise list can also keep border points), so labels come from
      // the clusters; it tests dist < eps where sklearn tests ≤, which only matters on exact ties.
      const labels = new Int32Array(rows).fill(-1);
      t.value.forEach((members, c) => members.forEach((i) => (labels[i] = c)));
      const ours = dbscan(prefix(data, rows), { eps, minSamples }).labels;
      const identical = labels.every((l, i) => l === ours[i]);
      const ownSeconds = time(() => dbscan(prefix(data, rows), { eps, minSamples })).seconds;
      console.log(
        `  density-clustering 1.3.0   ${secs(t.seconds)} on the first ${fmt(rows)} rows (own: ${secs(ownSeconds)}); ` +
          `labels identical to own: ${identical ? "yes" : `no, ARI ${adjustedRandIndex(labels, ours).toFixed(6)}`}`,
      );
    }
    const growth = Math.log(seconds[1]! / seconds[0]!) / Math.log(sizes[1]! / sizes[0]!);
    if (n > sizes[1]! && Number.isFinite(growth)) {
      console.log(
        `  density-clustering at ${fmt(n)} rows: ~${secs(seconds[1]! * (n / sizes[1]!) ** growth)} ` +
          `extrapolated (time grew as n^${growth.toFixed(2)}; not run)`,
      );
    }
  }

  const sil = time(() => silhouette(data, result.labels, { sampleSize: sample, seed, noiseLabel: -1 }));
  const silAll = time(() => silhouette(data, result.labels, { sampleSize: sample, seed }));
  console.log(
    `\nsilhouette, ${fmt(sample)}-row sample: ${secs(sil.seconds)}, score ${sil.value.score.toFixed(4)} with noise left out; ` +
      `${secs(silAll.seconds)}, score ${silAll.value.score.toFixed(4)} with noise as a cluster (as sklearn)`,
  );
  if (result.clusterCount >= 2) {
    const db = time(() => daviesBouldin(data, result.labels, { noiseLabel: -1 }));
    console.log(
      `Davies–Bouldin, all ${fmt(n - result.noiseCount)} clustered rows: ${secs(db.seconds)}, ${db.value.toFixed(4)}`,
    );
  }
  const ari = time(() => adjustedRandIndex(truth, result.labels));
  console.log(
    `adjusted Rand index vs the generating blobs (noise as a class): ${secs(ari.seconds)}, ${ari.value.toFixed(4)}`,
  );
});
