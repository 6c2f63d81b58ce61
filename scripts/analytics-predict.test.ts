// `analytics clv` and `analytics churn` as a user runs them: a transaction file in (CDNOW's layout,
// CSV, CRLF), one JSON object out, bad rows named by line, errors on stderr with a non-zero exit.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { simulateBgNbd } from "../lib/analytics/bgnbd";
import { formatDay, parseDay } from "../lib/import/transactions";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-predict-cli-"));

function run(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/analytics.ts", ...args],
    { cwd: root, encoding: "utf8" },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const yyyymmdd = (day: number) => formatDay(day).replace(/-/g, "");

/**
 * The CDNOW sample (Fader, Hardie & Lee 2005) as a transaction file, rebuilt from its published summary
 * (scripts/reference/data): each customer's first purchase T weeks before the calibration end
 * (1997-09-30), x repeat purchases on distinct days, the last t_x weeks after the first, each worth
 * the customer's mean repeat spend. The summary of this file is the published one (to the rounding of
 * weeks to days), so the fit must give the published parameters. Written in CDNOW_master's layout:
 * leading spaces, whitespace-separated, YYYYMMDD, an unused column, CRLF.
 */
function cdnowFile(): string {
  const calibrationEnd = parseDay("1997-09-30") as number;
  const rows = fs
    .readFileSync(path.join(root, "scripts/reference/data/cdnow_customers_summary_with_transactions.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").map(Number) as [number, number, number, number, number]);
  const lines: string[] = [];
  for (const [id, x, tx, T, zbar] of rows) {
    const first = calibrationEnd - Math.round(T * 7);
    const key = String(id).padStart(5, "0");
    lines.push(` ${key} ${yyyymmdd(first)}  1   10.00`);
    const span = Math.round(tx * 7);
    if (x > span) throw new Error(`customer ${id}: ${x} repeat purchases in ${span} days`);
    for (let k = 1; k <= x; k++) {
      lines.push(` ${key} ${yyyymmdd(first + Math.round((k * span) / x))}  2   ${zbar.toFixed(2)}`);
    }
  }
  const file = path.join(dir, "cdnow.txt");
  fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

type ClvOut = {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; gamma: number };
  customers: number;
  repeatCustomers: number;
  holdout?: { duration: number; actualPurchases: number; predictedPurchases: number; groups: { customers: number }[] };
  fitSeconds: number;
  skippedRows?: Record<string, number>;
};

describe("npm run analytics -- clv", () => {
  it("reproduces the published BG/NBD and Gamma-Gamma parameters of CDNOW from a transaction file", () => {
    const r = run([
      "clv",
      "--transactions",
      cdnowFile(),
      "--no-header",
      "--columns",
      "customer_id,date,_,amount",
      "--sep",
      "whitespace",
      "--calibration-end",
      "1997-09-30",
      "--time-unit",
      "week",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ClvOut;
    expect(out.customers).toBe(2357);
    expect(out.repeatCustomers).toBe(946);
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    expect(out.bgnbd.r).toBeCloseTo(0.243, 2);
    expect(out.bgnbd.alpha).toBeCloseTo(4.414, 1);
    expect(out.bgnbd.a).toBeCloseTo(0.793, 2);
    expect(out.bgnbd.b).toBeCloseTo(2.426, 1);
    expect(Math.abs(out.bgnbd.logLikelihood - -9582.4)).toBeLessThan(2);
    // Fader & Hardie (2013): p = 6.25, q = 3.74, γ = 15.44.
    expect(out.gammaGamma.p).toBeCloseTo(6.25, 1);
    expect(out.gammaGamma.q).toBeCloseTo(3.74, 1);
    expect(out.gammaGamma.gamma).toBeCloseTo(15.44, 0);
    expect(out.holdout).toBeUndefined();
  });

  it("recovers simulated parameters and predicts a holdout period from an ISO-dated CSV", () => {
    const truth = { r: 0.5, alpha: 20, a: 0.8, b: 4 }; // days
    const start = parseDay("2024-01-01") as number;
    const calibrationEnd = start + 364;
    const ages = Float64Array.from({ length: 3000 }, (_, i) => 364 - (i % 180)); // cohorts over half a year
    const sim = simulateBgNbd(truth, ages, { seed: 7, holdout: 182 });
    const lines = ["customer_id,date,amount"];
    for (let i = 0; i < ages.length; i++) {
      const first = calibrationEnd - (ages[i] as number);
      lines.push(`u${i},${formatDay(first)},25`);
      let lastDay = first;
      for (let k = sim.offsets[i]!; k < sim.offsets[i + 1]!; k++) {
        const day = first + Math.ceil(sim.times[k]!);
        if (day === lastDay) continue; // same day: one purchase day
        lastDay = day;
        lines.push(`u${i},${formatDay(day)}T10:00:00Z,${(20 + (i % 7)).toFixed(2)}`);
      }
    }
    const file = path.join(dir, "simulated.csv");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const r = run([
      "clv",
      "--transactions",
      file,
      "--calibration-end",
      formatDay(calibrationEnd),
      "--holdout-end",
      formatDay(calibrationEnd + 182),
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ClvOut;
    expect(out.customers).toBe(3000);
    expect(out.bgnbd.r / truth.r).toBeGreaterThan(0.75);
    expect(out.bgnbd.r / truth.r).toBeLessThan(1.33);
    expect(out.bgnbd.alpha / truth.alpha).toBeGreaterThan(0.7);
    expect(out.bgnbd.alpha / truth.alpha).toBeLessThan(1.4);
    const h = out.holdout!;
    expect(h.duration).toBe(182);
    expect(h.groups).toHaveLength(8);
    expect(h.groups.reduce((a, g) => a + g.customers, 0)).toBe(3000);
    // Predicted and actual holdout purchases agree to within 10%.
    expect(Math.abs(h.predictedPurchases / h.actualPurchases - 1)).toBeLessThan(0.1);
  });

  it("names every bad row, and with --skip-invalid says what it left out", () => {
    const lines = ["customer_id,date,amount"];
    for (let i = 0; i < 40; i++)
      lines.push(`c${i},2024-01-0${1 + (i % 9)},10`, `c${i},2024-03-1${i % 10},${12 + (i % 5)}`);
    lines.push("c1,2024-02-30,5", "c2,2099-01-01,5", "c3,2024-02-01,-4", "c4,2024-02-01,0");
    const file = path.join(dir, "bad.csv");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const args = ["clv", "--transactions", file, "--calibration-end", "2024-06-30", "--json"];
    const r = run(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("4 row(s) of");
    expect(r.stderr).toContain('line 82: "2024-02-30" is not a date');
    expect(r.stderr).toContain("line 83: 2099-01-01 is in the future");
    expect(r.stderr).toContain("line 84: amount -4 is not positive");
    expect(r.stderr).toContain("line 85: amount 0 is not positive");
    const outside = run(["clv", "--transactions", file, "--calibration-end", "2025-01-01", "--skip-invalid"]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain("--calibration-end 2025-01-01 is outside the data (2024-01-01 … 2024-03-19)");
    const ok = run([...args.slice(0, 4), "2024-03-19", "--skip-invalid", "--json"]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain("Left out 4 row(s)");
    const out = JSON.parse(ok.stdout) as ClvOut;
    expect(out.skippedRows).toEqual({ date_unparsable: 1, date_in_future: 1, amount_not_positive: 2 });
    expect(out.customers).toBe(40);
    const missing = run(["clv", "--transactions", file, "--date-col", "day", "--calibration-end", "2024-03-01"]);
    expect(missing.stderr).toContain('No column named "day" (columns: customer_id, date, amount)');
  });
});

describe("npm run analytics -- churn", () => {
  it("cross-validates every model beside the recency baseline on a transaction file", () => {
    // Customers from a BG/NBD world: those who dropped out stop buying, which recency only partly shows.
    const truth = { r: 1.2, alpha: 40, a: 1.5, b: 6 };
    const ages = Float64Array.from({ length: 900 }, (_, i) => 300 + (i % 200));
    const sim = simulateBgNbd(truth, ages, { seed: 3, holdout: 120 });
    const end = parseDay("2025-06-30") as number; // = age + holdout after each first purchase
    const lines = ["customer,when,value"];
    for (let i = 0; i < ages.length; i++) {
      const first = end - 120 - (ages[i] as number);
      lines.push(`k${i},${yyyymmdd(first)},30`);
      for (let k = sim.offsets[i]!; k < sim.offsets[i + 1]!; k++) {
        lines.push(`k${i},${yyyymmdd(first + Math.ceil(sim.times[k]!))},${15 + (k % 20)}`);
      }
    }
    const file = path.join(dir, "churn.csv");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const base = ["churn", "--transactions", file, "--customer-col", "customer", "--date-col", "when"];
    const r = run([
      ...base,
      "--amount-col",
      "value",
      "--cutoff",
      formatDay(end - 119),
      "--horizon-days",
      "90",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      customers: number;
      churnRate: number;
      validation: string;
      folds: number;
      models: Record<string, Record<string, { mean: number; std: number | null }>>;
      baseline: { recency_only: Record<string, { mean: number }> };
      chosen: string;
    };
    expect(out.customers).toBe(900);
    expect(out.validation).toBe("k-fold");
    expect(out.folds).toBe(5);
    expect(Object.keys(out.models)).toEqual(["logistic", "linear_svm", "decision_tree", "gradient_boosting"]);
    for (const m of Object.values(out.models)) {
      for (const k of ["auc", "prAuc", "accuracy", "precision", "recall", "f1", "logLoss", "brier"]) {
        expect(m[k]!.mean).toBeGreaterThanOrEqual(0);
        expect(m[k]!.std).not.toBeNull();
      }
    }
    const best = out.models[out.chosen]!.auc!.mean;
    expect(best).toBe(Math.max(...Object.values(out.models).map((m) => m.auc!.mean)));
    expect(best).toBeGreaterThan(0.6);
    expect(out.baseline.recency_only.auc!.mean).toBeGreaterThan(0.5);

    const late = run([...base, "--amount-col", "value", "--cutoff", formatDay(end - 30)]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain("plus 90 days runs past the last transaction");
    const early = run([...base, "--amount-col", "value", "--cutoff", "2020-01-01"]);
    expect(early.stderr).toContain("is on or before the first transaction");
  });
});
