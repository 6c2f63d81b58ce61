// The store's day grid: the history window as local calendar days of the store's time zone, each
// with its UTC offset, weekday, shopping-festival lift and store-wide deal depth. Customers' purchase
// intensities are built from these arrays, and local times of day convert to UTC instants through
// them (one offset per day, taken at local noon, is exact for the daytime hours orders use: DST
// switches happen at night).
import { tzOffset } from "@date-fns/tz";
import type { Rng } from "./random";

export type Market = "zh" | "en";

export type Calendar = {
  /** Number of days; day 0 is the first day of history, day `days - 1` the local date just before asOf. */
  days: number;
  /** UTC instant (ms) of each day's local 00:00, valid for the daytime hours (see module header). */
  localMidnightUtc: Float64Array;
  /** Local date of each day as "YYYY-MM-DD". */
  dateKeys: string[];
  weekday: Uint8Array;
  /** Demand multiplier without festivals: weekday pattern × Chinese New Year logistics pause. */
  baseline: Float64Array;
  /** Extra demand on shopping-festival days (0 on ordinary days), scaled per customer by sensitivity. */
  festivalLift: Float64Array;
  /** Store-wide discount depth on the day (fraction of list price), deeper on festival days. */
  dealDepth: Float64Array;
  maxBaseline: number;
  maxBaselineLift: number;
  meanBaseline: number;
  /** Mean of baseline × festivalLift over the window. */
  meanBaselineLift: number;
  asOfMs: number;
};

const DAY_MS = 86_400_000;

// Spring Festival (正月初一) dates; outside this table the New Year effect is left out.
// prettier-ignore
const CHINESE_NEW_YEAR: Readonly<Record<number, string>> = {
  2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05", 2020: "01-25",
  2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17",
  2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11",
  2033: "01-31", 2034: "02-19", 2035: "02-08", 2036: "01-28", 2037: "02-15", 2038: "02-04",
  2039: "01-24", 2040: "02-12",
};

// Sunday-first weekday demand; Chinese platforms peak on Sunday/Monday evenings, Western ones on
// Monday (and Friday/Saturday are the quietest in both).
const WEEKDAY_WEIGHT: Record<Market, readonly number[]> = {
  zh: [1.08, 1.06, 1.02, 1.0, 0.98, 0.93, 0.95],
  en: [1.04, 1.08, 1.03, 1.0, 0.98, 0.92, 0.95],
};

/** A festival window: lift and deal depth ramp linearly from start to peak day. */
type FestivalWindow = { from: number; to: number; liftFrom: number; liftTo: number; depth: number };

/** Day-of-year windows are given as UTC day numbers (days since epoch) of the local dates. */
function utcDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Black Friday: the day after the fourth Thursday of November. */
export function blackFriday(year: number): number {
  const nov1Weekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - nov1Weekday + 7) % 7);
  return utcDay(year, 11, firstThursday + 21 + 1);
}

function window(from: number, to: number, liftFrom: number, liftTo: number, depth: number): FestivalWindow {
  return { from, to, liftFrom, liftTo, depth };
}

/**
 * The festivals of one year for a market. Chinese stores live by 618 and 双11 (with pre-sales and a
 * huge peak day), Western ones by Black Friday / Cyber Monday and Christmas; each market sees a
 * smaller echo of the other's events.
 */
function festivalWindows(year: number, market: Market): FestivalWindow[] {
  const bf = blackFriday(year);
  const d = (month: number, day: number) => utcDay(year, month, day);
  if (market === "zh") {
    return [
      window(d(3, 8), d(3, 8), 1.4, 1.4, 0.12), // 38 女王节
      window(d(5, 20), d(5, 20), 0.6, 0.6, 0.05), // 520
      window(d(6, 1), d(6, 17), 0.35, 1.1, 0.12), // 618
      window(d(6, 18), d(6, 18), 5.5, 5.5, 0.22),
      window(d(11, 1), d(11, 10), 0.6, 1.6, 0.15), // 双11
      window(d(11, 11), d(11, 11), 7, 7, 0.25),
      window(d(11, 12), d(11, 13), 0.5, 0.3, 0.08),
      window(bf, bf + 3, 0.35, 0.35, 0.06), // Black Friday … Cyber Monday
      window(d(12, 12), d(12, 12), 2, 2, 0.15), // 双12
      window(d(12, 20), d(12, 24), 0.3, 0.4, 0.06), // Christmas gifts
    ];
  }
  return [
    window(d(2, 10), d(2, 13), 0.4, 0.6, 0.05), // Valentine's gifts
    window(d(6, 18), d(6, 18), 1.0, 1.0, 0.12), // mid-year sale
    window(d(11, 11), d(11, 11), 1.5, 1.5, 0.15), // Singles' Day on marketplaces
    window(bf - 3, bf - 1, 0.5, 0.9, 0.1), // Black Friday week
    window(bf, bf, 6, 6, 0.3),
    window(bf + 1, bf + 2, 2.5, 2.2, 0.2),
    window(bf + 3, bf + 3, 4.5, 4.5, 0.25), // Cyber Monday
    window(d(12, 10), d(12, 20), 0.8, 1.4, 0.1), // Christmas, until the last shipping days
    window(d(12, 26), d(12, 26), 2, 2, 0.2), // Boxing Day
  ];
}

