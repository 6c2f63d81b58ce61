import { describe, expect, it } from "vitest";
import { brandName } from "./brand";

describe("brandName", () => {
  it("takes the part of a bilingual name in the copy's language, else the whole name", () => {
    expect(brandName("鲜选生活 · Fresh Select", "en")).toBe("Fresh Select");
    expect(brandName("鲜选生活 · Fresh Select", "zh-CN")).toBe("鲜选生活");
    expect(brandName("Fresh Select｜鲜选生活", "zh-CN")).toBe("鲜选生活");
    expect(brandName("Harbor & Pine Outfitters", "zh-CN")).toBe("Harbor & Pine Outfitters");
    expect(brandName("鲜选生活", "en")).toBe("鲜选生活");
    // Two Latin parts: nothing to choose by script, the first matching part is used.
    expect(brandName("Acme / Outlet", "en")).toBe("Acme");
    expect(brandName("  Solo  ", "en")).toBe("Solo");
  });
});
