import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-5)).toBe("-5"); // numbers are numbers
    expect(csvCell(null)).toBe("");
  });
  it("starts with a BOM and ends lines with CRLF", () => {
    const csv = toCsv(["名字", "n"], [["张*三", 1]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("名字,n\r\n张*三,1\r\n");
  });
});