/** Chinese New Year: a 年货节 bump in the week before, then a week of closed logistics. */
function chineseNewYear(year: number): { bumpFrom: number; pauseFrom: number; pauseTo: number } | undefined {
  const md = CHINESE_NEW_YEAR[year];
  if (!md) return undefined;
  const [month, day] = md.split("-").map(Number) as [number, number];
  const newYear = utcDay(year, month, day);
  return { bumpFrom: newYear - 8, pauseFrom: newYear - 1, pauseTo: newYear + 6 };
}

/** The local date of an instant in a time zone, as a day number (days since 1970-01-01). */
function localDay(instant: Date, timeZone: string): number {
  return Math.floor((instant.getTime() + tzOffset(timeZone, instant) * 60_000) / DAY_MS);
}

/** Offset (minutes) at local noon of a local date given as a UTC day number. */
function noonOffset(day: number, timeZone: string): number {
  const noonAsUtc = day * DAY_MS + 12 * 3_600_000;
  const first = tzOffset(timeZone, new Date(noonAsUtc));
  // Second pass at the real instant of local noon: right even for zones far from UTC.
  return tzOffset(timeZone, new Date(noonAsUtc - first * 60_000));
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as "Asia/Shanghai"`);
  }
}

export function buildCalendar(options: {
  asOf: Date;
  historyDays: number;
  timeZone: string;
  market: Market;
}): Calendar {
  const { asOf, historyDays: days, timeZone, market } = options;
  assertTimeZone(timeZone);
  // The last day is the one holding the last millisecond before asOf, so an asOf at local midnight
  // ends the history with a whole day rather than an empty one.
  const lastDay = localDay(new Date(asOf.getTime() - 1), timeZone);
  const firstDay = lastDay - (days - 1);
  const localMidnightUtc = new Float64Array(days);
  const weekday = new Uint8Array(days);
  const baseline = new Float64Array(days);
  const festivalLift = new Float64Array(days);
  const dealDepth = new Float64Array(days);
  const dateKeys: string[] = [];
  const weekdayWeight = WEEKDAY_WEIGHT[market];

  for (let i = 0; i < days; i++) {
    const day = firstDay + i;
    localMidnightUtc[i] = day * DAY_MS - noonOffset(day, timeZone) * 60_000;
    const date = new Date(day * DAY_MS);
    weekday[i] = date.getUTCDay();
    baseline[i] = weekdayWeight[date.getUTCDay()] as number;
    dateKeys.push(date.toISOString().slice(0, 10));
  }

  const firstYear = new Date(firstDay * DAY_MS).getUTCFullYear();
  const lastYear = new Date(lastDay * DAY_MS).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const w of festivalWindows(year, market)) {
      for (let day = Math.max(w.from, firstDay); day <= Math.min(w.to, lastDay); day++) {
        const t = w.to === w.from ? 1 : (day - w.from) / (w.to - w.from);
        const i = day - firstDay;
        festivalLift[i] = (festivalLift[i] as number) + w.liftFrom + (w.liftTo - w.liftFrom) * t;
        dealDepth[i] = Math.max(dealDepth[i] as number, w.depth);
      }
    }
    const cny = market === "zh" ? chineseNewYear(year) : undefined;
    if (cny) {
      for (let day = Math.max(cny.bumpFrom, firstDay); day <= Math.min(cny.pauseTo, lastDay); day++) {
        const i = day - firstDay;
        if (day < cny.pauseFrom) {
          festivalLift[i] = (festivalLift[i] as number) + 0.35;
          dealDepth[i] = Math.max(dealDepth[i] as number, 0.06);
        } else {
          baseline[i] = (baseline[i] as number) * 0.45;
        }
      }
    }
  }

  let maxBaseline = 0;
  let maxBaselineLift = 0;
  let sumBaseline = 0;
  let sumBaselineLift = 0;
  for (let i = 0; i < days; i++) {
    const b = baseline[i] as number;
    const bl = b * (festivalLift[i] as number);
    maxBaseline = Math.max(maxBaseline, b);
    maxBaselineLift = Math.max(maxBaselineLift, bl);
    sumBaseline += b;
    sumBaselineLift += bl;
  }

  return {
    days,
    localMidnightUtc,
    dateKeys,
    weekday,
    baseline,
    festivalLift,
    dealDepth,
    maxBaseline,
    maxBaselineLift,
    meanBaseline: sumBaseline / days,
    meanBaselineLift: sumBaselineLift / days,
    asOfMs: asOf.getTime(),
  };
}

// Orders by local hour: nothing at night, a late-morning hump and the evening peak of mobile shopping.
const HOUR_WEIGHTS = [
  0, 0, 0, 0, 0, 0, 0, 0.6, 1.0, 1.3, 1.6, 1.5, 1.3, 1.2, 1.3, 1.3, 1.2, 1.1, 1.2, 1.5, 1.9, 2.1, 1.8, 1.0,
] as const;
const HOUR_CUMULATIVE = HOUR_WEIGHTS.reduce<number[]>((acc, w) => [...acc, (acc.at(-1) ?? 0) + w], []);

/** A daytime moment (ms after local midnight) with the hourly shape of online shopping. */
export function sampleMsOfDay(rng: Rng): number {
  const hour = rng.pickCumulative(HOUR_CUMULATIVE);
  return hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}

/** The UTC instant of a daytime moment, or undefined when it lies after asOf. */
export function instantOf(calendar: Calendar, day: number, msOfDay: number): number | undefined {
  if (day < 0 || day >= calendar.days) return undefined;
  const t = (calendar.localMidnightUtc[day] as number) + msOfDay;
  return t <= calendar.asOfMs ? t : undefined;
}

export const FIRST_DAYTIME_MS = 7 * 3_600_000;
