// Change against the previous period, as KPI cards show it.
export type Change =
  | { kind: "relative"; direction: "up" | "down" | "flat"; ratio: number }
  | { kind: "points"; direction: "up" | "down" | "flat"; points: number }
  | { kind: "none" };

const EPS = 1e-9;

function directionOf(delta: number): "up" | "down" | "flat" {
  return delta > EPS ? "up" : delta < -EPS ? "down" : "flat";
}

/** Relative change of a count or amount; none when the previous period had nothing to compare with. */
export function relativeChange(current: number, previous: number): Change {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return { kind: "none" };
  const ratio = (current - previous) / Math.abs(previous);
  return { kind: "relative", direction: directionOf(ratio), ratio };
}

/** Change of a rate (0–1) in percentage points: a repeat rate going from 20% to 25% is +5 pp, not +25%. */
export function pointsChange(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { kind: "none" };
  const points = (current - previous) * 100;
  return { kind: "points", direction: directionOf(points), points };
}

export function safeRatio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
