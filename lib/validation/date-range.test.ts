import { describe, expect, it } from "vitest";
import { granularityFor, resolveRange, startOfDayIn, todayIn } from "./date-range";

const NOW = new Date("2026-11-28T20:00:00Z"); // 2026-11-29 04:00 in Shanghai, 15:00 on the 28th in New York

describe("report ranges in the store's time zone", () => {
  it("knows which day it is in each zone", () => {
    expect(todayIn("Asia/Shanghai", NOW)).toBe("2026-11-29");
    expect(todayIn("America/New_York", NOW)).toBe("2026-11-28");
  });

  it("starts a day at local midnight (UTC+8 → 16:00Z the day before; New York EST → 05:00Z)", () => {
    expect(startOfDayIn("2026-11-11", "Asia/Shanghai").toISOString()).toBe("2026-11-10T16:00:00.000Z");
    expect(startOfDayIn("2026-11-11", "America/New_York").toISOString()).toBe("2026-11-11T05:00:00.000Z");
    // DST: New York is UTC-4 in July
    expect(startOfDayIn("2026-07-04", "America/New_York").toISOString()).toBe("2026-07-04T04:00:00.000Z");
  });

  it("defaults to the last 30 days and the 30 before", () => {
    const r = resolveRange({}, "Asia/Shanghai", NOW);
    expect(r.preset).toBe("30d");
    expect(r.current).toMatchObject({ from: "2026-10-31", to: "2026-11-29", days: 30 });
    expect(r.previous).toMatchObject({ from: "2026-10-01", to: "2026-10-30", days: 30 });
    expect(r.current.end.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(r.previous.end.getTime()).toBe(r.current.start.getTime());
  });

  it("handles presets and custom periods", () => {
    expect(resolveRange({ range: "7d" }, "UTC", NOW).current).toMatchObject({ from: "2026-11-22", to: "2026-11-28" });
    expect(resolveRange({ range: "ytd" }, "UTC", NOW).current).toMatchObject({ from: "2026-01-01", days: 332 });
    const c = resolveRange({ from: "2026-06-01", to: "2026-06-18" }, "Asia/Shanghai", NOW);
    expect(c.preset).toBe("custom");
    expect(c.current.days).toBe(18);
    expect(c.previous).toMatchObject({ from: "2026-05-14", to: "2026-05-31" });
  });

  it("falls back with a reason on bad input", () => {
    expect(resolveRange({ from: "2026-02-30" }, "UTC", NOW).error).toMatch(/calendar date/);
    expect(resolveRange({ from: "2026-06-10", to: "2026-06-01" }, "UTC", NOW).error).toMatch(/after/);
    expect(resolveRange({ range: "forever" }, "UTC", NOW).error).toBeDefined();
    expect(resolveRange({ from: "2020-01-01", to: "2026-01-01" }, "UTC", NOW).error).toMatch(/at most/);
    expect(resolveRange({ range: "forever" }, "UTC", NOW).current.days).toBe(30);
  });

  it("chooses a bucket size", () => {
    expect(granularityFor(30)).toBe("day");
    expect(granularityFor(90)).toBe("week");
    expect(granularityFor(700)).toBe("month");
  });
});
