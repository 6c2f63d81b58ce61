import { describe, expect, it } from "vitest";
import fixture from "./fixtures/preprocessing.json";
import { toRows } from "./matrix";
import { compareCodePoints, fitOneHot, transformOneHot } from "./one-hot";

const { oneHot: ref } = fixture;

describe("one-hot encoding", () => {
  it("sorts categories, encodes each row as one 1 per input column and names the columns, by hand", () => {
    const columns = [
      ["b", "a", "b", "c"],
      ["yes", "no", "no", "no"],
    ];
    const params = fitOneHot(columns);
    expect(params).toEqual({
      kind: "one-hot",
      handleUnknown: "error",
      names: ["x0", "x1"],
      categories: [
        ["a", "b", "c"],
        ["no", "yes"],
      ],
    });
    const { matrix, columnNames } = transformOneHot(columns, params);
    expect(columnNames).toEqual(["x0_a", "x0_b", "x0_c", "x1_no", "x1_yes"]);
    expect(toRows(matrix)).toEqual([
      [0, 1, 0, 0, 1],
      [1, 0, 0, 1, 0],
      [0, 1, 0, 1, 0],
      [0, 0, 1, 1, 0],
    ]);
  });

  it("orders strings by code point as Python does, not by UTF-16 unit", () => {
    // U+FF46 (fullwidth f) < U+1F600 (an emoji, surrogates D83D DE00): JavaScript's `<` says the opposite.
    expect("\u{1F600}" < "\uFF46").toBe(true);
    expect(compareCodePoints("\uFF46", "\u{1F600}")).toBeLessThan(0);
    expect(compareCodePoints("\u{1F600}", "\u{1F601}")).toBeLessThan(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
    expect(compareCodePoints("北京", "北京")).toBe(0);
  });

  it("matches OneHotEncoder categories_, get_feature_names_out and transform, unknowns ignored (fixture)", () => {
    const params = fitOneHot(ref.columns, { names: ref.names, handleUnknown: "ignore" });
    expect(params.categories).toEqual(ref.categories);
    const fitted = transformOneHot(ref.columns, params);
    expect(fitted.columnNames).toEqual(ref.featureNames);
    expect(toRows(fitted.matrix)).toEqual(ref.transformed);
    // "Berlin" and "fax" were not seen in fit: their blocks are all zeros.
    expect(toRows(transformOneHot(ref.columnsNew, params).matrix)).toEqual(ref.transformedNew);
  });

  it("rejects an unknown category by default, naming it, and mismatched column shapes", () => {
    const params = fitOneHot([["web", "app"]], { names: ["channel"] });
    expect(() => transformOneHot([["web", "fax"]], params)).toThrow(
      'unknown category "fax" in column channel at row 1 (not seen in fit)',
    );
    expect(() => transformOneHot([["web"], ["app"]], params)).toThrow(RangeError);
    expect(() => fitOneHot([["a", "b"], ["c"]])).toThrow(RangeError);
    expect(() => fitOneHot([["a"]], { names: ["x", "y"] })).toThrow(RangeError);
    expect(() => fitOneHot([[]])).toThrow(RangeError);
    expect(() => fitOneHot([])).toThrow(RangeError);
  });

  it("survives a JSON round trip of its parameters", () => {
    const params = JSON.parse(JSON.stringify(fitOneHot(ref.columns, { names: ref.names }))) as ReturnType<
      typeof fitOneHot
    >;
    expect(toRows(transformOneHot(ref.columns, params).matrix)).toEqual(ref.transformed);
  });
});
