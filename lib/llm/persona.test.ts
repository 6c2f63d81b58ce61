// Persona text through the real client against the local OpenAI-compatible server: a valid reply, a
// fenced one, one retry that names the problems (bad JSON, schema, invented numbers), no retry on
// provider errors — and every request carries the segment's figures and no personal data. Then the
// rule-based fallback on hand-built briefs whose answers follow from the rules' thresholds.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SegmentBrief } from "./brief";
import { createLlmClient, type CallOptions, type LlmCallRecord, type LlmClient } from "./client";
import { personaMessages, RULE_STRATEGY_KEYS, ruleStrategies, writePersonaText, type PersonaText } from "./persona";
import { assertNoPersonalData } from "./privacy";
import { startTestServer, type TestServer } from "./testing/openai-test-server";

let server: TestServer;
let records: LlmCallRecord[];
let options: CallOptions[];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.script.length = 0;
  server.requests.length = 0;
  records = [];
  options = [];
});

// The real client, without its own retries so that server.requests counts persona-level attempts;
// complete() is wrapped only to see the options it is called with.
const client = (timeoutMs = 5000): LlmClient => {
  const real = createLlmClient(
    { apiKey: "test-key", baseURL: server.baseURL, model: "test-model", timeoutMs, maxRetries: 0 },
    (r) => records.push(r),
  );
  return {
    model: real.model,
    complete: (messages, o) => {
      options.push(o);
      return real.complete(messages, o);
    },
    stream: (messages, o) => real.stream(messages, o),
  };
};

const lapsing: SegmentBrief = {
  segment: 2,
  persona: "lapsing_high_value",
  label: "Lapsing high-value",
  customers: 120,
  customerShare: 0.085,
  revenueShare: 0.312,
  currency: "CNY",
  avgOrderValue: 420.5,
  avgOrders: 2.34,
  avgSpend: 1234.4,
  avgRecencyDays: 187.6,
  discountShare: 0.12,
  festivalShare: null,
  refundRate: 0.04,
  avgChurnRisk: 0.62,
  avgClv: 3456.2,
  valueAtRisk: 12345.6,
  topCategories: ["Home", "Kitchen"],
  topProducts: [{ title: "Linen duvet cover", sku: "SKU-HOM-001" }],
};
const others = ["VIP", "Bargain hunters"];

// The brief's figures as the prompt must show them: non-null only (no festival line), money rounded to
// whole yuan from ¥100 up (420.5 → ¥421), shares to 0.1 point, orders to 0.1, days to whole days.
const FIGURES = [
  "Figures (means per customer unless stated):",
  "- Customers: 120 (8.5% of the analysed customers)",
  "- Share of the store's revenue: 31.2%",
  "- Average order value: ¥421",
  "- Orders per customer: 2.3",
  "- Spend per customer: ¥1,234",
  "- Days since the last order: 188",
  "- Discounts as a share of gross spend: 12%",
  "- Orders refunded: 4%",
  "- Churn probability: 62%",
  "- Customer lifetime value (CLV): ¥3,456",
  "- Value at risk (churn probability × CLV, summed over the segment): ¥12,346",
  "Top categories: Home, Kitchen",
].join("\n");

// Every number here is a figure as shown or rounded from one (¥1.2万 and ¥12.3k for ¥12,346, 31% for
// 31.2%); 双11, the SKU's digits and "top 3" are names and counts, not claims.
const valid: PersonaText = {
  "zh-CN": {
    name: "沉睡的高价值客",
    description: "客均消费¥1,234，平均188天未下单，流失概率62%。",
    strategies: [
      {
        title: "短信召回高价值客",
        goal: "win_back",
        channel: "sms",
        rationale: "风险价值约¥1.2万，120位顾客流失概率62%，优先短信召回。",
      },
      {
        title: "忠诚回馈",
        goal: "loyalty_reward",
        channel: "email",
        rationale: "8.5%的顾客贡献了31%的营收，双11前寄送专属礼遇。",
      },
      {
        title: "家居上新",
        goal: "new_arrival",
        channel: "social",
        rationale: "Home 是首选品类，用 SKU-HOM-001 等 top 3 新品唤起兴趣。",
      },
    ],
  },
  en: {
    name: "Fading big spenders",
    description: "They spent ¥1,234 each but last ordered 188 days ago; churn probability 62%.",
    strategies: [
      {
        title: "Win them back by SMS",
        goal: "win_back",
        channel: "sms",
        rationale: "About ¥12.3k of CLV is at risk across 120 customers.",
      },
      {
        title: "Loyalty reward",
        goal: "loyalty_reward",
        channel: "email",
        rationale: "8.5% of customers bring 31.2% of revenue; thank them before Double 11.",
      },
      {
        title: "New in Home",
        goal: "new_arrival",
        channel: "social",
        rationale: "Home is their top category; show what is new next to the Linen duvet cover.",
      },
    ],
  },
};

