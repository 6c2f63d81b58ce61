// npx tsx scripts/bench-kmeans.ts --n 100000 --d 12 --k 6 --n-init 10 [--runs 3] [--minibatch-n 1000000]
//     [--ml-kmeans-runs 1]
//
// lib/analytics/kmeans against scikit-learn's KMeans on the same matrix: a seeded Gaussian mixture
// (6 components, unequal sizes and spreads, overlapping like customer features) is generated here,
// written to a temporary float64 file and read by scripts/reference/bench_kmeans.py, which fits
// KMeans(algorithm="lloyd") with the same k, n_init, max_iter and tol with the threads it uses on
// this machine (OpenMP and OpenBLAS over every core; the threadpools are printed), and for the record
// "elkan" and "lloyd" limited to one thread. ml-kmeans (the mljs library, on number[][] rows) runs the same nInit seedings for the
// record of library against own kernel. Then mini-batch k-means on a --minibatch-n × d mixture
// against sklearn's MiniBatchKMeans, seeds 0, 1, … per run on both sides (the number of steps
// before early stopping depends much on the seed; median steps and inertia are printed). Times are
// the median and the best of --runs fits after one warm-up fit (the first, cold fit of ours is
// printed too); ml-kmeans is timed over --ml-kmeans-runs. Wall time is the goal; CPU time (summed
// over sklearn's threads) shows the work each side does, and the load average is printed because
// other processes on the machine change both.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { kmeans as mlKmeans } from "ml-kmeans";
import { z } from "zod";
import { kmeans, type KMeansAlgorithm } from "../lib/analytics/kmeans";
import { createMatrix, toRows, type Matrix } from "../lib/analytics/matrix";
import { miniBatchKMeans } from "../lib/analytics/minibatch-kmeans";
import { createRandom } from "../lib/analytics/random";
import { parseFlags, runScript, UsageError } from "./cli";

const USAGE =
  "Usage: npx tsx scripts/bench-kmeans.ts --n 100000 --d 12 --k 6 --n-init 10 [--runs 3] [--minibatch-n 1000000] [--ml-kmeans-runs 1]";
const MAX_ITER = 300;
const TOL = 1e-4;
const PYTHON = "/usr/bin/python3";

type Timing = {
  seconds: number;
  bestSeconds: number;
  cpuSeconds: number;
  nIter: number;
  inertia: number;
  nSteps?: number;
};
type SklearnReport = {
  sklearn: string;
  cpus: number;
  threadpools: { user_api: string; internal_api: string; num_threads: number }[];
  lloyd: Timing;
  elkan: Timing;
  lloyd1: Timing;
  minibatch?: Timing;
};
type Row = { name: string; wall: number; best: number; cpu: number; cold?: number; iters: number; inertia: number };

/** A Gaussian mixture: component means uniform in [−4, 4]^d, standard deviations 0.8–2, weights 0.5–1.5. */
function generateMixture(n: number, d: number, components: number, seed: number): Matrix {
  const random = createRandom(seed);
  const means = Float64Array.from({ length: components * d }, () => random.next() * 8 - 4);
  const sds = Float64Array.from({ length: components }, () => 0.8 + random.next() * 1.2);
  const weights = Array.from({ length: components }, () => 0.5 + random.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map((_, c) => weights.slice(0, c + 1).reduce((a, b) => a + b, 0) / total);
  // Box–Muller, one normal per pair of uniforms (the simplest correct form; speed does not matter here).
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = random.next();
    let c = cumulative.findIndex((p) => u < p);
    if (c < 0) c = components - 1;
    for (let f = 0; f < d; f++) data[i * d + f] = means[c * d + f]! + sds[c]! * normal();
  }
  return createMatrix(n, d, data);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall and CPU seconds of fn. */
function measure<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}

/**
 * One cold fit, then `runs` fits: median wall and CPU, best wall, and the median iterations and
 * inertia. fit(run) gets −1 for the cold fit, then 0, 1, ….
 */
