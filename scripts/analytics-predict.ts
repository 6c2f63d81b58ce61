// `analytics clv` and `analytics churn`: the pipeline's prediction code (lib/pipeline/predict*.ts) on
// any transaction file — one purchase per line with a customer, a date and an amount. Bad rows are
// listed with their line numbers; the command stops unless --skip-invalid is given, and then says how
// many rows it left out and why. With --json, stdout is one JSON object; messages go to stderr.
import fs from "node:fs";
import { z } from "zod";
import {
  describeRowErrors,
  formatDay,
  parseDay,
  parseTransactions,
  TransactionFileError,
  type TransactionFile,
} from "../lib/import/transactions";
import { evaluateModels, trainingSet } from "../lib/pipeline/predict";
import { createBgNbdFits, fitClvFromTransactions } from "../lib/pipeline/predict-clv";
import { DAY, transactionsToPurchaseData } from "../lib/pipeline/predict-data";
import { predictionParamsSchema } from "../lib/validation/pipeline";
import { parseFlags, UsageError } from "./cli";

const FILE_FLAGS = `--transactions FILE [--customer-col customer_id] [--date-col date] [--amount-col amount]
    [--no-header --columns NAME,NAME,…] [--sep ','|'\\t'|whitespace] [--skip-invalid] [--json]`;

export const CLV_USAGE = `Usage: npm run -s analytics -- clv ${FILE_FLAGS}
    --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD] [--time-unit day|week]
    [--horizon-months 12] [--monthly-discount 0.01]`;

export const CHURN_USAGE = `Usage: npm run -s analytics -- churn ${FILE_FLAGS}
    --cutoff YYYY-MM-DD [--horizon-days 90] [--folds 5] [--threshold 0.5] [--seed 0]`;

const fileOptions = {
  transactions: { type: "string" },
  "customer-col": { type: "string" },
  "date-col": { type: "string" },
  "amount-col": { type: "string" },
  "no-header": { type: "boolean" },
  columns: { type: "string" },
  sep: { type: "string" },
  "skip-invalid": { type: "boolean" },
  json: { type: "boolean" },
} as const;

const fileSchema = {
  transactions: z.string({ message: "is required" }),
  "customer-col": z.string().optional(),
  "date-col": z.string().optional(),
  "amount-col": z.string().optional(),
  "no-header": z.boolean().default(false),
  columns: z.string().optional(),
  sep: z.enum([",", "\t", "\\t", "tab", "whitespace"], { message: "must be ',', '\\t' or whitespace" }).default(","),
  "skip-invalid": z.boolean().default(false),
  json: z.boolean().default(false),
};

type FileFlags = z.infer<z.ZodObject<typeof fileSchema>>;

const dateFlag = z.string().refine((s) => parseDay(s) !== null, "expected a date as YYYY-MM-DD or YYYYMMDD");

