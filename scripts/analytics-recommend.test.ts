// `analytics cf-eval` and `analytics topn-eval` as a user runs them: rating and interaction files in
// MovieLens' and CSV layouts, one JSON object out, bad rows named by line, errors with exit code 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateCfKFold } from "../lib/analytics/cf-evaluate";
import { createRandom } from "../lib/analytics/random";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-rec-cli-"));

function run(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/analytics.ts", ...args],
    { cwd: root, encoding: "utf8" },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Ratings with structure: users and items in 3 taste groups, +1 star inside the group, −1 outside. */
function ratings(): { users: string[]; items: string[]; ratings: number[] } {
  const random = createRandom(4);
  const out = { users: [] as string[], items: [] as string[], ratings: [] as number[] };
  for (let u = 0; u < 150; u++) {
    const seen = new Set<number>();
    while (seen.size < 12) seen.add(random.int(60));
    for (const i of seen) {
      const noise = Math.round((random.next() - 0.5) * 1.4);
      out.users.push(`u${u}`);
      out.items.push(`i${i}`);
      out.ratings.push(Math.min(5, Math.max(1, 3 + (u % 3 === i % 3 ? 1 : -1) + noise)));
    }
  }
  return out;
}

describe("npm run analytics -- cf-eval", () => {
  const data = ratings();
  const mlFile = path.join(dir, "u.data");
  fs.writeFileSync(
    mlFile,
    data.users
      .map((u, k) => `${u.slice(1)}\t${data.items[k]!.slice(1)}\t${data.ratings[k]}\t${880000000 + k}`)
      .join("\n"),
  );

  it("evaluates MovieLens' u.data layout with the pipeline's code, fold by fold", () => {
    const r = run([
      "cf-eval",
      "--ratings",
      mlFile,
      "--sep",
      "\t",
      "--no-header",
      "--columns",
      "user,item,rating,timestamp",
      "--algo",
      "knn-baseline",
      "--sim",
      "pearson_baseline",
      "--user-based",
      "false",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      algo: string;
      rmse: number;
      mae: number;
      folds: { rmse: number; mae: number }[];
      fitSeconds: number;
      testSeconds: number;
    };
    expect(out.algo).toBe("knn-baseline");
    expect(out.folds).toHaveLength(5);
    expect(out.rmse).toBeCloseTo(out.folds.reduce((a, f) => a + f.rmse, 0) / 5, 5);
    expect(out.fitSeconds).toBeGreaterThan(0);
    // The same numbers as the library on the same rows (ids as the file has them).
    const lib = evaluateCfKFold(
      {
        users: data.users.map((u) => u.slice(1)),
        items: data.items.map((i) => i.slice(1)),
        ratings: Float64Array.from(data.ratings),
      },
      { algo: "knn-baseline", name: "pearson_baseline", userBased: false },
      { scale: [1, 5], folds: 5, seed: 0 },
    );
    expect(out.rmse).toBeCloseTo(lib.rmse, 5);
    // Structure is learnt: far better than random draws from the rating distribution.
    const normal = JSON.parse(
      run([
        "cf-eval",
        "--ratings",
        mlFile,
        "--sep",
        "tab",
        "--no-header",
        "--columns",
        "user,item,rating,_",
        "--algo",
        "normal",
        "--json",
      ]).stdout,
    ) as { rmse: number };
    expect(out.rmse).toBeLessThan(0.8 * normal.rmse);
  });

  it("reads a CSV with named columns, and refuses bad rows by line", () => {
    const csv = path.join(dir, "ratings.csv");
    fs.writeFileSync(
      csv,
      [
        "who,what,stars",
        ...data.users.slice(0, 300).map((u, k) => `${u},${data.items[k]},${data.ratings[k]}`),
        "u0,i999,7",
        "u1,i1,x",
        `${data.users[0]},${data.items[0]},4`,
      ].join("\n"),
    );
    const args = [
      "cf-eval",
      "--ratings",
      csv,
      "--user-col",
      "who",
      "--item-col",
      "what",
      "--rating-col",
      "stars",
      "--algo",
      "baseline",
    ];
    const bad = run([...args, "--json"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("3 row(s) of");
    expect(bad.stderr).toContain("line 302: rating 7 is outside the scale 1–5");
    expect(bad.stderr).toContain('line 303: rating "x" is not a number');
    expect(bad.stderr).toContain(`line 304: user ${data.users[0]} rated item ${data.items[0]} again (first on line 2)`);
    const ok = run([...args, "--skip-invalid", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      algo: "baseline",
      ratings: 300,
      skippedRows: { rating_out_of_scale: 1, rating_invalid: 1, duplicate_pair: 1 },
    });
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "");
    expect(run(["cf-eval", "--ratings", empty, "--algo", "svd"]).stderr).toContain("The file is empty.");
    expect(run(["cf-eval", "--ratings", csv, "--algo", "magic"]).stderr).toContain("--algo: must be one of normal");
  });

  it("says when users have a single rating", () => {
    const one = path.join(dir, "one.txt");
    fs.writeFileSync(one, ["  a x 5", "  a y 4", "  b x 4", "  b z 2", "  c y 1", "  d z 3"].join("\n"));
    const r = run([
      "cf-eval",
      "--ratings",
      one,
      "--sep",
      "whitespace",
      "--no-header",
      "--columns",
      "user,item,rating",
      "--algo",
      "knn-basic",
      "--folds",
      "2",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("2 user(s) have a single rating");
    const out = JSON.parse(r.stdout) as { usersWithOneRating: number; folds: { impossible: number }[] };
    expect(out.usersWithOneRating).toBe(2);
    // Those users are unknown ids in the fold that tests them: KNNBasic cannot predict them (Surprise's
    // was_impossible) and falls back to the global mean; the folds count them.
    expect(out.folds.reduce((a, f) => a + f.impossible, 0)).toBeGreaterThanOrEqual(2);
  });
});

describe("npm run analytics -- topn-eval", () => {
  it("ranks held-out last items; personalised models beat best-sellers on community data", () => {
    // Two communities of 100 users, each buying 6 of its own 20 items over time; the first items of
    // each community are globally popular, so best-sellers alone rank the wrong community's items.
    const random = createRandom(9);
    const lines: string[] = [];
    let t = 0;
    for (let u = 0; u < 200; u++) {
      const community = u % 2;
      const seen = new Set<number>();
      while (seen.size < 6) seen.add(community * 20 + Math.floor(random.next() ** 2 * 20));
      for (const i of seen) lines.push(`${u},${i},${t++}`);
    }
    const file = path.join(dir, "interactions.csv");
    fs.writeFileSync(file, `user,item,timestamp\n${lines.join("\n")}\n`);
    const r = run(["topn-eval", "--interactions", file, "--k", "5", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      k: number;
      evaluatedUsers: number;
      algos: Record<string, { ndcg: number; recall: number; coverage: number }>;
    };
    expect(out.k).toBe(5);
    expect(out.evaluatedUsers).toBe(200);
    expect(Object.keys(out.algos)).toEqual(["popularity", "item-knn", "user-knn", "ease"]);
    for (const key of ["item-knn", "user-knn", "ease"])
      expect(out.algos[key]!.ndcg).toBeGreaterThan(out.algos.popularity!.ndcg);
    const some = run(["topn-eval", "--interactions", file, "--algos", "popularity,magic"]);
    expect(some.code).toBe(1);
    expect(some.stderr).toContain("each must be one of popularity, item-knn, user-knn, ease, ials");
    const ials = JSON.parse(
      run(["topn-eval", "--interactions", file, "--k", "5", "--algos", "popularity,ials", "--json"]).stdout,
    ) as {
      algos: Record<string, { ndcg: number }>;
    };
    expect(ials.algos.ials!.ndcg).toBeGreaterThan(ials.algos.popularity!.ndcg);
  });
});
