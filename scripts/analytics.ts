// npm run -s analytics -- segment|clv|churn|cf-eval|topn-eval …  (clv and churn: scripts/analytics-predict.ts;
// cf-eval and topn-eval: scripts/analytics-recommend.ts)
// npm run -s analytics -- segment --features FILE.csv [--id-col id] --algo kmeans|minibatch-kmeans|dbscan
//   [--k N|auto] [--k-range 2-10] [--n-init 10] [--max-iter 300] [--tol 1e-4] [--eps E --min-pts M]
//   [--seed 0] [--no-scale] [--json]
// The pipeline's segmentation (lib/pipeline/segment.ts) on any feature file. With --json, stdout is
// one JSON object { algo, k, inertia, silhouette, sizes, fitSeconds } (fitSeconds: the clustering
// alone). Errors go to stderr with exit code 1.
import fs from "node:fs";
import { z } from "zod";
import { FeatureFileError, parseFeatureCsv } from "../lib/import/feature-csv";
import { segment, SegmentationInputError } from "../lib/pipeline/segment";
import { SEGMENT_ALGOS, segmentParamsSchema } from "../lib/validation/pipeline";
import { churnCommand, CHURN_USAGE, clvCommand, CLV_USAGE } from "./analytics-predict";
import { cfEvalCommand, CF_USAGE, topnEvalCommand, TOPN_USAGE } from "./analytics-recommend";
import { parseFlags, runScript, UsageError } from "./cli";

const USAGE = `Usage: npm run -s analytics -- segment --features FILE.csv [--id-col id] --algo ${SEGMENT_ALGOS.join("|")}
  [--k N|auto] [--k-range 2-10] [--n-init 10] [--max-iter 300] [--tol 1e-4] [--eps E --min-pts M] [--seed 0] [--no-scale] [--json]`;

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

const COMMANDS = `Commands:
  segment   segments from a feature file
  clv       BG/NBD + Gamma-Gamma lifetime value from a transaction file
  churn     churn models, cross-validated, from a transaction file
  cf-eval   a rating-prediction algorithm (Surprise's definitions), k-fold RMSE and MAE
  topn-eval implicit recommenders ranked on each user's held-out last item

${USAGE}

${CLV_USAGE}

${CHURN_USAGE}

${CF_USAGE}

${TOPN_USAGE}`;

runScript(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "clv") return clvCommand(rest);
  if (command === "churn") return churnCommand(rest);
  if (command === "cf-eval") return cfEvalCommand(rest);
  if (command === "topn-eval") return topnEvalCommand(rest);
  if (command !== "segment") throw new UsageError(command ? `Unknown command "${command}".\n\n${COMMANDS}` : COMMANDS);
  const flags = parseFlags(
    rest,
    {
      features: { type: "string" },
      "id-col": { type: "string" },
      algo: { type: "string" },
      k: { type: "string" },
      "k-range": { type: "string" },
      "n-init": { type: "string" },
      "max-iter": { type: "string" },
      tol: { type: "string" },
      eps: { type: "string" },
      "min-pts": { type: "string" },
      seed: { type: "string" },
      "no-scale": { type: "boolean" },
      json: { type: "boolean" },
    },
    z.object({
      features: z.string({ message: "is required" }),
      "id-col": z.string().optional(),
      algo: z.enum(SEGMENT_ALGOS).default("kmeans"),
      k: z.string().optional(),
      "k-range": z
        .string()
        .regex(/^\d+-\d+$/, "expected like 2-10")
        .optional(),
      "n-init": z.string().optional(),
      "max-iter": z.string().optional(),
      tol: z.string().optional(),
      eps: z.string().optional(),
      "min-pts": z.string().optional(),
      seed: z.string().optional(),
      "no-scale": z.boolean().default(false),
      json: z.boolean().default(false),
    }),
    USAGE,
  );
  const params = segmentParamsSchema.safeParse({
    algo: flags.algo,
    ...(flags.k !== undefined ? { k: flags.k === "auto" ? "auto" : num(flags.k) } : {}),
    ...(flags["k-range"] ? { kRange: flags["k-range"].split("-").map(Number) } : {}),
    ...(flags["n-init"] ? { nInit: num(flags["n-init"]) } : {}),
    ...(flags["max-iter"] ? { maxIter: num(flags["max-iter"]) } : {}),
    ...(flags.tol ? { tol: num(flags.tol) } : {}),
    ...(flags.eps ? { eps: num(flags.eps) } : {}),
    ...(flags["min-pts"] ? { minPts: num(flags["min-pts"]) } : {}),
    ...(flags.seed ? { seed: num(flags.seed) } : {}),
  });
  if (!params.success) {
    throw new UsageError(
      `${params.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(flags.features, "utf8");
  } catch (err) {
    throw new UsageError(
      `Cannot read ${flags.features}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    const file = parseFeatureCsv(text, { idCol: flags["id-col"] });
    const result = segment(file.matrix, file.names, params.data, { scale: !flags["no-scale"] });
    const sizes = Array.from({ length: result.k }, () => 0);
    let noise = 0;
    for (const l of result.labels) {
      if (l < 0) noise++;
      else sizes[l] = (sizes[l] as number) + 1;
    }
    const out = {
      algo: result.algo,
      k: result.k,
      inertia: result.inertia,
      silhouette: result.silhouette,
      sizes,
      ...(result.algo === "dbscan" ? { noise, eps: result.eps?.value } : {}),
      fitSeconds: Number(result.fitSeconds.toFixed(4)),
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else {
      console.log(
        `${out.algo}: k = ${out.k}, silhouette ${out.silhouette?.toFixed(4)}, inertia ${out.inertia?.toFixed(2) ?? "—"}`,
      );
      console.log(
        `sizes: ${sizes.join(", ")}${result.algo === "dbscan" ? `; noise ${noise}` : ""}; fit ${out.fitSeconds} s`,
      );
      if (result.curve.length > 1)
        console.log(result.curve.map((p) => `k=${p.k} s=${p.silhouette.toFixed(3)}`).join("  "));
    }
  } catch (err) {
    if (err instanceof FeatureFileError || err instanceof SegmentationInputError) throw new UsageError(err.message);
    throw err;
  }
});
