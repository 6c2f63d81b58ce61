// A transaction file for `analytics clv` and `analytics churn`: one purchase per line with a customer,
// a date and an amount, in CSV (with or without a header), tab-separated or whitespace-separated form
// (the CDNOW files: "00001 19970101 1 11.77"). Dates as YYYYMMDD or ISO (YYYY-MM-DD, optionally with a
// time, whose calendar date is taken). Lines may have leading spaces and CRLF endings.
//
// Bad rows are reported one by one with their line number and what is wrong — an unparsable or future
// date, a missing customer, an amount that is not a number or not positive — and never silently
// dropped: the caller decides whether to stop or to skip them and say so.
import { parse } from "csv-parse/sync";

export class TransactionFileError extends Error {
  override name = "TransactionFileError";
}

export type Separator = "," | "\t" | "whitespace";

export type TransactionFileOptions = {
  customerCol?: string;
  dateCol?: string;
  amountCol?: string;
  /** Column names when the file has no header row; "_" marks a column to ignore. */
  columns?: readonly string[];
  separator?: Separator;
  /** The current calendar day (days since 1970-01-01, UTC); later dates are errors. */
  today: number;
};

export type RowProblem =
  "date_unparsable" | "date_in_future" | "customer_missing" | "amount_invalid" | "amount_not_positive" | "columns";

export type RowError = { line: number; problem: RowProblem; message: string };

export type TransactionFile = {
  /** Customer keys as in the file, in order of first appearance; customer index i is customerKeys[i]. */
  customerKeys: string[];
  customer: Int32Array;
  /** Calendar day numbers (days since 1970-01-01). */
  day: Float64Array;
  amount: Float64Array;
  /** Valid rows, and the rows that were not. */
  rows: number;
  errors: RowError[];
};

const DAY = 86_400_000;

/** Day number of a YYYYMMDD or ISO date, or null when it is not a real calendar date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})(?:(\d{2})(\d{2})|-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null; // 2024-02-30
  return t / DAY;
}

export function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function splitRecords(text: string, options: TransactionFileOptions): { records: string[][]; firstLine: number } {
  const sep = options.separator ?? ",";
  if (sep === "whitespace") {
    const records: string[][] = [];
    // Keep line numbers: blank lines give empty records, skipped below.
    for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
      const trimmed = line.trim();
      records.push(trimmed === "" ? [] : trimmed.split(/\s+/));
    }
    return { records, firstLine: 1 };
  }
  try {
    const records = parse(text, {
      bom: true,
      delimiter: sep,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return { records, firstLine: 1 };
  } catch (err) {
    throw new TransactionFileError(
      `Not a valid ${sep === "\t" ? "tab-separated" : "CSV"} file: ${(err as Error).message}`,
    );
  }
}

export function parseTransactions(text: string, options: TransactionFileOptions): TransactionFile {
  const { records } = splitRecords(text, options);
  const isBlank = (r: string[]) => r.length === 0 || (r.length === 1 && r[0] === "");
  let header: string[];
  let start: number;
  if (options.columns) {
    header = [...options.columns];
    start = 0;
  } else {
    start = records.findIndex((r) => !isBlank(r));
    if (start < 0) throw new TransactionFileError("The file is empty.");
    header = records[start] as string[];
    start++;
  }
  const want = {
    customer: options.customerCol ?? "customer_id",
    date: options.dateCol ?? "date",
    amount: options.amountCol ?? "amount",
  };
  const index = (name: string, flag: string) => {
    const j = header.indexOf(name);
    if (j < 0) {
      const shown = header.filter((h) => h !== "_").join(", ");
      throw new TransactionFileError(
        `No column named "${name}" (columns: ${shown}). Name it with ${flag}${options.columns ? " or in --columns" : ""}.`,
      );
    }
    return j;
  };
  const jc = index(want.customer, "--customer-col");
  const jd = index(want.date, "--date-col");
  const ja = index(want.amount, "--amount-col");
  const need = Math.max(jc, jd, ja) + 1;

  const keys = new Map<string, number>();
  const customerKeys: string[] = [];
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const errors: RowError[] = [];
  for (let r = start; r < records.length; r++) {
    const rec = records[r] as string[];
    if (isBlank(rec)) continue;
    const line = r + 1;
    if (rec.length < need) {
      errors.push({
        line,
        problem: "columns",
        message: `line ${line}: ${rec.length} columns, expected at least ${need}`,
      });
      continue;
    }
    const key = (rec[jc] as string).trim();
    const dateText = (rec[jd] as string).trim();
    const amountText = (rec[ja] as string).trim();
    if (key === "") {
      errors.push({
        line,
        problem: "customer_missing",
        message: `line ${line}: no customer in column "${want.customer}"`,
      });
      continue;
    }
    const d = parseDay(dateText);
    if (d === null) {
      errors.push({
        line,
        problem: "date_unparsable",
        message: `line ${line}: "${dateText}" is not a date (expected YYYYMMDD or YYYY-MM-DD)`,
      });
      continue;
    }
    if (d > options.today) {
      errors.push({ line, problem: "date_in_future", message: `line ${line}: ${formatDay(d)} is in the future` });
      continue;
    }
    const a = Number(amountText);
    if (amountText === "" || !Number.isFinite(a)) {
      errors.push({ line, problem: "amount_invalid", message: `line ${line}: amount "${amountText}" is not a number` });
      continue;
    }
    if (a <= 0) {
      errors.push({
        line,
        problem: "amount_not_positive",
        message: `line ${line}: amount ${amountText} is not positive (returns and free orders are not purchases here)`,
      });
      continue;
    }
    let c = keys.get(key);
    if (c === undefined) {
      c = customerKeys.length;
      keys.set(key, c);
      customerKeys.push(key);
    }
    customer.push(c);
    day.push(d);
    amount.push(a);
  }
  return {
    customerKeys,
    customer: Int32Array.from(customer),
    day: Float64Array.from(day),
    amount: Float64Array.from(amount),
    rows: customer.length,
    errors,
  };
}

/** One line per kind of problem with a count and the first few lines, for the command line. */
export function describeRowErrors(errors: readonly RowError[], show = 5): string {
  const byKind = new Map<RowProblem, RowError[]>();
  for (const e of errors) byKind.set(e.problem, [...(byKind.get(e.problem) ?? []), e]);
  return [...byKind.values()]
    .map((list) => {
      const first = list.slice(0, show).map((e) => `    ${e.message}`);
      const more = list.length > show ? [`    … and ${list.length - show} more`] : [];
      return [`  ${list.length} row(s):`, ...first, ...more].join("\n");
    })
    .join("\n");
}
