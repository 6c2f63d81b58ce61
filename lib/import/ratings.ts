// Rating and interaction files for `analytics cf-eval` and `analytics topn-eval`: one user–item pair
// per line (with a rating for cf-eval, optionally a timestamp), as CSV with a header, tab-separated or
// whitespace-separated without one (MovieLens' u.data: "196\t242\t3\t881250949"). Every bad row is
// reported with its line — a missing id, a rating that is not a number or outside the scale, a second
// rating of the same user–item pair — and never silently dropped; the caller stops or skips them.
import { columnIndex, describeRowErrors, headerOf, isBlankRecord, splitRecords, type Separator } from "./delimited";

export class RatingFileError extends Error {
  override name = "RatingFileError";
}

export type RatingProblem =
  | "columns"
  | "user_missing"
  | "item_missing"
  | "rating_invalid"
  | "rating_out_of_scale"
  | "duplicate_pair"
  | "timestamp_invalid";

export type RatingRowError = { line: number; problem: RatingProblem; message: string };

export type ParsedPairs = {
  users: string[];
  items: string[];
  /** Ratings (cf-eval), or null for interactions. */
  ratings: Float64Array | null;
  /** Seconds since the epoch, or null when the file has no timestamp column. */
  timestamps: Float64Array | null;
  /** Line of each kept row, for messages. */
  lines: Int32Array;
  errors: RatingRowError[];
};

export type PairFileOptions = {
  separator?: Separator;
  /** Column names for a file without a header ("_" ignores a column). */
  columns?: readonly string[];
  userCol?: string;
  itemCol?: string;
  ratingCol?: string;
  timestampCol?: string;
};

/** A timestamp as seconds: a number (Unix seconds) or an ISO date/time. */
function parseTimestamp(text: string): number | null {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isFinite(t) ? t / 1000 : null;
}

function parsePairs(
  text: string,
  options: PairFileOptions,
  withRating: boolean,
  scale?: readonly [number, number],
): ParsedPairs {
  let records: string[][];
  try {
    records = splitRecords(text, options.separator ?? ",");
  } catch (err) {
    throw new RatingFileError((err as Error).message);
  }
  const head = headerOf(records, options.columns);
  if (!head || records.slice(head.start).every(isBlankRecord)) {
    throw new RatingFileError(head ? "The file has a header but no rows." : "The file is empty.");
  }
  const { header, start } = head;
  const named = options.columns !== undefined;
  const col = (name: string, flag: string) => {
    try {
      return columnIndex(header, name, flag, named);
    } catch (err) {
      throw new RatingFileError((err as Error).message);
    }
  };
  const ju = col(options.userCol ?? "user", "--user-col");
  const ji = col(options.itemCol ?? "item", "--item-col");
  const jr = withRating ? col(options.ratingCol ?? "rating", "--rating-col") : -1;
  const tsName = options.timestampCol ?? "timestamp";
  const jt = options.timestampCol !== undefined ? col(tsName, "--timestamp-col") : header.indexOf(tsName);
  const need = Math.max(ju, ji, jr, jt) + 1;

  const users: string[] = [];
  const items: string[] = [];
  const ratings: number[] = [];
  const timestamps: number[] = [];
  const lines: number[] = [];
  const errors: RatingRowError[] = [];
  const seen = new Map<string, number>();
  for (let r = start; r < records.length; r++) {
    const rec = records[r] as string[];
    if (isBlankRecord(rec)) continue;
    const line = r + 1;
    const fail = (problem: RatingProblem, message: string) =>
      errors.push({ line, problem, message: `line ${line}: ${message}` });
    if (rec.length < need) {
      fail("columns", `${rec.length} columns, expected at least ${need}`);
      continue;
    }
    const user = (rec[ju] as string).trim();
    const item = (rec[ji] as string).trim();
    if (user === "") {
      fail("user_missing", "no user id");
      continue;
    }
    if (item === "") {
      fail("item_missing", "no item id");
      continue;
    }
    let rating = NaN;
    if (withRating) {
      const text = (rec[jr] as string).trim();
      rating = Number(text);
      if (text === "" || !Number.isFinite(rating)) {
        fail("rating_invalid", `rating "${text}" is not a number`);
        continue;
      }
      if (scale && (rating < scale[0] || rating > scale[1])) {
        fail("rating_out_of_scale", `rating ${text} is outside the scale ${scale[0]}–${scale[1]}`);
        continue;
      }
      const key = `${user}\u0000${item}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail("duplicate_pair", `user ${user} rated item ${item} again (first on line ${first})`);
        continue;
      }
      seen.set(key, line);
    }
    let ts = NaN;
    if (jt >= 0) {
      const text = (rec[jt] as string).trim();
      const parsed = parseTimestamp(text);
      if (parsed === null) {
        fail("timestamp_invalid", `timestamp "${text}" is neither Unix seconds nor an ISO date`);
        continue;
      }
      ts = parsed;
    }
    users.push(user);
    items.push(item);
    ratings.push(rating);
    timestamps.push(ts);
    lines.push(line);
  }
  return {
    users,
    items,
    ratings: withRating ? Float64Array.from(ratings) : null,
    timestamps: jt >= 0 ? Float64Array.from(timestamps) : null,
    lines: Int32Array.from(lines),
    errors,
  };
}

/** user, item, rating[, timestamp] with ratings on `scale` (Surprise's Reader default 1–5). */
export function parseRatings(
  text: string,
  options: PairFileOptions & { scale?: readonly [number, number] } = {},
): ParsedPairs {
  const scale = options.scale ?? [1, 5];
  if (!(scale[0] < scale[1]))
    throw new RatingFileError(`the rating scale must run from low to high, got ${scale[0]}–${scale[1]}`);
  return parsePairs(text, options, true, scale);
}

/** user, item[, timestamp]: purchases or other implicit feedback; repeated pairs are allowed. */
export function parseInteractions(text: string, options: PairFileOptions = {}): ParsedPairs {
  return parsePairs(text, options, false);
}

/** Users with exactly one row: they cannot be in both a training and a test fold. */
export function usersWithOneRow(users: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const u of users) counts.set(u, (counts.get(u) ?? 0) + 1);
  let n = 0;
  for (const c of counts.values()) if (c === 1) n++;
  return n;
}

/** describeRowErrors for rating and interaction files. */
export const describeRatingErrors = describeRowErrors;
