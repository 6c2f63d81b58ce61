import { describe, expect, it } from "vitest";
import { describeRowErrors, formatDay, parseDay, parseTransactions } from "./transactions";

const TODAY = parseDay("2026-11-29") as number;

describe("parseDay", () => {
  it("reads YYYYMMDD and ISO dates, with or without a time", () => {
    expect(parseDay("19970101")).toBe(Date.UTC(1997, 0, 1) / 86_400_000);
    expect(parseDay("1997-01-01")).toBe(9862);
    expect(parseDay("1997-01-01T23:59:59Z")).toBe(9862);
    expect(parseDay("1997-01-01 08:00")).toBe(9862);
    expect(formatDay(9862)).toBe("1997-01-01");
  });

  it("refuses what is not a calendar date", () => {
    for (const bad of ["2024-02-30", "20241301", "1997/01/01", "yesterday", "", "1997-1-1"]) {
      expect(parseDay(bad)).toBeNull();
    }
    expect(parseDay("2024-02-29")).not.toBeNull(); // leap day
  });
});

describe("parseTransactions", () => {
  it("reads a CSV with a header in any column order, CRLF and leading spaces", () => {
    const text = "amount,date,customer_id\r\n  10.5 ,2024-01-02, a\r\n3,20240105,b\r\n7,2024-01-09,a\r\n";
    const f = parseTransactions(text, { today: TODAY });
    expect(f.errors).toEqual([]);
    expect(f.customerKeys).toEqual(["a", "b"]);
    expect(Array.from(f.customer)).toEqual([0, 1, 0]);
    expect(Array.from(f.amount)).toEqual([10.5, 3, 7]);
    expect(Array.from(f.day).map(formatDay)).toEqual(["2024-01-02", "2024-01-05", "2024-01-09"]);
  });

  it("reads the CDNOW layout: whitespace-separated, no header, an ignored column", () => {
    const text = "   00001 19970101 1 11.77\n   00002 19970112 5 77.00\n\n   00001 19970118 2 29.33\n";
    const f = parseTransactions(text, {
      today: TODAY,
      separator: "whitespace",
      columns: ["customer_id", "date", "_", "amount"],
    });
    expect(f.errors).toEqual([]);
    expect(f.customerKeys).toEqual(["00001", "00002"]);
    expect(Array.from(f.amount)).toEqual([11.77, 77, 29.33]);
  });

  it("reads tab-separated files with named columns", () => {
    const f = parseTransactions("cid\twhen\tvalue\nx\t2024-03-01\t5\n", {
      today: TODAY,
      separator: "\t",
      customerCol: "cid",
      dateCol: "when",
      amountCol: "value",
    });
    expect(f.rows).toBe(1);
  });

  it("reports every bad row with its line number and keeps the good ones", () => {
    const text = [
      "customer_id,date,amount",
      "a,2024-01-01,10", // 2 ok
      "b,2024-13-01,5", // 3 unparsable
      "c,2030-01-01,5", // 4 future
      "d,2024-01-01,0", // 5 zero
      "e,2024-01-01,-3", // 6 negative
      "f,2024-01-01,abc", // 7 not a number
      ",2024-01-01,5", // 8 no customer
      "g,2024-01-01", // 9 short row
    ].join("\n");
    const f = parseTransactions(text, { today: TODAY });
    expect(f.rows).toBe(1);
    expect(f.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, "date_unparsable"],
      [4, "date_in_future"],
      [5, "amount_not_positive"],
      [6, "amount_not_positive"],
      [7, "amount_invalid"],
      [8, "customer_missing"],
      [9, "columns"],
    ]);
    expect(f.errors[1]?.message).toBe("line 4: 2030-01-01 is in the future");
    const summary = describeRowErrors(f.errors, 1);
    expect(summary).toContain("2 row(s):");
    expect(summary).toContain("… and 1 more");
  });

  it("names the columns it has when one is missing", () => {
    expect(() => parseTransactions("id,day,amt\n1,2024-01-01,3\n", { today: TODAY })).toThrow(
      'No column named "customer_id" (columns: id, day, amt). Name it with --customer-col.',
    );
    expect(() => parseTransactions("", { today: TODAY })).toThrow("The file is empty.");
  });
});
