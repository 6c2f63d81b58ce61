import { describe, expect, it } from "vitest";
import { checkCopy, type Channel, type Language } from "./guardrails";
import { offerNumbers, offlineDrafts, type CampaignGoal, type DraftInput } from "./offline";

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
});