const reply = (text: string) => ({ kind: "reply" as const, text });
const withRationale = (rationale: string): PersonaText => ({
  ...valid,
  en: {
    ...valid.en,
    strategies: [{ ...valid.en.strategies[0]!, rationale }, valid.en.strategies[1]!, valid.en.strategies[2]!],
  },
});

afterEach(() => {
  // Whatever a test did, what left ShopLens carried the figures and no personal data.
  for (const req of server.requests) {
    for (const m of req.messages) expect(() => assertNoPersonalData(m.content)).not.toThrow();
    expect(req.messages[1]?.content).toContain(FIGURES);
  }
});

describe("personaMessages", () => {
  it("shows the archetype, the non-null figures, products, other names and the JSON shape", () => {
    const [system, user] = personaMessages(lapsing, others);
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("Return ONLY a JSON object");
    expect(system?.content).toContain("Never invent numbers");
    expect(user?.role).toBe("user");
    const text = user?.content ?? "";
    expect(text).toContain(
      "Segment: Lapsing high-value\nArchetype: lapsing_high_value (lapsing high-value: spent a lot but has not bought for a while)\n" +
        FIGURES +
        "\nMost recommended products: 「Linen duvet cover」 (SKU-HOM-001)\nOther segments (choose a different name): VIP; Bargain hunters",
    );
    expect(text).not.toContain("festivals");
    expect(text).toContain('"goal": "win_back | upsell | new_arrival | festival_sale | loyalty_reward"');
    expect(text).toContain('"channel": "sms | push | email | social"');
    expect(text).toContain('"name": "Chinese persona name, 2–24 characters"');
    expect(text).toContain('"name": "English persona name, 2–24 characters"');
  });

  it("writes money in a currency other than CNY with its code, cents below 100", () => {
    const [, user] = personaMessages({ ...lapsing, currency: "USD", avgOrderValue: 45.5, avgSpend: 99.994 }, []);
    expect(user?.content).toContain("- Average order value: USD 45.50\n");
    expect(user?.content).toContain("- Spend per customer: USD 99.99\n");
    expect(user?.content).toContain("Other segments (choose a different name): none");
  });
});

