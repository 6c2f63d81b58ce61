import { describe, expect, it } from "vitest";
import { blackFridayDay, festivalClassifier, festivalOn } from "./festivals";

describe("festival calendar", () => {
  it("finds Black Friday (published dates: 2024-11-29, 2025-11-28, 2026-11-27)", () => {
    expect(blackFridayDay(2024)).toBe(29);
    expect(blackFridayDay(2025)).toBe(28);
    expect(blackFridayDay(2026)).toBe(27);
  });
  it("classifies local dates", () => {
    expect(festivalOn(2026, 6, 18)).toBe("618");
    expect(festivalOn(2026, 6, 19)).toBeNull();
    expect(festivalOn(2026, 11, 11)).toBe("double11");
    expect(festivalOn(2026, 11, 30)).toBe("black_friday"); // Cyber Monday 2026
    expect(festivalOn(2026, 12, 1)).toBeNull();
    expect(festivalOn(2024, 12, 2)).toBe("black_friday"); // Cyber Monday 2024 is December 2
    expect(festivalOn(2026, 12, 24)).toBe("christmas");
    expect(festivalOn(2026, 12, 25)).toBeNull();
  });
  it("uses the store's time zone: 2026-11-11 00:30 in Shanghai is still November 10 in UTC", () => {
    const instant = Date.UTC(2026, 10, 10, 16, 30);
    expect(festivalClassifier("Asia/Shanghai")(instant)).toBe("double11");
    expect(festivalClassifier("UTC")(instant)).toBe("double11"); // Nov 10 is inside 1–11 too
    const afterDouble11 = Date.UTC(2026, 10, 11, 17, 0); // Nov 12 01:00 in Shanghai, Nov 11 in UTC
    expect(festivalClassifier("Asia/Shanghai")(afterDouble11)).toBeNull();
    expect(festivalClassifier("UTC")(afterDouble11)).toBe("double11");
    // New York in June (UTC-4): June 19 02:00 UTC is June 18 22:00 local
    expect(festivalClassifier("America/New_York")(Date.UTC(2026, 5, 19, 2, 0))).toBe("618");
  });
});
