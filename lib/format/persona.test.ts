import { describe, expect, it } from "vitest";
import { nameSegments } from "./persona";

describe("segment names", () => {
  it("numbers personas that occur more than once, in segment order", () => {
    const names = nameSegments([
      { segment: 2, persona: "regular" },
      { segment: 0, persona: "regular" },
      { segment: 1, persona: "vip" },
    ]);
    expect(names.get(0)).toEqual({ segment: 0, kind: "regular", ordinal: 1 });
    expect(names.get(2)).toEqual({ segment: 2, kind: "regular", ordinal: 2 });
    expect(names.get(1)).toEqual({ segment: 1, kind: "vip", ordinal: null });
  });
});
