import { describe, expect, it } from "vitest";
import { FeatureFileError, parseFeatureCsv } from "./feature-csv";

describe("feature files", () => {
  it("reads numeric columns, passes the id through, treats empty and NA as missing", () => {
    const f = parseFeatureCsv("\uFEFFid,a,b\nx1,1,2.5\nx2,,NA\n", { idCol: "id" });
    expect(f.ids).toEqual(["x1", "x2"]);
    expect(f.names).toEqual(["a", "b"]);
    expect(Array.from(f.matrix.data)).toEqual([1, 2.5, NaN, NaN]);
  });
  it("names the text column and the row", () => {
    expect(() => parseFeatureCsv("a,city\n1,2\n3,Hangzhou\n")).toThrow(
      /Column "city" is not numeric: row 3 has "Hangzhou"/,
    );
  });
  it("refuses empty files, a missing id column and ragged rows", () => {
    expect(() => parseFeatureCsv("")).toThrow(FeatureFileError);
    expect(() => parseFeatureCsv("a,b\n")).toThrow(/no rows/);
    expect(() => parseFeatureCsv("a,b\n1,2\n", { idCol: "id" })).toThrow(/No column named "id"/);
    expect(() => parseFeatureCsv("a,b\n1,2,3\n")).toThrow(/Not a valid CSV/);
  });
});
