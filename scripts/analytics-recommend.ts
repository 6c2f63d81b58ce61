// `analytics cf-eval` and `analytics topn-eval`: the recommenders on any rating or interaction file.
// cf-eval is Surprise's cross_validate (RMSE, MAE, fit and test seconds summed over folds) for one
// algorithm; topn-eval ranks each user's held-out last item(s) with each implicit model (the
// pipeline's protocol and code). Bad rows are listed by line and stop the command unless
// --skip-invalid; with --json stdout is one JSON object, messages go to stderr.
import fs from "node:fs";
import { z } from "zod";
import { evaluateCfKFold, type CfAlgorithm } from "../lib/analytics/cf-evaluate";
import { implicitAls } from "../lib/analytics/implicit-als";
import { ease } from "../lib/analytics/implicit-ease";
import { itemKnn } from "../lib/analytics/implicit-item-knn";
import { popularity } from "../lib/analytics/implicit-popularity";
import type { Recommender } from "../lib/analytics/implicit-top-n";
import { userKnn } from "../lib/analytics/implicit-user-knn";
import { leaveLastOut } from "../lib/analytics/interactions";
import { evaluateRankings } from "../lib/analytics/ranking-metrics";
import { rowIndicesOf } from "../lib/analytics/sparse";
import {
  describeRatingErrors,
  parseInteractions,
  parseRatings,
  RatingFileError,
  usersWithOneRow,
  type ParsedPairs,
} from "../lib/import/ratings";
import { parseFlags, UsageError } from "./cli";

const FILE = `[--sep ','|'\\t'|whitespace] [--no-header --columns NAME,NAME,…] [--skip-invalid] [--json]`;
export const CF_USAGE = `Usage: npm run -s analytics -- cf-eval --ratings FILE ${FILE}
    --algo normal|baseline|knn-basic|knn-means|knn-baseline|svd|svdpp [--sim cosine|msd|pearson|pearson_baseline]
    [--user-based true|false] [--k 40] [--min-k 1] [--folds 5] [--seed 0] [--scale 1-5] [--rng shoplens|numpy]
    columns: user,item,rating[,timestamp] (or --user-col/--item-col/--rating-col with a header)`;
export const TOPN_USAGE = `Usage: npm run -s analytics -- topn-eval --interactions FILE ${FILE}
    [--k 10] [--algos popularity,item-knn,user-knn,ease,ials] (default: all but ials)
    columns: user,item[,timestamp] (without timestamps, file order is time order)`;

const ALGOS = ["normal", "baseline", "knn-basic", "knn-means", "knn-baseline", "svd", "svdpp"] as const;
const TOPN_ALGOS = ["popularity", "item-knn", "user-knn", "ease", "ials"] as const;
const DEFAULT_TOPN = ["popularity", "item-knn", "user-knn", "ease"];

const common = {
  sep: { type: "string" },
  "no-header": { type: "boolean" },
  columns: { type: "string" },
  "user-col": { type: "string" },
  "item-col": { type: "string" },
  "skip-invalid": { type: "boolean" },
  json: { type: "boolean" },
} as const;
const commonSchema = {
  sep: z.enum([",", "\t", "\\t", "tab", "whitespace"], { message: "must be ',', '\\t' or whitespace" }).default(","),
  "no-header": z.boolean().default(false),
  columns: z.string().optional(),
  "user-col": z.string().optional(),
  "item-col": z.string().optional(),
  "skip-invalid": z.boolean().default(false),
  json: z.boolean().default(false),
};

