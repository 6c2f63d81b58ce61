import { describe, expect, it } from "vitest";
import { checkCopy, OPT_OUT, smsLength, type GuardrailContext } from "./guardrails";

const ctx = (over: Partial<GuardrailContext> = {}): GuardrailContext => ({
  channel: "sms",
  language: "zh-CN",
  bannedWords: ["最便宜", "guaranteed"],
  allowedNumbers: ["20", "2026-11-11", "11.11", "99"],
  catalog: ["极客 超薄平板电脑 黑色", "SKU-ELC-014"],
  ...over,
});

describe("smsLength", () => {
  it("counts GSM-7 (160 / 153 per part) and UCS-2 (70 / 67 per part) like carriers", () => {
    expect(smsLength("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, parts: 1 });
    expect(smsLength("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, parts: 2 });
    expect(smsLength("{}")).toEqual({ encoding: "gsm7", units: 4, parts: 1 }); // extension characters count twice
    expect(smsLength("好".repeat(70))).toEqual({ encoding: "ucs2", units: 70, parts: 1 });
    expect(smsLength("好".repeat(71))).toEqual({ encoding: "ucs2", units: 71, parts: 2 }); // ⌈71/67⌉
    expect(smsLength("Hi 😀").encoding).toBe("ucs2");
  });
});

describe("checkCopy", () => {
  it("passes copy that keeps to the limit, the offer and the catalogue", () => {
    const body = `双11专享：「极客 超薄平板电脑 黑色」限时20%优惠，2026-11-11 截止。${OPT_OUT["zh-CN"]}`;
    expect(checkCopy({ body }, ctx())).toEqual([]);
    expect(
      checkCopy({ body: "Save 20% on SKU-ELC-014 until 11.11. Reply STOP to opt out" }, ctx({ language: "en" })),
    ).toEqual([]);
  });

  it("names every problem: length, footer, banned word, invented numbers, unknown products", () => {
    const body = `全网最便宜！「神秘新品」立减30%，满99再送50元券`;
    const problems = checkCopy({ body: body.repeat(3) }, ctx());
    expect(problems).toContainEqual({ code: "too_long", field: "body", length: body.length * 3, limit: 70 });
    expect(problems).toContainEqual({ code: "missing_opt_out", footer: "回T退订" });
    expect(problems).toContainEqual({ code: "banned_word", word: "最便宜" });
    expect(problems).toContainEqual({ code: "unsupplied_number", value: "30" });
    expect(problems).toContainEqual({ code: "unsupplied_number", value: "50" });
    expect(problems).not.toContainEqual({ code: "unsupplied_number", value: "99" });
    expect(problems).toContainEqual({ code: "unknown_product", name: "神秘新品" });
  });

  it("checks push titles and email subjects and preheaders against their limits", () => {
    const push = checkCopy({ title: "x".repeat(41), body: "y".repeat(121) }, ctx({ channel: "push" }));
    expect(push.map((p) => p.code === "too_long" && p.field)).toEqual(["title", "body"]);
    const email = checkCopy(
      { title: "s".repeat(61), preheader: "p".repeat(101), body: "ok" },
      ctx({ channel: "email" }),
    );
    expect(email.map((p) => p.code === "too_long" && p.field)).toEqual(["title", "preheader"]);
    expect(checkCopy({ body: "b".repeat(2001) }, ctx({ channel: "social" }))[0]).toMatchObject({
      code: "too_long",
      limit: 2000,
    });
    // Two SMS parts accepted: 140 Chinese characters fit (⌈140/67⌉ = 3 would not).
    expect(checkCopy({ body: `${"好".repeat(120)}回T退订` }, ctx({ smsParts: 2 }))).toEqual([]);
  });
});
