import { describe, expect, it } from "vitest";
import { userKnn } from "./implicit-user-knn";
import { createCsr } from "./sparse";

// u0 {0, 1} (‖·‖ = √2), u1 {0, 1, 2} (√3), u2 {1, 2} (√2), u3 {0} (1).
// For u3: sim(u3, u0) = 1/√2, sim(u3, u1) = 1/√3, sim(u3, u2) = 0 (no common item).
const X = createCsr(4, 3, [0, 0, 1, 1, 1, 2, 2, 3], [0, 1, 0, 1, 2, 1, 2, 0]);

describe("userKnn", () => {
  it("finds the neighbours by cosine", () => {
    const nb = userKnn(X).neighbours(3);
    expect(Array.from(nb.users)).toEqual([0, 1]);
    expect(nb.similarities[0]).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(nb.similarities[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
  });

  it("scores Σ neighbour similarity × interaction", () => {
    // Item 1: u0 and u1 bought it, 1/√2 + 1/√3; item 2: only u1, 1/√3. Item 0 is u3's own.
    const r = userKnn(X).recommend(3);
    expect(Array.from(r.items)).toEqual([1, 2]);
    expect(r.scores[0]).toBeCloseTo(1 / Math.SQRT2 + 1 / Math.sqrt(3), 15);
    expect(r.scores[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
    // k = 1 keeps u0 only, who never bought item 2.
    const r1 = userKnn(X, { k: 1 }).recommend(3);
    expect(Array.from(r1.items)).toEqual([1]);
    expect(r1.scores[0]).toBeCloseTo(1 / Math.SQRT2, 15);
  });

  it("rejects bad input", () => {
    expect(() => userKnn(createCsr(0, 0, [], []))).toThrow(/interaction matrix is empty/);
    expect(() => userKnn(X, { k: 1.5 })).toThrow(/k must be a positive integer/);
    expect(() => userKnn(X).recommend(-1)).toThrow(/user -1 is outside 0..3/);
  });
});
