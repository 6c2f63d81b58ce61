// The analytics command line as a user runs it: a feature file in, one JSON object out, errors on
// stderr with a non-zero exit.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-cli-"));

function run(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/analytics.ts", ...args],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Three well-separated groups of 40 points (deterministic, no randomness needed).
const lines = ["id,x,y"];
for (let g = 0; g < 3; g++)
  for (let i = 0; i < 40; i++) lines.push(`c${g}-${i},${g * 10 + (i % 5) * 0.1},${g * -10 + Math.floor(i / 5) * 0.1}`);
const blobs = path.join(dir, "blobs.csv");
fs.writeFileSync(blobs, `${lines.join("\n")}\n`);

describe("npm run analytics -- segment", () => {
  it("finds the three groups and prints one JSON object", () => {
    const r = run([
      "segment",
      "--features",
      blobs,
      "--id-col",
      "id",
      "--algo",
      "kmeans",
      "--k",
      "auto",
      "--k-range",
      "2-6",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      algo: string;
      k: number;
      sizes: number[];
      silhouette: number;
      inertia: number;
      fitSeconds: number;
    };
    expect(out.algo).toBe("kmeans");
    expect(out.k).toBe(3);
    expect(out.sizes).toEqual([40, 40, 40]);
    expect(out.silhouette).toBeGreaterThan(0.9);
    expect(out.fitSeconds).toBeGreaterThanOrEqual(0);
  });

  it("refuses a text column with the column and row, on stderr", () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "x,city\n1,2\n3,Hangzhou\n");
    const r = run(["segment", "--features", bad, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Column "city" is not numeric: row 3/);
  });

  it("refuses k out of range and too few rows", () => {
    expect(run(["segment", "--features", blobs, "--id-col", "id", "--k", "40"]).stderr).toMatch(/k must be at most 15/);
    const tiny = path.join(dir, "tiny.csv");
    fs.writeFileSync(tiny, "x\n1\n2\n3\n");
    expect(run(["segment", "--features", tiny]).stderr).toMatch(/Only 3 customers can be analysed/);
  });
});
