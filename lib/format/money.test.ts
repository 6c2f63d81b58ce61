import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, minorToMajor } from "./money";

describe("money in minor units", () => {
  it("knows each currency's minor digits", () => {
    expect(currencyDigits("CNY")).toBe(2);
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });
  it("converts and formats for the locale", () => {
    expect(minorToMajor(123456, "CNY")).toBe(1234.56);
    expect(minorToMajor(1234, "JPY")).toBe(1234);
    expect(formatMoney(123456, "CNY", "zh-CN")).toBe("¥1,234.56");
    expect(formatMoney(123456, "USD", "en")).toBe("$1,234.56");
    expect(formatMoney(1234, "JPY", "en")).toBe("¥1,234");
    expect(formatMoney(123_456_789, "CNY", "zh-CN", { compact: true })).toBe("¥123.5万");
  });
});
