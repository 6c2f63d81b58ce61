import { describe, expect, it } from "vitest";
import { popularity } from "./implicit-popularity";
import { createCsr } from "./sparse";

// u0 {0 ×3, 1}, u1 {1, 2}, u2 {2}, u3 {2}: distinct users per item [1, 2, 3] (u0's repeats count once).
const X = createCsr(4, 3, [0, 0, 0, 0, 1, 1, 2, 3], [0, 0, 0, 1, 1, 2, 2, 2]);

describe("popularity", () => {
  it("ranks by distinct users and excludes seen items", () => {
    const model = popularity(X);
    expect(Array.from(model.counts)).toEqual([1, 2, 3]);
    expect(Array.from(model.recommend(2).items)).toEqual([1, 0]);
    expect(Array.from(model.popular().items)).toEqual([2, 1, 0]);
    expect(Array.from(model.popular({ n: 2, exclude: new Set([2]) }).items)).toEqual([1, 0]);
  });

  it("scores within the user's segment, and answers cold start per segment", () => {
    // Segment 0 = {u0, u1}: counts [1, 2, 1]; segment 1 = {u2, u3}: [0, 0, 2]; segment 2 has no user.
    const model = popularity(X, { segments: Int32Array.from([0, 0, 1, 1]) });
    expect(model.nSegments).toBe(2);
    expect(Array.from(model.popular({ segment: 0 }).items)).toEqual([1, 0, 2]);
    expect(Array.from(model.popular({ segment: 1 }).items)).toEqual([2]);
    // u2 in segment 1 has item 2 already, and nothing else is popular there.
    expect(Array.from(model.recommend(2).items)).toEqual([]);
    expect(() => model.popular({ segment: 2 })).toThrow(/segment 2 is outside 0..1/);
  });

  it("rejects bad input", () => {
    expect(() => popularity(createCsr(1, 1, [], []))).toThrow(/interaction matrix is empty/);
    expect(() => popularity(X, { segments: Int32Array.from([0]) })).toThrow(/segments has 1 entries/);
    expect(() => popularity(X).recommend(4)).toThrow(/user 4 is outside/);
  });
});
