// One-hot encoding of categorical customer attributes (city, acquisition channel, …), after
// scikit-learn 1.2's OneHotEncoder with categories="auto": each column's categories are its distinct
// values sorted by Unicode code point (Python's string order, which np.unique uses), and each category
// becomes a 0/1 column named `<feature>_<category>`.

import type { Matrix } from "./matrix";
import { createMatrix } from "./matrix";

export type HandleUnknown = "error" | "ignore";

export type OneHotOptions = {
  /** A category not seen in fit: "error" throws a RangeError, "ignore" encodes it as all zeros. Default "error". */
  handleUnknown?: HandleUnknown;
  /** Feature names used in the output column names. Default x0, x1, … (scikit-learn's default). */
  names?: readonly string[];
};

/** Plain data (JSON-safe): store it with the pipeline run and apply it again with transformOneHot. */
export type OneHotParams = {
  kind: "one-hot";
  handleUnknown: HandleUnknown;
  names: string[];
  /** Sorted categories of every input column (scikit-learn's `categories_`). */
  categories: string[][];
};

export type OneHotBlock = {
  /** rows × (total number of categories), 0 or 1. */
  matrix: Matrix;
  /** `<feature>_<category>`, as scikit-learn's get_feature_names_out. */
  columnNames: string[];
};

/**
 * Compares strings by Unicode code point. JavaScript's `<` compares UTF-16 code units, which orders a
 * character above U+FFFF (its surrogates start at U+D800) before one in U+E000–U+FFFF (fullwidth forms,
 * for example), unlike Python and scikit-learn.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800–DFFF) stand for code points ≥ U+10000, above every BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function checkColumns(columns: readonly (readonly string[])[]): number {
  const rows = columns[0]?.length ?? 0;
  columns.forEach((c, j) => {
    if (c.length !== rows) throw new RangeError(`categorical column ${j} has ${c.length} values, expected ${rows}`);
  });
  return rows;
}

/** Learns the sorted categories of each column (`columns[j][i]` is row i of column j). */
export function fitOneHot(columns: readonly (readonly string[])[], options: OneHotOptions = {}): OneHotParams {
  const { handleUnknown, names }: Required<OneHotOptions> = {
    handleUnknown: "error",
    names: columns.map((_, j) => `x${j}`),
    ...options,
  };
  if (names.length !== columns.length) {
    throw new RangeError(`names has ${names.length} entries, there are ${columns.length} columns`);
  }
  if (columns.length === 0) throw new RangeError("one-hot encoding needs at least one column");
  if (checkColumns(columns) === 0) throw new RangeError("cannot learn categories from zero rows");
  const categories = columns.map((c) => [...new Set(c)].sort(compareCodePoints));
  return { kind: "one-hot", handleUnknown, names: [...names], categories };
}

/** Encodes the columns with the fitted categories; unknown categories per params.handleUnknown. */
export function transformOneHot(columns: readonly (readonly string[])[], params: OneHotParams): OneHotBlock {
  if (columns.length !== params.categories.length) {
    throw new RangeError(`one-hot encoder was fitted on ${params.categories.length} columns, got ${columns.length}`);
  }
  const rows = checkColumns(columns);
  const offsets: number[] = [];
  let width = 0;
  const lookups = params.categories.map((cats) => {
    offsets.push(width);
    width += cats.length;
    return new Map(cats.map((c, k) => [c, k]));
  });
  const matrix = createMatrix(rows, width);
  const x = matrix.data;
  columns.forEach((column, j) => {
    const lookup = lookups[j]!;
    const offset = offsets[j]!;
    for (let i = 0; i < rows; i++) {
      const value = column[i]!;
      const k = lookup.get(value);
      if (k !== undefined) {
        x[i * width + offset + k] = 1;
        continue;
      }
      switch (params.handleUnknown) {
        case "ignore":
          break;
        case "error":
          throw new RangeError(
            `unknown category ${JSON.stringify(value)} in column ${params.names[j]} at row ${i} (not seen in fit)`,
          );
        default: {
          const unknown: never = params.handleUnknown;
          throw new RangeError(`unknown handleUnknown ${String(unknown)}`);
        }
      }
    }
  });
  const columnNames = params.categories.flatMap((cats, j) => cats.map((c) => `${params.names[j]}_${c}`));
  return { matrix, columnNames };
}
