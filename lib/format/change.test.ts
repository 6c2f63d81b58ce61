import { describe, expect, it } from "vitest";
import { pointsChange, relativeChange, safeRatio } from "./change";

describe("period-over-period change", () => {
  it("is relative for amounts", () => {
    expect(relativeChange(120, 100)).toEqual({ kind: "relative", direction: "up", ratio: 0.2 });
    expect(relativeChange(75, 100)).toEqual({ kind: "relative", direction: "down", ratio: -0.25 });
    expect(relativeChange(5, 5)).toEqual({ kind: "relative", direction: "flat", ratio: 0 });
  });
  it("has nothing to say when the previous period was empty", () => {
    expect(relativeChange(10, 0)).toEqual({ kind: "none" });
  });
  it("is in percentage points for rates", () => {
    const c = pointsChange(0.25, 0.2);
    expect(c.kind === "points" && c.direction).toBe("up");
    expect(c.kind === "points" && c.points).toBeCloseTo(5, 10);
    expect(pointsChange(null, 0.2)).toEqual({ kind: "none" });
  });
  it("divides safely", () => {
    expect(safeRatio(1, 4)).toBe(0.25);
    expect(safeRatio(1, 0)).toBeNull();
  });
});
