import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

describe("seeded random", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it("is uniform enough: 100k draws in 10 bins within 2% of 10k each, ints in range", () => {
    const r = createRandom(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r.next() * 10)]++;
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(200);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(3);
      expect(k === 0 || k === 1 || k === 2).toBe(true);
    }
    expect(() => r.int(0)).toThrow(RangeError);
  });
});
