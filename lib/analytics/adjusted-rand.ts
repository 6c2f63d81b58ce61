// Adjusted Rand index (Hubert & Arabie, "Comparing partitions", J. Classification 2, 1985) computed the
// way scikit-learn 1.2's `adjusted_rand_score` does, so results agree to the last bit:
//
//   from the contingency table n_ij (true class i × predicted cluster j) with row sums a_i, column sums
//   b_j and Σ n_ij² = S, the ordered pair counts (sklearn's pair_confusion_matrix) are
//     tp = S − n,  fp = Σ b_j² − S,  fn = Σ a_i² − S,  tn = n² − fp − fn − S,
//   and ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), or 1 when fn = fp = 0
//   (identical partitions, and the empty or one-point input).
//
// Numerics: every sum above is an integer no larger than n², so it is exact in a double while
// n² ≤ 2^53 (n ≤ 94,906,265). The products reach n⁴ (10²⁴ at a million rows), past 2^53, so they are
// formed exactly in BigInt; the two integers are then rounded to doubles and divided, which is exactly
// what Python does with sklearn's int numerator and denominator. A large contingency table is kept
// sparse, so memory is O(n) whatever the number of labels.

/** Labels from a clustering (any integers, -1 for noise) or ground truth (numbers or strings). */
export type Labels = ArrayLike<number> | readonly string[];

const MAX_ROWS = 94_906_265; // floor(sqrt(2^53))
const DENSE_CELLS = 1 << 20;

/**
 * Maps labels to codes 0 … classCount − 1 in order of first appearance. Shared by the clustering
 * metrics; like sklearn's LabelEncoder it treats each distinct value as a class (−1 included).
 */
export function encodeLabels(labels: ArrayLike<number | string>): { codes: Int32Array; counts: number[] } {
  const codeOf = new Map<number | string, number>();
  const codes = new Int32Array(labels.length);
  const counts: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const value = labels[i]!;
    if (typeof value === "number" && Number.isNaN(value)) throw new RangeError(`label ${i} is NaN`);
    let code = codeOf.get(value);
    if (code === undefined) {
      code = counts.length;
      codeOf.set(value, code);
      counts.push(0);
    }
    codes[i] = code;
    counts[code]!++;
  }
  return { codes, counts };
}

export function adjustedRandIndex(labelsTrue: Labels, labelsPred: Labels): number {
  const n = labelsTrue.length;
  if (labelsPred.length !== n) {
    throw new RangeError(`label arrays differ in length: ${n} true labels, ${labelsPred.length} predicted`);
  }
  if (n > MAX_ROWS)
    throw new RangeError(`at most ${MAX_ROWS} labels are supported (pair counts exceed 2^53), got ${n}`);
  const t = encodeLabels(labelsTrue);
  const p = encodeLabels(labelsPred);
  const clusters = p.counts.length;

  // Σ n_ij² over the contingency cells: a dense table when it is small, else only the non-empty cells
  // (a cell key t·clusters + p stays below n² ≤ 2^53, so it is exact).
  const classes = t.counts.length;
  let sumCells = 0;
  if (classes * clusters <= DENSE_CELLS) {
    const cells = new Float64Array(classes * clusters);
    for (let i = 0; i < n; i++) cells[t.codes[i]! * clusters + p.codes[i]!]!++;
    for (const c of cells) sumCells += c * c;
  } else {
    const cells = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const key = t.codes[i]! * clusters + p.codes[i]!;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    for (const c of cells.values()) sumCells += c * c;
  }
  const sumSquares = (counts: number[]) => counts.reduce((s, c) => s + c * c, 0);

  const tp = BigInt(sumCells - n);
  const fp = BigInt(sumSquares(p.counts) - sumCells);
  const fn = BigInt(sumSquares(t.counts) - sumCells);
  const tn = BigInt(n) * BigInt(n) - fp - fn - BigInt(sumCells);
  if (fn === 0n && fp === 0n) return 1;
  const numerator = 2n * (tp * tn - fn * fp);
  const denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
  return Number(numerator) / Number(denominator);
}
