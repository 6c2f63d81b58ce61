// RFM scoring (Hughes 1994): recency, frequency and monetary value each scored 1–5 by quintile, and
// the named RFM groups that merchants know from CRM tools.
//
// Scores: quintiles of the tie-averaged rank, so equal values always get equal scores (with many
// one-order customers, frequency has few distinct values and fewer than five scores may occur —
// that is the data, not an artefact). Recency is reversed: the most recent customers score 5.
//
// Groups: the widely used R × F segment map (the "seg_map" of the Python RFM tutorials, itself after
// the rfm R package's defaults), with its bottom-left cell split so that "Lost" (R = 1, F = 1) is
// told apart from "Hibernating". Every (R, F) cell maps to exactly one group:
//
//          F=1             F=2             F=3             F=4             F=5
//   R=5    New             Potential loy.  Potential loy.  Champions       Champions
//   R=4    Promising       Potential loy.  Potential loy.  Loyal           Loyal
//   R=3    About to sleep  About to sleep  Need attention  Loyal           Loyal
//   R=2    Hibernating     Hibernating     At risk         At risk         Can't lose them
//   R=1    Lost            Hibernating     At risk         At risk         Can't lose them

export const RFM_GROUPS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose_them",
  "hibernating",
  "lost",
] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];

export type RfmScores = { r: Uint8Array; f: Uint8Array; m: Uint8Array; groups: RfmGroup[] };

/** 1–5 quintile scores of `values` by tie-averaged rank; NaN values get score 0 ("not scored"). */
export function quintileScores(values: ArrayLike<number>, options: { descending?: boolean } = {}): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) idx.push(i);
  const sign = options.descending ? -1 : 1;
  idx.sort((a, b) => sign * ((values[a] as number) - (values[b] as number)));
  const m = idx.length;
  let start = 0;
  while (start < m) {
    let end = start;
    const v = values[idx[start] as number];
    while (end + 1 < m && values[idx[end + 1] as number] === v) end++;
    // Average 0-based rank of the tie block, as a fraction of the scored population.
    const avgRank = (start + end) / 2;
    const score = Math.min(5, 1 + Math.floor((5 * (avgRank + 0.5)) / m));
    for (let k = start; k <= end; k++) scores[idx[k] as number] = score;
    start = end + 1;
  }
  return scores;
}

const GRID: readonly (readonly RfmGroup[])[] = [
  // index [r-1][f-1]
  ["lost", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
  ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
  ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
];

export function rfmGroup(r: number, f: number): RfmGroup {
  const group = GRID[r - 1]?.[f - 1];
  if (!group) throw new RangeError(`RFM scores must be 1–5, got R=${r}, F=${f}`);
  return group;
}

/**
 * Scores a population of customers. recencyDays: days since the last purchase (smaller is better);
 * frequency: number of purchases; monetary: total spend. All three must have the same length.
 */
export function rfm(
  recencyDays: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): RfmScores {
  const n = recencyDays.length;
  if (frequency.length !== n || monetary.length !== n) {
    throw new RangeError(
      `recency, frequency and monetary must have the same length (${n}, ${frequency.length}, ${monetary.length})`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(recencyDays[i]) || !Number.isFinite(frequency[i]) || !Number.isFinite(monetary[i])) {
      throw new RangeError(`customer ${i} has a non-finite recency, frequency or monetary value`);
    }
  }
  const r = quintileScores(recencyDays, { descending: true });
  const f = quintileScores(frequency);
  const m = quintileScores(monetary);
  const groups = Array.from({ length: n }, (_, i) => rfmGroup(r[i] as number, f[i] as number));
  return { r, f, m, groups };
}

export type RfmMovement = { from: RfmGroup; to: RfmGroup; customers: number };

/**
 * How customers moved between groups from one cutoff to the next: counts per (from, to) pair, for
 * customers present at both (matched by position: the caller aligns the two populations).
 */
export function rfmMovement(before: readonly RfmGroup[], after: readonly RfmGroup[]): RfmMovement[] {
  if (before.length !== after.length)
    throw new RangeError(`movement needs aligned populations (${before.length} vs ${after.length})`);
  const counts = new Map<string, RfmMovement>();
  for (let i = 0; i < before.length; i++) {
    const from = before[i] as RfmGroup;
    const to = after[i] as RfmGroup;
    const key = `${from}>${to}`;
    const entry = counts.get(key);
    if (entry) entry.customers++;
    else counts.set(key, { from, to, customers: 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.customers - a.customers || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
}
