import { describe, expect, it } from "vitest";
import { formatFeature } from "./feature";

describe("feature formatting", () => {
  it("formats by kind of feature", () => {
    expect(formatFeature("monetary", 1234.5, "en", "USD")).toBe("$1,235");
    expect(formatFeature("discount_share", 0.1234, "en", "USD")).toBe("12.3%");
    expect(formatFeature("share:Books", 0.5, "zh-CN", "CNY")).toBe("50%");
    expect(formatFeature("recency_days", 12.6, "en", "USD")).toBe("13");
    expect(formatFeature("trend", 0.25, "en", "USD")).toBe("+0.25");
    expect(formatFeature("frequency", 3.14, "en", "USD")).toBe("3.1");
    expect(formatFeature("mean_rating", NaN, "en", "USD")).toBe("—");
  });
});
