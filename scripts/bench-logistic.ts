// npx tsx scripts/bench-logistic.ts [--n 100000] [--d 20] [--runs 3]
//
// lib/analytics/logistic-regression against scikit-learn's LogisticRegression(C=1, penalty="l2",
// solver="lbfgs", tol=1e-8, max_iter=1000) on the same data: a seeded n × d matrix (independent
// standard normal columns plus a shifted and a scaled one, like customer features) with labels drawn
// from a known logistic model is generated here, written to temporary files and read by
// scripts/reference/bench_logistic.py. Times are the median wall (and CPU) seconds of --runs fits
// after one warm-up fit on each side; sklearn uses the threads it has on this machine (its report
// names them). Prints one JSON object: the largest coefficient / intercept difference from sklearn's
// lbfgs (the target is 1e-3) and from its newton-cholesky solver (which, like ours, stops on
// the gradient: both are the minimiser), the recovered coefficients against the generating ones, and
// the time ratio ours ÷ sklearn lbfgs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { logisticRegression } from "../lib/analytics/logistic-regression";
import { createMatrix, type Matrix } from "../lib/analytics/matrix";
import { createRandom } from "../lib/analytics/random";
import { parseFlags, runScript, UsageError } from "./cli";

const USAGE = "Usage: npx tsx scripts/bench-logistic.ts [--n 100000] [--d 20] [--runs 3]";
const PYTHON = "/usr/bin/python3";
const C = 1;
const TOL = 1e-8;
const MAX_ITER = 1000;

type SklearnFit = {
  seconds: number;
  bestSeconds: number;
  cpuSeconds: number;
  nIter: number;
  coef: number[];
  intercept: number;
};
type SklearnReport = {
  sklearn: string;
  threadpools: { internal_api: string; num_threads: number }[];
  lbfgs: SklearnFit;
  "newton-cholesky": SklearnFit;
};

/**
 * Rows of standard normals (Box–Muller), column 1 shifted by 50 and column 2 scaled by 10; labels
 * Bernoulli(σ(x·β + β₀)) with β alternating in sign and decreasing (0.8, −0.6, …), scaled back for the
 * shifted and scaled columns, and β₀ = −1 (about a third positive).
 */
function generate(n: number, d: number, seed: number): { x: Matrix; y: Uint8Array; beta: Float64Array; b0: number } {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const beta = Float64Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -1) * 0.8 * 0.85 ** j);
  if (d > 2) beta[2] = beta[2]! / 10;
  const shift = d > 1 ? 50 * beta[1]! : 0;
  const b0 = -1 - shift;
  const data = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = b0;
    for (let j = 0; j < d; j++) {
      let v = normal();
      if (j === 1) v += 50;
      if (j === 2) v *= 10;
      data[i * d + j] = v;
      z += v * beta[j]!;
    }
    y[i] = random.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x: createMatrix(n, d, data), y, beta, b0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { n: { type: "string" }, d: { type: "string" }, runs: { type: "string" } },
    z.object({
      n: z.coerce.number().int().min(100).max(5_000_000).default(100_000),
      d: z.coerce.number().int().min(1).max(200).default(20),
      runs: z.coerce.number().int().min(1).max(20).default(3),
    }),
    USAGE,
  );
  if (!fs.existsSync(PYTHON)) throw new UsageError(`${PYTHON} not found: apt-get install python3-sklearn`);
  const { n, d, runs } = flags;
  const { x, y, beta, b0 } = generate(n, d, 42);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-logistic-"));
  try {
    const xFile = path.join(dir, "x.f64");
    const yFile = path.join(dir, "y.u8");
    fs.writeFileSync(xFile, new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
    fs.writeFileSync(yFile, y);

    const fit = () => logisticRegression(x, y, { C, tol: 1e-10 });
    fit(); // warm-up: JIT
    const times: number[] = [];
    const cpus: number[] = [];
    let ours = fit();
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      ours = fit();
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1e6);
    }

    const args = [
      "scripts/reference/bench_logistic.py",
      ...["--x", xFile, "--y", yFile, "--n", String(n), "--d", String(d)],
      ...["--C", String(C), "--tol", String(TOL), "--max-iter", String(MAX_ITER), "--runs", String(runs)],
    ];
    const py = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 16 << 20 });
    if (py.status !== 0) throw new Error(`bench_logistic.py failed:\n${py.stderr}`);
    const sk = JSON.parse(py.stdout) as SklearnReport;
    const lbfgs = sk.lbfgs;
    const newton = sk["newton-cholesky"];

    const report = {
      data: { n, d, positives: y.reduce((s, v) => s + v, 0), seed: 42 },
      sklearn: { version: sk.sklearn, threads: sk.threadpools.map((t) => `${t.internal_api} ${t.num_threads}`) },
      ours: {
        seconds: median(times),
        cpuSeconds: median(cpus),
        iterations: ours.iterations,
        converged: ours.converged,
      },
      sklearnLbfgs: { seconds: lbfgs.seconds, cpuSeconds: lbfgs.cpuSeconds, nIter: lbfgs.nIter },
      sklearnNewtonCholesky: { seconds: newton.seconds, cpuSeconds: newton.cpuSeconds, nIter: newton.nIter },
      maxAbsCoefDiffVsLbfgs: maxAbsDiff(ours.coef, lbfgs.coef),
      interceptDiffVsLbfgs: Math.abs(ours.intercept - lbfgs.intercept),
      maxAbsCoefDiffVsNewtonCholesky: maxAbsDiff(ours.coef, newton.coef),
      interceptDiffVsNewtonCholesky: Math.abs(ours.intercept - newton.intercept),
      maxAbsCoefDiffVsGenerating: maxAbsDiff(ours.coef, beta),
      interceptVsGenerating: { fitted: ours.intercept, generating: b0 },
      withinTarget1e3: maxAbsDiff(ours.coef, lbfgs.coef) <= 1e-3,
      timeRatioVsLbfgs: median(times) / lbfgs.seconds,
      cpuRatioVsLbfgs: median(cpus) / lbfgs.cpuSeconds,
      timeRatioVsNewtonCholesky: median(times) / newton.seconds,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
