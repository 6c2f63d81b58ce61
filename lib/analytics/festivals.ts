// The shopping festivals that move e-commerce demand, as calendar windows in the store's time zone:
// 618 (June 1–18), 双11 (November 1–11), Black Friday to Cyber Monday, and the Christmas run-up
// (December 10–24). Used for each customer's festival share and the personas' festival sensitivity.

export const FESTIVALS = ["618", "double11", "black_friday", "christmas"] as const;
export type Festival = (typeof FESTIVALS)[number];

const DAY = 86_400_000;

/** Black Friday: the day after the fourth Thursday of November. Returns the day of month. */
export function blackFridayDay(year: number): number {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay(); // 0 = Sunday
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return firstThursday + 21 + 1;
}

/** Which festival a local calendar date (month 1–12) falls in, if any. */
export function festivalOn(year: number, month: number, day: number): Festival | null {
  if (month === 6 && day <= 18) return "618";
  if (month === 11 && day <= 11) return "double11";
  if (month === 11 || month === 12) {
    const bf = blackFridayDay(year);
    // Black Friday … Cyber Monday (bf + 3); Cyber Monday can fall on December 1 or 2.
    const dayOfSeason = month === 11 ? day : 30 + day;
    if (dayOfSeason >= bf && dayOfSeason <= bf + 3) return "black_friday";
  }
  if (month === 12 && day >= 10 && day <= 24) return "christmas";
  return null;
}

/**
 * A fast instant → festival classifier for one time zone. The zone's UTC offset is looked up once
 * per UTC day (Intl is slow per call) and the local date computed arithmetically; a DST change mid-day
 * can misplace at most the hour around the switch, which no festival window boundary cares about.
 */
export function festivalClassifier(timeZone: string): (instant: number) => Festival | null {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const offsets = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    const key = Math.floor(instant / DAY);
    let offset = offsets.get(key);
    if (offset === undefined) {
      const probe = key * DAY + DAY / 2;
      const parts = Object.fromEntries(fmt.formatToParts(probe).map((p) => [p.type, p.value]));
      const local = Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      );
      offset = local - Math.floor(probe / 60_000) * 60_000;
      offsets.set(key, offset);
    }
    return offset;
  };
  return (instant: number) => {
    const local = new Date(instant + offsetAt(instant));
    return festivalOn(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
  };
}
