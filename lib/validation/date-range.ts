// Report periods: calendar days in the store's time zone, [from, to] inclusive, and the previous
// period of the same length right before. Parsed from the URL (?range=30d or ?from=…&to=…).
import { TZDate } from "@date-fns/tz";
import { z } from "zod";

export const RANGE_PRESETS = ["7d", "30d", "90d", "12m", "ytd"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a calendar date");

export const rangeQuerySchema = z.object({
  range: z.enum(RANGE_PRESETS).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export type Period = {
  /** Calendar days in the store's zone, inclusive. */
  from: string;
  to: string;
  days: number;
  /** Instants: start of `from` and start of the day after `to`, in the store's zone. */
  start: Date;
  end: Date;
};

export type ReportRange = { preset: RangePreset | "custom"; current: Period; previous: Period; error?: string };

const DAY_MS = 86_400_000;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Midnight of `day` in `timeZone`, as an instant. */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** Today's calendar day in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function makePeriod(from: string, to: string, timeZone: string): Period {
  return {
    from,
    to,
    days: dayDiff(from, to) + 1,
    start: startOfDayIn(from, timeZone),
    end: startOfDayIn(addDays(to, 1), timeZone),
  };
}

const MAX_DAYS = 3 * 366;

/**
 * The period the overview shows. Invalid input falls back to the last 30 days and says why (`error`),
 * so a hand-edited URL never breaks the page.
 */
export function resolveRange(
  query: Record<string, string | string[] | undefined>,
  timeZone: string,
  now: Date = new Date(),
): ReportRange {
  const today = todayIn(timeZone, now);
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = rangeQuerySchema.safeParse(flat);
  let error: string | undefined;
  let preset: RangePreset | "custom" = "30d";
  let from = addDays(today, -29);
  let to = today;
  if (!parsed.success) {
    error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  } else if (parsed.data.from || parsed.data.to) {
    const f = parsed.data.from ?? parsed.data.to!;
    const t = parsed.data.to ?? parsed.data.from!;
    if (dayDiff(f, t) < 0) error = "from is after to";
    else if (dayDiff(f, t) + 1 > MAX_DAYS) error = `a period may span at most ${MAX_DAYS} days`;
    else {
      preset = "custom";
      from = f;
      to = t;
    }
  } else if (parsed.data.range) {
    preset = parsed.data.range;
    switch (preset) {
      case "7d":
        from = addDays(today, -6);
        break;
      case "30d":
        from = addDays(today, -29);
        break;
      case "90d":
        from = addDays(today, -89);
        break;
      case "12m":
        from = addDays(today, -364);
        break;
      case "ytd":
        from = `${today.slice(0, 4)}-01-01`;
        break;
      default: {
        const never: never = preset;
        throw new RangeError(`unknown preset ${String(never)}`);
      }
    }
  }
  const current = makePeriod(from, to, timeZone);
  const previous = makePeriod(addDays(from, -current.days), addDays(from, -1), timeZone);
  return { preset, current, previous, ...(error ? { error } : {}) };
}

/** Bucket size for a trend over `days` days. */
export function granularityFor(days: number): "day" | "week" | "month" {
  if (days <= 62) return "day";
  if (days <= 366) return "week";
  return "month";
}