function read(
  path: string,
  flags: z.infer<z.ZodObject<typeof commonSchema>>,
  usage: string,
  parse: (text: string, sep: "," | "\t" | "whitespace", columns: string[] | undefined) => ParsedPairs,
): { parsed: ParsedPairs; skipped: Record<string, number> } {
  if (flags["no-header"] !== (flags.columns !== undefined)) {
    throw new UsageError(
      `--no-header and --columns go together: name the columns of a file without a header.\n\n${usage}`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const sep = flags.sep === "whitespace" ? "whitespace" : flags.sep === "," ? "," : "\t";
  let parsed: ParsedPairs;
  try {
    parsed = parse(
      text,
      sep,
      flags.columns?.split(",").map((c) => c.trim()),
    );
  } catch (err) {
    if (err instanceof RatingFileError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
  const skipped: Record<string, number> = {};
  for (const e of parsed.errors) skipped[e.problem] = (skipped[e.problem] ?? 0) + 1;
  if (parsed.errors.length > 0) {
    const report = describeRatingErrors(parsed.errors);
    if (!flags["skip-invalid"]) {
      throw new UsageError(
        `${parsed.errors.length} row(s) of ${path} cannot be used:\n${report}\nFix them, or pass --skip-invalid to leave them out.`,
      );
    }
    console.error(`Left out ${parsed.errors.length} row(s) (--skip-invalid):\n${report}`);
  }
  if (parsed.users.length === 0) throw new UsageError(`${path} has no usable rows.`);
  return { parsed, skipped };
}

const round = (v: number) => Number(v.toFixed(6));

export async function cfEvalCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      ...common,
      ratings: { type: "string" },
      "rating-col": { type: "string" },
      algo: { type: "string" },
      sim: { type: "string" },
      "user-based": { type: "string" },
      k: { type: "string" },
      "min-k": { type: "string" },
      folds: { type: "string" },
      seed: { type: "string" },
      scale: { type: "string" },
      rng: { type: "string" },
    },
    z.object({
      ...commonSchema,
      ratings: z.string({ message: "is required" }),
      "rating-col": z.string().optional(),
      algo: z.enum(ALGOS, { message: `must be one of ${ALGOS.join(", ")}` }),
      sim: z.enum(["cosine", "msd", "pearson", "pearson_baseline"]).default("msd"),
      "user-based": z.enum(["true", "false"]).default("true"),
      k: z.coerce.number().int().min(1).max(10_000).default(40),
      "min-k": z.coerce.number().int().min(1).max(10_000).default(1),
      folds: z.coerce.number().int().min(2).max(20).default(5),
      seed: z.coerce.number().int().min(0).default(0),
      scale: z
        .string()
        .regex(/^-?\d+(\.\d+)?-\d+(\.\d+)?$/, "expected like 1-5")
        .default("1-5"),
      rng: z.enum(["shoplens", "numpy"]).default("shoplens"),
    }),
    CF_USAGE,
  );
  const m = /^(-?\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(flags.scale) as RegExpExecArray;
  const scale = [Number(m[1]), Number(m[2])] as const;
  const { parsed, skipped } = read(flags.ratings, flags, CF_USAGE, (text, separator, columns) =>
    parseRatings(text, {
      separator,
      columns,
      userCol: flags["user-col"],
      itemCol: flags["item-col"],
      ratingCol: flags["rating-col"],
      scale,
    }),
  );
  const knn = { name: flags.sim, userBased: flags["user-based"] === "true", k: flags.k, minK: flags["min-k"] };
  const spec: CfAlgorithm =
    flags.algo === "normal"
      ? { algo: "normal", seed: flags.seed, rng: flags.rng }
      : flags.algo === "baseline"
        ? { algo: "baseline" }
        : flags.algo === "svd" || flags.algo === "svdpp"
          ? { algo: flags.algo, seed: flags.seed, rng: flags.rng }
          : { algo: flags.algo, ...knn };
  const oneRating = usersWithOneRow(parsed.users);
  if (oneRating > 0) {
    console.error(
      `${oneRating} user(s) have a single rating: in the fold that tests it they are unknown to the model, which falls back as Surprise does.`,
    );
  }
  let result;
  try {
    result = evaluateCfKFold(
      { users: parsed.users, items: parsed.items, ratings: parsed.ratings as Float64Array },
      spec,
      { scale, folds: flags.folds, seed: flags.seed, rng: flags.rng },
    );
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const out = {
    algo: result.algo,
    rmse: round(result.rmse),
    mae: round(result.mae),
    folds: result.folds.map((f) => ({ rmse: round(f.rmse), mae: round(f.mae), impossible: f.nImpossible })),
    fitSeconds: round(result.fitSeconds),
    testSeconds: round(result.testSeconds),
    ratings: parsed.users.length,
    usersWithOneRating: oneRating,
    ...(Object.keys(skipped).length > 0 ? { skippedRows: skipped } : {}),
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    console.log(`${out.algo}: RMSE ${out.rmse.toFixed(4)}, MAE ${out.mae.toFixed(4)} over ${out.folds.length} folds`);
    console.log(`fit ${out.fitSeconds.toFixed(2)} s, test ${out.testSeconds.toFixed(2)} s; ${out.ratings} ratings`);
  }
}

function fitImplicit(key: (typeof TOPN_ALGOS)[number], x: Parameters<typeof popularity>[0]): Recommender {
  switch (key) {
    case "popularity":
      return popularity(x);
    case "item-knn":
      return itemKnn(x, { k: 50 });
    case "user-knn":
      return userKnn(x, { k: 50 });
    case "ease":
      return ease(x, { lambda: 100 });
    case "ials":
      return implicitAls(x, { factors: 64, iterations: 15, seed: 0 });
  }
}

export async function topnEvalCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      ...common,
      interactions: { type: "string" },
      k: { type: "string" },
      algos: { type: "string" },
      "timestamp-col": { type: "string" },
    },
    z.object({
      ...commonSchema,
      interactions: z.string({ message: "is required" }),
      k: z.coerce.number().int().min(1).max(1000).default(10),
      algos: z
        .string()
        .default(DEFAULT_TOPN.join(","))
        .transform((s) => s.split(",").map((a) => a.trim()))
        .pipe(z.array(z.enum(TOPN_ALGOS, { message: `each must be one of ${TOPN_ALGOS.join(", ")}` })).min(1)),
      "timestamp-col": z.string().optional(),
    }),
    TOPN_USAGE,
  );
  const { parsed, skipped } = read(flags.interactions, flags, TOPN_USAGE, (text, separator, columns) =>
    parseInteractions(text, {
      separator,
      columns,
      userCol: flags["user-col"],
      itemCol: flags["item-col"],
      timestampCol: flags["timestamp-col"],
    }),
  );
  const ids = (values: string[]) => {
    const index = new Map<string, number>();
    return {
      index: Int32Array.from(values, (v) => index.get(v) ?? (index.set(v, index.size), index.size - 1)),
      size: () => index.size,
    };
  };
  const u = ids(parsed.users);
  const i = ids(parsed.items);
  const nUsers = u.size();
  const nItems = i.size();
  const times = parsed.timestamps ?? Float64Array.from(parsed.users.keys());
  const split = leaveLastOut({ users: u.index, items: i.index, times }, { nUsers, nItems });
  if (split.testUsers.length === 0)
    throw new UsageError("No user has two distinct items: nothing to hold out and rank.");
  const evalUsers = Array.from(split.testUsers);
  const relevant = evalUsers.map((user) => rowIndicesOf(split.test, user));
  const pop = new Float64Array(nItems);
  for (let s = 0; s < split.train.indptr[split.train.rows]!; s++) pop[split.train.indices[s]!]! += 1;
  const results: Record<string, Record<string, number>> = {};
  for (const key of flags.algos) {
    const t0 = performance.now();
    const model = fitImplicit(key, split.train);
    const rankings = evalUsers.map((user) => model.recommend(user, { n: flags.k }).items);
    const at = evaluateRankings(rankings, relevant, { ks: [flags.k], nItems, itemPopularity: pop }).atK[0]!;
    results[key] = {
      precision: round(at.precision),
      recall: round(at.recall),
      ndcg: round(at.ndcg),
      map: round(at.map),
      hitRate: round(at.hitRate),
      coverage: round(at.coverage),
      popularityPercentile: round(at.popularityPercentile),
      seconds: round((performance.now() - t0) / 1000),
    };
  }
  const out = {
    k: flags.k,
    users: nUsers,
    items: nItems,
    interactions: parsed.users.length,
    evaluatedUsers: evalUsers.length,
    algos: results,
    ...(Object.keys(skipped).length > 0 ? { skippedRows: skipped } : {}),
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  console.log(`${out.evaluatedUsers} users ranked (last item held out), K = ${out.k}`);
  for (const [key, r] of Object.entries(results)) {
    console.log(
      `${key.padEnd(12)} P ${r.precision!.toFixed(4)}  R ${r.recall!.toFixed(4)}  NDCG ${r.ndcg!.toFixed(4)}  MAP ${r.map!.toFixed(4)}  hit ${r.hitRate!.toFixed(4)}  cov ${r.coverage!.toFixed(3)}`,
    );
  }
}
