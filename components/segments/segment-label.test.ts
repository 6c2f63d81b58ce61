import { describe, expect, it } from "vitest";
import { aiLocale, nameSegments } from "@/lib/format/persona";
import { segmentLabel } from "./segment-label";

const t = ((key: string) => ({ "kinds.regular": "Regulars", "kinds.vip": "Loyal VIPs" })[key] ?? key) as Parameters<
  typeof segmentLabel
>[2];

describe("segment labels", () => {
  it("prefers the AI-written name, then the numbered rule-based one, and names DBSCAN's noise", () => {
    const names = nameSegments([
      { segment: 0, persona: "regular", aiName: "Weekend gardeners" },
      { segment: 1, persona: "regular" },
      { segment: 2, persona: "vip", aiName: undefined },
    ]);
    expect(segmentLabel(names.get(0), 0, t, "Noise")).toBe("Weekend gardeners");
    expect(segmentLabel(names.get(1), 1, t, "Noise")).toBe("Regulars 2");
    expect(segmentLabel(names.get(2), 2, t, "Noise")).toBe("Loyal VIPs");
    expect(segmentLabel(undefined, -1, t, "Noise")).toBe("Noise");
    expect(segmentLabel(undefined, 4, t, "Noise")).toBe("#5");
    expect([aiLocale("en"), aiLocale("zh-CN"), aiLocale("fr")]).toEqual(["en", "zh-CN", "zh-CN"]);
  });
});