/** Reads and parses the transaction file; row errors stop the command unless --skip-invalid. */
function readTransactions(flags: FileFlags, usage: string): { file: TransactionFile; skipped: Record<string, number> } {
  if (flags["no-header"] !== (flags.columns !== undefined)) {
    throw new UsageError(
      `--no-header and --columns go together: name the columns of a file without a header.\n\n${usage}`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(flags.transactions, "utf8");
  } catch (err) {
    throw new UsageError(
      `Cannot read ${flags.transactions}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const sep = flags.sep === "whitespace" ? "whitespace" : flags.sep === "," ? "," : "\t";
  let file: TransactionFile;
  try {
    file = parseTransactions(text, {
      customerCol: flags["customer-col"],
      dateCol: flags["date-col"],
      amountCol: flags["amount-col"],
      columns: flags.columns?.split(",").map((c) => c.trim()),
      separator: sep,
      today: Math.floor(Date.now() / DAY),
    });
  } catch (err) {
    if (err instanceof TransactionFileError) throw new UsageError(err.message);
    throw err;
  }
  const skipped: Record<string, number> = {};
  for (const e of file.errors) skipped[e.problem] = (skipped[e.problem] ?? 0) + 1;
  if (file.errors.length > 0) {
    const report = describeRowErrors(file.errors);
    if (!flags["skip-invalid"]) {
      throw new UsageError(
        `${file.errors.length} row(s) of ${flags.transactions} cannot be used:\n${report}\nFix them, or pass --skip-invalid to leave them out.`,
      );
    }
    console.error(`Left out ${file.errors.length} row(s) (--skip-invalid):\n${report}`);
  }
  if (file.rows === 0) throw new UsageError(`${flags.transactions} has no usable transactions.`);
  return { file, skipped };
}

function dayRange(file: TransactionFile): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const d of file.day) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return { first, last };
}

const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

export async function churnCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      ...fileOptions,
      cutoff: { type: "string" },
      "horizon-days": { type: "string" },
      folds: { type: "string" },
      threshold: { type: "string" },
      seed: { type: "string" },
    },
    z.object({
      ...fileSchema,
      cutoff: dateFlag,
      "horizon-days": z.string().optional(),
      folds: z.string().optional(),
      threshold: z.string().optional(),
      seed: z.coerce.number().int().min(0).default(0),
    }),
    CHURN_USAGE,
  );
  const params = predictionParamsSchema.safeParse({
    ...(flags["horizon-days"] ? { horizonDays: flags["horizon-days"] } : {}),
    ...(flags.folds ? { folds: flags.folds } : {}),
    ...(flags.threshold ? { threshold: flags.threshold } : {}),
    // The command line evaluates on every row: no sampling.
    cvSample: 1_000_000,
  });
  if (!params.success) {
    throw new UsageError(
      `${params.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n")}\n\n${CHURN_USAGE}`,
    );
  }
  const { file, skipped } = readTransactions(flags, CHURN_USAGE);
  const cutoff = parseDay(flags.cutoff) as number;
  const H = params.data.horizonDays;
  const { first, last } = dayRange(file);
  if (cutoff <= first) {
    throw new UsageError(
      `--cutoff ${flags.cutoff} is on or before the first transaction (${formatDay(first)}): nobody has a history to learn from.`,
    );
  }
  if (cutoff + H - 1 > last) {
    throw new UsageError(
      `--cutoff ${flags.cutoff} plus ${H} days runs past the last transaction (${formatDay(last)}), so churn cannot be observed. ` +
        `Use a cutoff on or before ${formatDay(last - H + 1)}, or a shorter --horizon-days.`,
    );
  }
  const data = transactionsToPurchaseData({ ...file, customers: file.customerKeys.length });
  const started = performance.now();
  const set = trainingSet(data, cutoff * DAY, H, createBgNbdFits(data, "UTC", flags.seed));
  const evaluation = evaluateModels(set, params.data, flags.seed, { spend: false });
  if ("skipped" in evaluation) {
    const v = evaluation.skipped.values ?? {};
    throw new UsageError(
      {
        history_too_short: `No customer bought before ${flags.cutoff}: move the cutoff later.`,
        too_few_customers: `Only ${v.labelled} customers bought before ${flags.cutoff}; at least ${v.needed} are needed.`,
        too_few_churned: `Only ${v.count} of the customers churned within ${H} days; at least ${v.needed} of each outcome are needed.`,
        too_few_retained: `Only ${v.count} of the customers bought again within ${H} days; at least ${v.needed} of each outcome are needed.`,
      }[evaluation.skipped.code] ?? evaluation.skipped.code,
    );
  }
  const { report } = evaluation;
  const metrics = (m: (typeof report.models)[number]) =>
    Object.fromEntries(
      Object.entries(m.metrics).map(([k, v]) => [
        k,
        { mean: round(v.mean), std: v.std === null ? null : round(v.std) },
      ]),
    );
  const out = {
    cutoff: formatDay(cutoff),
    horizonDays: H,
    window: `purchases on ${formatDay(cutoff)} … ${formatDay(cutoff + H - 1)} decide the label; features use days before ${formatDay(cutoff)}`,
    customers: report.labelled,
    churnRate: round(report.churnRate),
    validation: report.validation,
    folds: report.folds,
    threshold: report.threshold,
    models: Object.fromEntries(report.models.map((m) => [m.key, metrics(m)])),
    baseline: { recency_only: metrics(report.baseline) },
    chosen: report.chosen,
    ...(Object.keys(skipped).length > 0 ? { skippedRows: skipped } : {}),
    fitSeconds: round((performance.now() - started) / 1000, 3),
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  console.log(
    `Churn as of ${out.cutoff}, horizon ${H} days: ${out.customers} customers, ${(report.churnRate * 100).toFixed(1)}% churned; ${out.validation} (${out.folds} folds)`,
  );
  const cols = ["auc", "prAuc", "accuracy", "precision", "recall", "f1", "logLoss", "brier"];
  console.log(["model".padEnd(20), ...cols.map((c) => c.padStart(15))].join(""));
  for (const m of [...report.models, report.baseline]) {
    const cells = cols.map((c) => {
      const v = m.metrics[c];
      if (!v || !Number.isFinite(v.mean)) return "—".padStart(15);
      return `${v.mean.toFixed(3)}${v.std === null ? "" : ` ±${v.std.toFixed(3)}`}`.padStart(15);
    });
    console.log([`${m.key}${m.key === report.chosen ? " *" : ""}`.padEnd(20), ...cells].join(""));
  }
  console.log(`* best cross-validated AUC; fit ${out.fitSeconds} s`);
}

export async function clvCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      ...fileOptions,
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
      "time-unit": { type: "string" },
      "horizon-months": { type: "string" },
      "monthly-discount": { type: "string" },
    },
    z.object({
      ...fileSchema,
      "calibration-end": dateFlag,
      "holdout-end": dateFlag.optional(),
      "time-unit": z.enum(["day", "week"]).default("day"),
      "horizon-months": z.coerce.number().int().min(1).max(120).default(12),
      "monthly-discount": z.coerce.number().min(0).max(1).default(0.01),
    }),
    CLV_USAGE,
  );
  const { file, skipped } = readTransactions(flags, CLV_USAGE);
  const calibrationEnd = parseDay(flags["calibration-end"]) as number;
  const holdoutEnd = flags["holdout-end"] ? (parseDay(flags["holdout-end"]) as number) : undefined;
  const { first, last } = dayRange(file);
  if (calibrationEnd < first || calibrationEnd > last) {
    throw new UsageError(
      `--calibration-end ${flags["calibration-end"]} is outside the data (${formatDay(first)} … ${formatDay(last)}).`,
    );
  }
  if (holdoutEnd !== undefined && holdoutEnd <= calibrationEnd) {
    throw new UsageError(`--holdout-end must come after --calibration-end.`);
  }
  if (holdoutEnd !== undefined && holdoutEnd > last) {
    throw new UsageError(
      `--holdout-end ${flags["holdout-end"]} is after the last transaction (${formatDay(last)}): the holdout would count purchases that are not in the file.`,
    );
  }
  let result;
  try {
    result = fitClvFromTransactions(
      { customer: file.customer, day: file.day, amount: file.amount, customers: file.customerKeys.length },
      {
        calibrationEnd,
        holdoutEnd,
        timeUnit: flags["time-unit"],
        horizonMonths: flags["horizon-months"],
        monthlyDiscount: flags["monthly-discount"],
      },
    );
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const out = { ...result, ...(Object.keys(skipped).length > 0 ? { skippedRows: skipped } : {}) };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const b = out.bgnbd;
  const g = out.gammaGamma;
  console.log(
    `BG/NBD (${flags["time-unit"]}s): r ${b.r.toFixed(4)}, alpha ${b.alpha.toFixed(4)}, a ${b.a.toFixed(4)}, b ${b.b.toFixed(4)}, LL ${b.logLikelihood.toFixed(2)}`,
  );
  if (g) console.log(`Gamma-Gamma: p ${g.p.toFixed(4)}, q ${g.q.toFixed(4)}, gamma ${g.gamma.toFixed(4)}`);
  console.log(`${out.customers} customers, ${out.repeatCustomers} with repeat purchases; fit ${out.fitSeconds} s`);
  if (out.holdout) console.log(JSON.stringify(out.holdout, null, 2));
}