function timeFits<T>(
  name: string,
  fit: (run: number) => T,
  runs: number,
  summary: (r: T) => { iters: number; inertia: number },
): Row {
  const cold = measure(() => fit(-1));
  const timed = Array.from({ length: runs }, (_, run) => measure(() => fit(run)));
  const summaries = timed.map((t) => summary(t.result));
  return {
    name,
    wall: median(timed.map((t) => t.wall)),
    best: Math.min(...timed.map((t) => t.wall)),
    cpu: median(timed.map((t) => t.cpu)),
    cold: cold.wall,
    iters: median(summaries.map((s) => s.iters)),
    inertia: median(summaries.map((s) => s.inertia)),
  };
}

function inertiaOf(m: Matrix, labels: ArrayLike<number>, centers: readonly (readonly number[])[]): number {
  let inertia = 0;
  for (let i = 0; i < m.rows; i++) {
    const c = centers[labels[i]!]!;
    for (let f = 0; f < m.cols; f++) {
      const t = m.data[i * m.cols + f]! - c[f]!;
      inertia += t * t;
    }
  }
  return inertia;
}

function writeMatrix(m: Matrix, file: string): void {
  fs.writeFileSync(file, new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));
}

function printTable(rows: Row[], reference: Row, itersLabel: string): void {
  const sec = (s: number) => `${s.toFixed(3)} s`;
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  const cells = [
    [
      "",
      "wall",
      "best wall",
      "CPU",
      "cold wall",
      itersLabel,
      "inertia",
      "wall ÷ sklearn",
      "best ÷ sklearn",
      "CPU ÷ sklearn",
      "inertia ÷ sklearn",
    ],
    ...rows.map((r) => [
      r.name,
      sec(r.wall),
      sec(r.best),
      sec(r.cpu),
      r.cold === undefined ? "" : sec(r.cold),
      String(r.iters),
      r.inertia.toFixed(2),
      ratio(r.wall, reference.wall),
      ratio(r.best, reference.best),
      ratio(r.cpu, reference.cpu),
      ratio(r.inertia, reference.inertia),
    ]),
  ];
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  for (const r of cells) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
  }
  console.log();
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      n: { type: "string" },
      d: { type: "string" },
      k: { type: "string" },
      "n-init": { type: "string" },
      runs: { type: "string" },
      "minibatch-n": { type: "string" },
      "ml-kmeans-runs": { type: "string" },
    },
    z.object({
      n: z.coerce.number().int().min(10).max(5_000_000).default(100_000),
      d: z.coerce.number().int().min(1).max(200).default(12),
      k: z.coerce.number().int().min(1).max(100).default(6),
      "n-init": z.coerce.number().int().min(1).max(100).default(10),
      runs: z.coerce.number().int().min(1).max(20).default(3),
      "minibatch-n": z.coerce.number().int().min(0).max(5_000_000).default(1_000_000),
      "ml-kmeans-runs": z.coerce.number().int().min(0).max(10).default(1),
    }),
    USAGE,
  );
  if (!fs.existsSync(PYTHON)) throw new UsageError(`${PYTHON} not found: apt-get install python3-sklearn`);
  const { n, d, k, runs } = flags;
  const nInit = flags["n-init"];
  const mbN = flags["minibatch-n"];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-kmeans-"));
  try {
    const x = generateMixture(n, d, 6, 42);
    const xFile = path.join(dir, "x.f64");
    writeMatrix(x, xFile);
    const y = mbN > 0 ? generateMixture(mbN, d, 6, 43) : null;
    const yFile = path.join(dir, "y.f64");
    if (y) writeMatrix(y, yFile);
    console.log(`matrix ${n}×${d}, k = ${k}, nInit = ${nInit}, maxIter = ${MAX_ITER}, tol = ${TOL}`);
    console.log(`${os.cpus().length} CPUs, load average ${loadAverage()} (1, 5, 15 min) before`);

    const ours = (algorithm: KMeansAlgorithm) =>
      timeFits(
        `kmeans ${algorithm}${algorithm === "hamerly" ? " (default)" : ""}`,
        () => kmeans(x, { k, nInit, maxIter: MAX_ITER, tol: TOL, seed: 0, algorithm }),
        runs,
        (r) => ({ iters: r.nIter, inertia: r.inertia }),
      );
    const hamerly = ours("hamerly");
    const lloyd = ours("lloyd");

    // ml-kmeans: its own convergence test (every centre's squared move ≤ tolerance), given sklearn's
    // absolute tolerance; nInit seedings, best inertia kept. Rows as number[][] (its input format,
    // converted outside the timing).
    let ml: Row | null = null;
    if (flags["ml-kmeans-runs"] > 0) {
      const rows = toRows(x);
      let variance = 0;
      for (let f = 0; f < d; f++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += x.data[i * d + f]!;
        m /= n;
        let v = 0;
        for (let i = 0; i < n; i++) v += (x.data[i * d + f]! - m) ** 2;
        variance += v / n / d;
      }
      const fitBest = () => {
        let best = { inertia: Infinity, iters: 0 };
        for (let s = 0; s < nInit; s++) {
          const res = mlKmeans(rows, k, { seed: s, maxIterations: MAX_ITER, tolerance: TOL * variance });
          const inertia = inertiaOf(x, res.clusters, res.centroids);
          if (inertia < best.inertia) best = { inertia, iters: res.iterations };
        }
        return best;
      };
      const timed = Array.from({ length: flags["ml-kmeans-runs"] }, () => measure(fitBest));
      ml = {
        name: `ml-kmeans 7.0.1 (${nInit} seeds)`,
        wall: median(timed.map((t) => t.wall)),
        best: Math.min(...timed.map((t) => t.wall)),
        cpu: median(timed.map((t) => t.cpu)),
        ...timed[0]!.result,
      };
    }

    const mb = y
      ? timeFits(
          `miniBatchKMeans ${mbN}×${d}`,
          (run) => miniBatchKMeans(y, { k, seed: Math.max(run, 0) }),
          runs,
          (r) => ({ iters: r.nSteps, inertia: r.inertia }),
        )
      : null;

    const args = [
      "scripts/reference/bench_kmeans.py",
      ...["--file", xFile, "--n", String(n), "--d", String(d), "--k", String(k), "--n-init", String(nInit)],
      ...["--max-iter", String(MAX_ITER), "--tol", String(TOL), "--runs", String(runs)],
      ...(y ? ["--minibatch-file", yFile, "--minibatch-n", String(mbN)] : []),
    ];
    const py = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 16 << 20 });
    if (py.status !== 0) throw new Error(`bench_kmeans.py failed:\n${py.stderr}`);
    const sk = JSON.parse(py.stdout) as SklearnReport;
    const threads = sk.threadpools.map((t) => `${t.internal_api} ${t.num_threads}`).join(", ");
    console.log(`scikit-learn ${sk.sklearn} with ${threads} threads; load average ${loadAverage()} after\n`);

    const skRow = (name: string, t: Timing, iters = t.nIter): Row => ({
      name,
      wall: t.seconds,
      best: t.bestSeconds,
      cpu: t.cpuSeconds,
      iters,
      inertia: t.inertia,
    });
    const skLloyd = skRow("sklearn KMeans lloyd", sk.lloyd);
    printTable(
      [
        skLloyd,
        skRow("sklearn KMeans elkan", sk.elkan),
        skRow("sklearn KMeans lloyd, 1 thread", sk.lloyd1),
        hamerly,
        lloyd,
        ...(ml ? [ml] : []),
      ],
      skLloyd,
      "nIter",
    );
    if (mb && sk.minibatch) {
      const skMb = skRow(`sklearn MiniBatchKMeans ${mbN}×${d}`, sk.minibatch, sk.minibatch.nSteps);
      printTable([skMb, mb], skMb, "steps");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
