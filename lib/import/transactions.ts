// A transaction file for `analytics clv` and `analytics churn`: one purchase per line with a customer,
// a date and an amount, in CSV (with or without a header), tab-separated or whitespace-separated form
// (the CDNOW files: "00001 19970101 1 11.77"). Dates as YYYYMMDD or ISO (YYYY-MM-DD, optionally with a
// time, whose calendar date is taken). Lines may have leading spaces and CRLF endings.
//
// Bad rows are reported one by one with their line number and what is wrong — an unparsable or future
// date, a missing customer, an amount that is not a number or not positive — and never silently
// dropped: the caller decides whether to stop or to skip them and say so.
import { columnIndex, headerOf, isBlankRecord, splitRecords, type Separator } from "./delimited";
export { describeRowErrors } from "./delimited";

export class TransactionFileError extends Error {
  override name = "TransactionFileError";
}

export type { Separator } from "./delimited";

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

export function parseTransactions(text: string, options: TransactionFileOptions): TransactionFile {
  let records: string[][];
  try {
    records = splitRecords(text, options.separator ?? ",");
  } catch (err) {
    throw new TransactionFileError((err as Error).message);
  }
  const isBlank = isBlankRecord;
  const head = headerOf(records, options.columns);
  if (!head) throw new TransactionFileError("The file is empty.");
  const { header, start } = head;
  const want = {
    customer: options.customerCol ?? "customer_id",
    date: options.dateCol ?? "date",
    amount: options.amountCol ?? "amount",
  };
  const index = (name: string, flag: string) => {
    try {
      return columnIndex(header, name, flag, options.columns !== undefined);
    } catch (err) {
      throw new TransactionFileError((err as Error).message);
    }
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
