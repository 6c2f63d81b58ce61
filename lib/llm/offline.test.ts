import { describe, expect, it } from "vitest";
import { checkCopy, smsLength, type Channel, type Language } from "./guardrails";
import { offerNumbers, offerTerms, offlineDrafts, type CampaignGoal, type DraftInput } from "./offline";

const base: DraftInput = {
  goal: "win_back",
  channel: "sms",
  language: "zh-CN",
  tone: "warm",
  storeName: "鲜选生活",
  currency: "CNY",
  products: [
    { title: "极客 超薄平板电脑 黑色", sku: "SKU-ELC-014" },
    { title: "三只熊 低糖牛排 24袋", sku: "SKU-FOD-036" },
  ],
  offer: { kind: "percent", value: 20, code: "BACK20", ends: "2026-11-11", festival: "double11" },
  variants: 3,
};

describe("offlineDrafts", () => {
  it("is deterministic and grounded: the offer, the products, the footer", () => {
    const a = offlineDrafts(base);
    expect(offlineDrafts(base)).toEqual(a);
    expect(a).toHaveLength(3);
    expect(a[0]!.body).toBe(
      "【鲜选生活】好久不见，想念您！ · 双11，「极客 超薄平板电脑 黑色」，立减20%，券码BACK20，11月11日前有效。回T退订",
    );
    expect(new Set(a.map((d) => d.body)).size).toBe(3);
  });

  it("passes every guardrail for every goal, channel and language", () => {
    const goals: CampaignGoal[] = ["win_back", "upsell", "new_arrival", "festival_sale", "loyalty_reward"];
    const channels: Channel[] = ["sms", "push", "email", "social"];
    const languages: Language[] = ["zh-CN", "en"];
    for (const goal of goals)
      for (const channel of channels)
        for (const language of languages) {
          const input = {
            ...base,
            goal,
            channel,
            language,
            storeName: language === "en" ? "Harbor & Pine" : "鲜选生活",
            variants: 5,
          };
          for (const draft of offlineDrafts(input)) {
            const problems = checkCopy(draft, {
              channel,
              language,
              bannedWords: [],
              allowedNumbers: offerNumbers(input.offer),
              catalog: input.products.flatMap((p) => [p.title, p.sku]),
            });
            expect(problems, `${goal}/${channel}/${language}: ${JSON.stringify(draft)}`).toEqual([]);
          }
        }
  });

  it("drops the product rather than exceed an SMS part, and works without an offer or products", () => {
    const long = offlineDrafts({
      ...base,
      products: [{ title: "一个名字非常非常长的商品用来测试短信长度限制是否会被正确处理的情况", sku: "SKU-X" }],
      variants: 1,
    });
    expect(long[0]!.body).not.toContain("一个名字");
    const plain = offlineDrafts({
      ...base,
      products: [],
      offer: { kind: "none" },
      language: "en",
      storeName: "Harbor",
      variants: 1,
    });
    expect(plain[0]!.body).toBe("Harbor: We miss you! Reply STOP to opt out");
    expect(offerNumbers({ kind: "amount", value: 15, code: "SAVE15", ends: "2026-06-18" })).toEqual([
      "15",
      "15",
      "2026-06-18",
      "6",
      "18",
      "2026",
    ]);
  });

  it("states a start date with the end date, and lets copy use both", () => {
    const offer = { ...base.offer, starts: "2026-11-01" };
    expect(offlineDrafts({ ...base, offer, variants: 1 })[0]!.body).toBe(
      "【鲜选生活】好久不见，想念您！ · 双11，立减20%，券码BACK20，11月1日至11月11日有效。回T退订",
    );
    expect(offerNumbers(offer)).toEqual([
      "20",
      "20",
      "2026-11-11",
      "11",
      "11",
      "2026",
      "2026-11-01",
      "11",
      "1",
      "2026",
    ]);
    expect(offerTerms(offer, "en", "CNY")).toBe("20% off with code BACK20, from 2026-11-01 until 2026-11-11");
    // Only a start; a window across the new year names the years; an amount with an unknown currency stays bare.
    expect(offerTerms({ kind: "none", starts: "2026-06-01" }, "zh-CN", "CNY")).toBe("6月1日起有效");
    expect(offerTerms({ kind: "none", starts: "2026-06-01" }, "en", "CNY")).toBe("from 2026-06-01");
    expect(offerTerms({ kind: "amount", value: 30, starts: "2026-12-20", ends: "2027-01-05" }, "zh-CN", "CNY")).toBe(
      "立减¥30，2026年12月20日至2027年1月5日有效",
    );
    expect(offerTerms({ kind: "amount", value: 30 }, "en", "")).toBe("30 off");
    expect(offerTerms({ kind: "amount", value: 30 }, "zh-CN", "USD")).toBe("立减USD 30");
    // Every channel still passes the guardrails with the longer date text.
    for (const channel of ["sms", "push", "email", "social"] as const)
      for (const language of ["zh-CN", "en"] as const)
        for (const draft of offlineDrafts({
          ...base,
          offer,
          channel,
          language,
          storeName: language === "en" ? "Harbor & Pine" : "鲜选生活",
          variants: 5,
        }))
          expect(
            checkCopy(draft, {
              channel,
              language,
              bannedWords: [],
              allowedNumbers: offerNumbers(offer),
              catalog: base.products.flatMap((p) => [p.title, p.sku]),
            }),
            `${channel}/${language}: ${JSON.stringify(draft)}`,
          ).toEqual([]);
  });

  it("writes an English SMS for a bilingual store name in GSM-7 with the offer kept", () => {
    const drafts = offlineDrafts({
      ...base,
      language: "en",
      storeName: "鲜选生活 · Fresh Select",
      products: [{ title: "Cottonfun Cotton Shirt, Navy", sku: "SKU-APP-001" }],
      offer: { kind: "percent", value: 20, code: "HUI20", starts: "2026-11-29", ends: "2026-12-19" },
      festival: undefined,
      variants: 3,
    } as DraftInput);
    expect(drafts[0]!.body).toBe(
      'Fresh Select: We miss you! "Cottonfun Cotton Shirt, Navy", 20% off with code HUI20, from 2026-11-29 until 2026-12-19. Reply STOP to opt out',
    );
    for (const d of drafts) {
      expect(smsLength(d.body).encoding).toBe("gsm7");
      expect(d.body).toContain("20% off with code HUI20");
      expect(d.body).not.toContain("鲜选生活");
    }
    // Chinese copy of the same store takes the Chinese name.
    expect(
      offlineDrafts({ ...base, storeName: "鲜选生活 · Fresh Select", variants: 1 })[0]!.body.startsWith("【鲜选生活】"),
    ).toBe(true);
  });
});