describe("writePersonaText", () => {
  it("returns a valid reply on the first attempt, asking for JSON at temperature 0.4", async () => {
    server.script.push(reply(JSON.stringify(valid)));
    expect(await writePersonaText(client(), lapsing, others)).toEqual({ ok: true, text: valid, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(options[0]).toMatchObject({ purpose: "persona", json: true, temperature: 0.4 });
    expect(records[0]).toMatchObject({ purpose: "persona", outcome: "ok" });
  });

  it("accepts JSON inside a ```json fence and trims the fields", async () => {
    const padded = { ...valid, en: { ...valid.en, name: `  ${valid.en.name} ` } };
    server.script.push(reply("```json\n" + JSON.stringify(padded, null, 2) + "\n```"));
    expect(await writePersonaText(client(), lapsing, others)).toEqual({ ok: true, text: valid, attempts: 1 });
  });

  it("retries once after invalid JSON, sending back the bad answer and the problem", async () => {
    server.script.push(reply('Sure! {"zh-CN": '), reply(JSON.stringify(valid)));
    expect(await writePersonaText(client(), lapsing, others)).toEqual({ ok: true, text: valid, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]!.messages;
    expect(second.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(second[2]!.content).toBe('Sure! {"zh-CN": ');
    expect(second[3]!.content).toMatch(/^Your answer cannot be used:\n- The reply is not valid JSON \(.+\)\.\n/);
  });

  it("gives up after a second schema-invalid reply, having named each problem", async () => {
    const bad = {
      "zh-CN": { ...valid["zh-CN"], strategies: valid["zh-CN"].strategies.slice(0, 2) },
      en: { ...valid.en, name: "X", strategies: [{ ...valid.en.strategies[0]!, goal: "discount" }] },
    };
    server.script.push(reply(JSON.stringify(bad)), reply(JSON.stringify(bad)));
    expect(await writePersonaText(client(), lapsing, others)).toEqual({
      ok: false,
      reason: "invalid_output",
      attempts: 2,
    });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.messages[3]!.content).toBe(
      [
        "Your answer cannot be used:",
        "- zh-CN.strategies: Too small: expected array to have exactly 3 items",
        "- en.name: Too small: expected string to have >=2 characters",
        '- en.strategies.0.goal: Invalid option: expected one of "win_back"|"upsell"|"new_arrival"|"festival_sale"|"loyalty_reward"',
        "- en.strategies: Too small: expected array to have exactly 3 items",
        "Return ONLY the corrected JSON object, of the same shape, using only the figures given.",
      ].join("\n"),
    );
  });

  it("retries when a number is not among the figures, or is rounded too far", async () => {
    // 5,000 customers is invented; ¥1.3万 is not ¥12,346 rounded to 万 (that is ¥1.2万).
    const invented = withRationale("Bring back 5,000 customers before ¥1.3万 of CLV is gone.");
    server.script.push(reply(JSON.stringify(invented)), reply(JSON.stringify(valid)));
    expect(await writePersonaText(client(), lapsing, others)).toEqual({ ok: true, text: valid, attempts: 2 });
    expect(server.requests[1]!.messages[3]!.content).toContain(
      "- en.strategies.0.rationale: 5,000, 1.3万 are not among the figures.\n",
    );
  });

  it("treats reusing another segment's name as invalid output", async () => {
    const clash = { ...valid, en: { ...valid.en, name: "vip" } };
    server.script.push(reply(JSON.stringify(clash)), reply(JSON.stringify(clash)));
    expect(await writePersonaText(client(), lapsing, others)).toMatchObject({
      ok: false,
      reason: "invalid_output",
      attempts: 2,
    });
    expect(server.requests[1]!.messages[3]!.content).toContain('- en.name: "VIP" is another segment\'s name.\n');
  });

  it("reports provider errors by kind without retrying at the persona level", async () => {
    server.script.push({ kind: "status", status: 500 });
    expect(await writePersonaText(client(), lapsing, others)).toEqual({
      ok: false,
      reason: "unavailable",
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
    server.script.push({ kind: "status", status: 401 });
    expect(await writePersonaText(client(), lapsing, others)).toEqual({ ok: false, reason: "auth", attempts: 1 });
    expect(server.requests).toHaveLength(2);
    // A provider error on the retry ends it too, with two attempts.
    server.script.push(reply("not json"), { kind: "status", status: 503 });
    expect(await writePersonaText(client(), lapsing, others)).toEqual({
      ok: false,
      reason: "unavailable",
      attempts: 2,
    });
    expect(server.requests).toHaveLength(4);
  });

  it("passes the abort signal through", async () => {
    server.script.push({ kind: "reply", text: JSON.stringify(valid), firstTokenDelayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await writePersonaText(client(), lapsing, others, { signal: controller.signal })).toEqual({
      ok: false,
      reason: "aborted",
      attempts: 1,
    });
  });

  it("refuses a prompt that holds a known customer's data, sending nothing", async () => {
    const leaky = { ...lapsing, label: "张小三的朋友们" };
    expect(await writePersonaText(client(), leaky, others, { known: { values: ["张小三"] } })).toEqual({
      ok: false,
      reason: "personal_data",
      attempts: 1,
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe("ruleStrategies", () => {
  const tiny: SegmentBrief = {
    segment: 5,
    persona: "regular",
    label: "Regulars",
    customers: 4,
    customerShare: 0.01,
    revenueShare: 0.01,
    currency: "CNY",
    avgOrderValue: null,
    avgOrders: null,
    avgSpend: null,
    avgRecencyDays: null,
    discountShare: null,
    festivalShare: null,
    refundRate: null,
    avgChurnRisk: null,
    avgClv: null,
    valueAtRisk: null,
    topCategories: [],
    topProducts: [],
  };

  it("puts win-back first for a lapsing high-value segment, with its value at risk", () => {
    // Churn 62% ≥ 50% → win back; revenue share 31.2% ≥ 2 × 8.5% → loyalty reward; then the top category.
    expect(ruleStrategies(lapsing)).toEqual([
      {
        key: "winBackValue",
        goal: "win_back",
        channel: "sms",
        values: { valueAtRisk: 12345.6, currency: "CNY", customers: 120 },
      },
      {
        key: "loyaltyReward",
        goal: "loyalty_reward",
        channel: "email",
        values: { revenueShare: 0.312, customerShare: 0.085, customers: 120 },
      },
      {
        key: "categoryNewArrival",
        goal: "new_arrival",
        channel: "social",
        values: { category: "Home", customers: 120 },
      },
    ]);
  });

  it("wins back by recency when the run has no predictions, and by CLV-weighted risk alone", () => {
    const noPredictions = { ...lapsing, avgChurnRisk: null, avgClv: null, valueAtRisk: null };
    expect(ruleStrategies(noPredictions)[0]).toEqual({
      key: "winBackRecency",
      goal: "win_back",
      channel: "sms",
      values: { avgRecencyDays: 188, customers: 120 },
    });
    // Headcount churn 30%, but 6,000 / (100 × 120) = 50% of the CLV is at risk (≥ 40%).
    const weighted = { ...tiny, customers: 120, avgChurnRisk: 0.3, avgClv: 100, valueAtRisk: 6000 };
    expect(ruleStrategies(weighted)[0]?.key).toBe("winBackValue");
    expect(ruleStrategies({ ...weighted, valueAtRisk: 4700 })[0]?.key).not.toBe("winBackValue"); // 39%
  });

  it("gives a bargain hunter a festival coupon with its discount share", () => {
    const bargain: SegmentBrief = {
      ...tiny,
      persona: "bargain_hunter",
      customers: 300,
      customerShare: 0.3,
      revenueShare: 0.25,
      avgOrders: 3.1,
      discountShare: 0.41,
      festivalShare: 0.45,
      refundRate: 0.05,
      avgChurnRisk: 0.2,
      avgClv: 500,
      valueAtRisk: 800,
      topCategories: ["Beauty"],
      topProducts: [{ title: "Rose serum", sku: "SKU-BEA-007" }],
    };
    expect(ruleStrategies(bargain)).toEqual([
      {
        key: "festivalCoupon",
        goal: "festival_sale",
        channel: "push",
        values: { discountShare: 0.41, customers: 300 },
      },
      {
        key: "festivalEarlyAccess",
        goal: "festival_sale",
        channel: "push",
        values: { festivalShare: 0.45, customers: 300 },
      },
      {
        key: "categoryNewArrival",
        goal: "new_arrival",
        channel: "social",
        values: { category: "Beauty", customers: 300 },
      },
    ]);
    // Without the discount figure the archetype still earns a festival sale, with no number to cite.
    expect(ruleStrategies({ ...bargain, discountShare: null, festivalShare: null })[0]).toEqual({
      key: "seasonalSale",
      goal: "festival_sale",
      channel: "sms",
      values: { customers: 300 },
    });
  });

  it("asks new customers for a second purchase of the top product, and guides high returns", () => {
    const fresh: SegmentBrief = {
      ...tiny,
      persona: "new_customer",
      customers: 80,
      avgOrders: 1.1,
      refundRate: 0.2,
      topCategories: ["Apparel"],
      topProducts: [{ title: "Cotton tee", sku: "SKU-APP-010" }],
    };
    expect(ruleStrategies(fresh)).toEqual([
      {
        key: "secondPurchase",
        goal: "upsell",
        channel: "email",
        values: { product: "Cotton tee", sku: "SKU-APP-010", customers: 80 },
      },
      { key: "sizeGuidance", goal: "upsell", channel: "email", values: { refundRate: 0.2, customers: 80 } },
      {
        key: "categoryNewArrival",
        goal: "new_arrival",
        channel: "social",
        values: { category: "Apparel", customers: 80 },
      },
    ]);
    // Fillers skip a goal already chosen: upsellTopProduct would repeat the second purchase's product.
    expect(ruleStrategies({ ...fresh, refundRate: null, topCategories: [] }).map((s) => s.key)).toEqual([
      "secondPurchase",
      "storeNewArrivals",
      "seasonalSale",
    ]);
  });

  it("still gives three distinct strategies for a tiny segment with no figures", () => {
    expect(ruleStrategies(tiny)).toEqual([
      { key: "storeNewArrivals", goal: "new_arrival", channel: "social", values: { customers: 4 } },
      { key: "seasonalSale", goal: "festival_sale", channel: "sms", values: { customers: 4 } },
      { key: "thankYouReward", goal: "loyalty_reward", channel: "email", values: { customers: 4 } },
    ]);
    // With a recommended product (and several orders each) the first filler recommends it.
    expect(
      ruleStrategies({ ...tiny, avgOrders: 2.5, topProducts: [{ title: "Desk lamp", sku: "SKU-HOM-020" }] }),
    ).toEqual([
      {
        key: "upsellTopProduct",
        goal: "upsell",
        channel: "push",
        values: { product: "Desk lamp", sku: "SKU-HOM-020", customers: 4 },
      },
      { key: "storeNewArrivals", goal: "new_arrival", channel: "social", values: { customers: 4 } },
      { key: "seasonalSale", goal: "festival_sale", channel: "sms", values: { customers: 4 } },
    ]);
  });

  it("is deterministic, uses only listed keys, never repeats one and leaves the brief alone", () => {
    const briefs = [lapsing, tiny, { ...lapsing, persona: "vip", festivalShare: 0.5, discountShare: 0.35 }];
    for (const b of briefs) {
      const copy = structuredClone(b);
      const first = ruleStrategies(b);
      expect(ruleStrategies(b)).toEqual(first);
      expect(b).toEqual(copy);
      expect(first).toHaveLength(3);
      expect(new Set(first.map((s) => s.key)).size).toBe(3);
      for (const s of first) expect(RULE_STRATEGY_KEYS).toContain(s.key);
    }
    expect(ruleStrategies(briefs[2]!).map((s) => s.key)).toEqual(["winBackValue", "festivalCoupon", "loyaltyReward"]);
  });
});
