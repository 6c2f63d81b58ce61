import { describe, expect, it } from "vitest";
import { maskEmail, maskName, maskPhone } from "./mask";

describe("masking personal data", () => {
  it("masks Chinese names keeping the first and last character (as the issue's example 张*三)", () => {
    expect(maskName("张小三")).toBe("张*三");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
    expect(maskName("李雷")).toBe("李*");
    expect(maskName("王")).toBe("*");
  });
  it("masks Latin names part by part", () => {
    expect(maskName("Jane Doe")).toBe("J*** D**");
    expect(maskName("Christopher O")).toBe("C**** *");
  });
  it("masks emails and phones as in j***@example.com and 138****5678", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmail("broken")).toBe("***");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("138-1234-5678")).toBe("138****5678");
    expect(maskPhone("+1 (415) 555-0134")).toBe("141****0134");
  });
  it("returns empty for missing values", () => {
    expect(maskName(null)).toBe("");
    expect(maskEmail(undefined)).toBe("");
    expect(maskPhone("")).toBe("");
  });
});
