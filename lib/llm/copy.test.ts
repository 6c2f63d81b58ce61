import { describe, expect, it } from "vitest";
import type { BrandVoice, SegmentBrief } from "./brief";
import { copyMessages, copyText, fitToChannel, parseCopy, toTagged, translateMessages, type CopyRequest } from "./copy";
import { checkCopy, smsLength } from "./guardrails";
import { assertNoPersonalData, PersonalDataError } from "./privacy";

const brief: SegmentBrief = {
  segment: 2,
  persona: "lapsing_high_value",
  label: "流失风险高价值客户",
  customers: 1234,
  customerShare: 0.1234,
  revenueShare: 0.3456,
  currency: "CNY",
  avgOrderValue: 256.4,
  avgOrders: 3.25,
  avgSpend: 833.3,
  avgRecencyDays: 143.4,
  discountShare: 0.4,
  festivalShare: 0.25,
  refundRate: 0.031,
  avgChurnRisk: 0.62,
  avgClv: 1200,
  valueAtRisk: 345678.9,
  topCategories: ["数码", "食品"],
  topProducts: [{ title: "极客 超薄平板电脑 黑色", sku: "SKU-ELC-014" }],
};

const voice: BrandVoice = {
  description: "亲切、真诚，不夸张",
  wordsToUse: ["鲜", "安心"],
  wordsToAvoid: ["最便宜", "秒杀"],
};

const request: CopyRequest = {
  goal: "win_back",
  channel: "sms",
  tone: "warm",
  language: "zh-CN",
  storeName: "鲜选生活",
  brief,
  products: [
    { title: "极客 超薄平板电脑 黑色", sku: "SKU-ELC-014", price: 1299 },
    { title: "三只熊 低糖牛排 24袋", sku: "SKU-FOD-036" },
  ],
  offer: { kind: "percent", value: 20, code: "BACK20", starts: "2026-11-01", ends: "2026-11-11", festival: "double11" },
  brandVoice: voice,
  variant: 0,
  variants: 3,
};

const [system, user] = copyMessages(request).map((m) => m.content) as [string, string];

describe("copyMessages", () => {
  it("is a system and a user message asking for zh-CN output in English instructions", () => {
    const messages = copyMessages(request);
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(system).toContain("The copy must be in Simplified Chinese (zh-CN); these instructions are in English.");
    expect(copyMessages({ ...request, language: "en" })[0]!.content).toContain("The copy must be in English;");
  });

  it("states the channel's hard limits and the opt-out footer", () => {
    expect(system).toContain("must fit one SMS: at most 70 characters");
    expect(system).toContain("end with exactly “回T退订”");
    expect(system).toContain("Start with the store signature 【鲜选生活】");
    // 2 parts of UCS-2 = 2 × 67; 1 part of GSM-7 = 160
    expect(copyMessages({ ...request, smsParts: 2 })[0]!.content).toContain(
      "must fit 2 SMS parts: at most 134 characters",
    );
    const en = copyMessages({ ...request, language: "en", storeName: "Harbor & Pine" })[0]!.content;
    expect(en).toContain("at most 160 GSM-7 characters");
    expect(en).toContain('end with exactly "Reply STOP to opt out"');
    const push = copyMessages({ ...request, channel: "push" })[0]!.content;
    expect(push).toContain("TITLE at most 40 characters; BODY at most 120 characters");
    expect(push).toContain("TITLE: <title>\nBODY:\n<the body>");
    const email = copyMessages({ ...request, channel: "email" })[0]!.content;
    expect(email).toContain("subject line, at most 60 characters");
    expect(email).toContain("preview text shown after the subject, at most 100 characters");
    expect(email).toContain("TITLE: <subject line>\nPREHEADER: <preview text>\nBODY:");
    expect(copyMessages({ ...request, channel: "social" })[0]!.content).toContain("BODY at most 2000 characters");
    expect(system).toContain("BODY:\n<the message>");
    expect(system).not.toContain("TITLE:");
  });

  it("carries the offer verbatim, the products wrapped for the guardrails, the brand voice and the rules", () => {
    expect(user).toContain(
      "state them exactly as written, change or add nothing): 立减20%，券码BACK20，11月1日至11月11日有效",
    );
    expect(user).toContain("- 「极客 超薄平板电脑 黑色」 — price CNY 1,299 (you may quote it)");
    expect(user).toContain("- 「三只熊 低糖牛排 24袋」\n");
    expect(user).toContain("Brand voice: 亲切、真诚，不夸张");
    expect(user).toContain("Words to use where natural: 鲜, 安心");
    expect(user).toContain("Words never to use: 最便宜, 秒杀");
    expect(user).toContain("Occasion: 双11.");
    expect(system).toContain("Never invent a price, discount, percentage, date");
    expect(system).toContain("Never mention a product that is not listed");
    expect(system).toContain("No personal data");
    const en = copyMessages({ ...request, language: "en", channel: "email", currency: "USD" })[1]!.content;
    expect(en).toContain("20% off with code BACK20, from 2026-11-01 until 2026-11-11");
    expect(en).toContain("- “极客 超薄平板电脑 黑色” — price USD 1,299");
    expect(en).toContain("Occasion: Singles' Day.");
    // GSM SMS: straight quotes, since curly ones would force UCS-2
    expect(copyMessages({ ...request, language: "en" })[1]!.content).toContain('- "三只熊 低糖牛排 24袋"');
    const none = copyMessages({ ...request, offer: { kind: "none" }, products: [] })[1]!.content;
    expect(none).toContain("Offer: none. Promise no discount, coupon, gift, free shipping or price cut.");
    expect(none).toContain("Products: none chosen. Do not name any product.");
  });

  it("gives the segment's figures and omits those the run lacks", () => {
    expect(user).toContain("Audience: the segment “流失风险高价值客户” (archetype: lapsing_high_value).");
    expect(user).toContain("- 1,234 customers, 12.3% of the analysed customers, 34.6% of revenue");
    expect(user).toContain("- average order value: CNY 256.4");
    expect(user).toContain("- average days since the last order: 143");
    expect(user).toContain("- average churn risk: 62%");
    expect(user).toContain("- value at risk (churn risk × lifetime value, summed): CNY 345,678.9");
    expect(user).toContain("- favourite categories: 数码, 食品");
    const lean = copyMessages({
      ...request,
      brief: { ...brief, avgChurnRisk: null, avgClv: null, valueAtRisk: null, refundRate: null, topCategories: [] },
    })[1]!.content;
    expect(lean).toContain("- average order value: CNY 256.4");
    for (const gone of ["average churn risk", "lifetime value", "value at risk", "refund rate", "favourite categories"])
      expect(lean).not.toContain(gone);
    expect(copyMessages({ ...request, brief: null })[1]!.content).toContain("Audience: all of the store's customers.");
  });

  it("gives each variant its own angle, cycling through five", () => {
    const angle = (variant: number) => /Angle: ([^:]+):/.exec(copyMessages({ ...request, variant })[1]!.content)?.[1];
    expect([0, 1, 2, 3, 4, 5].map(angle)).toEqual([
      "benefit-led",
      "urgency",
      "social proof without numbers",
      "storytelling",
      "question-led",
      "benefit-led",
    ]);
    expect(copyMessages({ ...request, variant: 1 })[1]!.content).toContain("This is variant 2 of 3;");
  });

  it("passes the privacy check with a realistic brief, and the check is not vacuous", () => {
    for (const channel of ["sms", "push", "email", "social"] as const)
      for (const m of copyMessages({ ...request, channel }))
        expect(() => assertNoPersonalData(m.content)).not.toThrow();
    const leaky = copyMessages({ ...request, brief: { ...brief, label: "VIP zhang.wei@example.com" } });
    expect(() => assertNoPersonalData(leaky[1]!.content)).toThrow(PersonalDataError);
    const phone = copyMessages({ ...request, brief: { ...brief, topCategories: ["回访 13812345678"] } });
    expect(() => assertNoPersonalData(phone[1]!.content)).toThrow("the prompt contains a phone number");
  });
});

describe("translateMessages", () => {
  it("keeps titles and offer terms, swaps the footer, and sends the draft in the tagged format", () => {
    const [sys, draft] = translateMessages({
      parts: { body: "【鲜选生活】「极客 超薄平板电脑 黑色」立减20%，券码BACK20。回T退订" },
      from: "zh-CN",
      to: "en",
      channel: "sms",
      storeName: "鲜选生活",
      products: request.products,
      offer: { kind: "percent", value: 20, code: "BACK20" },
      brandVoice: voice,
    }).map((m) => m.content) as [string, string];
    expect(sys).toContain("from Simplified Chinese (zh-CN) into English.");
    expect(sys).toContain('unchanged and untranslated, written as: "极客 超薄平板电脑 黑色", "三只熊 低糖牛排 24袋".');
    expect(sys).toContain("change or add nothing): 20% off with code BACK20");
    expect(sys).toContain("Replace the opt-out footer “回T退订” with exactly “Reply STOP to opt out” at the very end.");
    expect(sys).toContain("at most 160 GSM-7 characters");
    expect(sys).toContain("Words never to use: 最便宜, 秒杀");
    expect(draft).toBe(
      "Draft to translate:\n\nBODY:\n【鲜选生活】「极客 超薄平板电脑 黑色」立减20%，券码BACK20。回T退订",
    );
  });
});

describe("parseCopy", () => {
  it("reads a complete email answer", () => {
    expect(parseCopy("TITLE: 双11好价\nPREHEADER: 立减20%\nBODY:\n第一段\n\n第二段\n", "email")).toEqual({
      title: "双11好价",
      preheader: "立减20%",
      body: "第一段\n\n第二段",
    });
  });

  it("returns what has arrived of a stream, without a half-written tag", () => {
    expect(parseCopy("TITLE: 双11好价\nPREHEA", "email")).toEqual({ title: "双11好价", body: "" });
    expect(parseCopy("TITLE: 双11好价\n**PRE", "email")).toEqual({ title: "双11好价", body: "" });
    expect(parseCopy("TITLE: 双11", "push")).toEqual({ title: "双11", body: "" });
    expect(parseCopy("TITLE: 双11好价\nBODY:\n好久不", "push")).toEqual({ title: "双11好价", body: "好久不" });
    // A finished line is body even if it looks like a tag's start.
    expect(parseCopy("BODY:\nBOD\n", "sms")).toEqual({ body: "BOD" });
  });

  it("tolerates fences, bold tags, full-width colons, inline bodies and a preamble", () => {
    expect(parseCopy("```text\n**TITLE:** Big sale\n**BODY**：Come back\n```", "push")).toEqual({
      title: "Big sale",
      body: "Come back",
    });
    expect(parseCopy("Here you go:\nTITLE：双11好价\nBODY：\n回来看看。", "push")).toEqual({
      title: "双11好价",
      body: "回来看看。",
    });
    expect(parseCopy("标题：双11好价\n预览文本：立减20%\n正文：\n回来看看。", "email")).toEqual({
      title: "双11好价",
      preheader: "立减20%",
      body: "回来看看。",
    });
  });

  it("takes untagged text as the body when there is no BODY tag; SMS and social keep only the body", () => {
    expect(parseCopy("\n  【鲜选生活】好久不见。回T退订  \n", "sms")).toEqual({
      body: "【鲜选生活】好久不见。回T退订",
    });
    expect(parseCopy("TITLE: Hi\nWe miss you.\nShop now.", "push")).toEqual({
      title: "Hi",
      body: "We miss you.\nShop now.",
    });
    expect(parseCopy("TITLE: Hi\nBODY:\nWe miss you.", "sms")).toEqual({ body: "We miss you." });
  });

  it("reads back what toTagged writes", () => {
    const parts = { title: "Subject", preheader: "Preview", body: "Line 1\n\nLine 2" };
    expect(parseCopy(toTagged(parts, "email"), "email")).toEqual(parts);
  });
});

describe("fitToChannel", () => {
  const guard = (body: string, language: "zh-CN" | "en", smsParts = 1) =>
    checkCopy(
      { body },
      { channel: "sms", language, bannedWords: [], allowedNumbers: [], catalog: [], smsParts },
    ).filter((p) => p.code === "too_long" || p.code === "missing_opt_out");

  it("cuts a 90-character Chinese SMS at the last sentence that fits, footer kept (15 + 39 + 4 = 58 ≤ 70)", () => {
    const s1 = "【鲜选生活】好久不见，想念您！"; // 15
    const s2 = "「极客 超薄平板电脑 黑色」立减20%，券码BACK20，11月11日前有效。"; // 39
    const s3 = "双11期间全场好物等您来挑选，欢迎回来逛逛，我们一直在这里等您。"; // 32
    const body = `${s1}${s2}${s3}回T退订`;
    expect(body.length).toBe(90);
    const fit = fitToChannel({ body }, "sms", "zh-CN");
    expect(fit.parts).toEqual({ body: `${s1}${s2}回T退订` });
    expect(fit.trimmed).toEqual([{ field: "body", from: 90, to: 58 }]);
    expect(guard(fit.parts.body, "zh-CN")).toEqual([]);
  });

  it("falls back to the last comma, ending the sentence there", () => {
    const body =
      "【鲜选生活】好久不见，想念您，「极客 超薄平板电脑 黑色」立减20%，券码BACK20，11月11日前有效，双11期间全场好物等您来挑选，欢迎回来逛逛";
    expect(body.length).toBe(75);
    expect(fitToChannel({ body }, "sms", "zh-CN")).toEqual({
      parts: {
        body: "【鲜选生活】好久不见，想念您，「极客 超薄平板电脑 黑色」立减20%，券码BACK20，11月11日前有效。回T退订",
      },
      trimmed: [{ field: "body", from: 75, to: 58 }],
    });
  });

  it("counts GSM extension characters twice: 158 characters but 168 units need a cut", () => {
    const a = "Harbor & Pine: We miss you! Take 20% off with code BACK20 until 2026-11-11."; // 75
    const b = " New in: {knits} [boots] ~ scarves ~ {coats} [hats] and more."; // 61 characters, 10 of them doubled
    const body = `${a}${b} Reply STOP to opt out`;
    expect(body.length).toBe(158);
    expect(smsLength(body).units).toBe(168);
    const fit = fitToChannel({ body }, "sms", "en");
    expect(fit.parts.body).toBe(`${a} Reply STOP to opt out`);
    expect(fit.trimmed).toEqual([{ field: "body", from: 168, to: 97 }]);
    expect(smsLength(fit.parts.body).encoding).toBe("gsm7");
  });

  it("never splits an emoji: the 65-unit cut falls inside 🎉, so the cut goes before it", () => {
    // 6 + 58 = 64 units, then 🎉 (2 units); 64 + "…" + "回T退订" = 69.
    const body = `【鲜选生活】${"好".repeat(58)}🎉${"好".repeat(10)}`;
    const fit = fitToChannel({ body }, "sms", "zh-CN");
    expect(fit.parts.body).toBe(`【鲜选生活】${"好".repeat(58)}…回T退订`);
    expect(fit.trimmed).toEqual([{ field: "body", from: 76, to: 69 }]);
    const push = fitToChannel({ title: `${"好".repeat(38)}🎉好好`, body: "b" }, "push", "zh-CN");
    expect(push.parts.title).toBe(`${"好".repeat(38)}…`);
    expect(push.trimmed).toEqual([{ field: "title", from: 42, to: 39 }]);
  });

  it("cuts push titles and email fields to their limits, never inside a quoted product title", () => {
    expect(
      fitToChannel({ title: "Harbor & Pine: the winter sale is on, with new arrivals", body: "b" }, "push", "en"),
    ).toEqual({
      parts: { title: "Harbor & Pine: the winter sale is on", body: "b" },
      trimmed: [{ field: "title", from: 55, to: 36 }],
    });
    expect(
      fitToChannel({ title: "Back in stock: “Vitamin C 1000mg, 60 tablets” and more", body: "b" }, "push", "en").parts
        .title,
    ).toBe("Back in stock…");
    const email = fitToChannel({ title: "Hi", preheader: "p".repeat(101), body: "x".repeat(6000) }, "email", "en");
    expect(email.parts).toEqual({ title: "Hi", preheader: `${"p".repeat(99)}…`, body: "x".repeat(6000) });
    expect(email.trimmed).toEqual([{ field: "preheader", from: 101, to: 100 }]);
    const social = fitToChannel({ body: `${"a".repeat(1990)}. ${"b".repeat(20)}.` }, "social", "en");
    expect(social.parts.body).toBe(`${"a".repeat(1990)}.`);
  });

  it("leaves fitting copy alone (trimmed = []) and only re-appends or swaps a missing footer", () => {
    const ok = "【鲜选生活】好久不见，想念您！立减20%。回T退订";
    expect(fitToChannel({ body: ok }, "sms", "zh-CN")).toEqual({ parts: { body: ok }, trimmed: [] });
    expect(fitToChannel({ title: "Hi", body: "Come back" }, "push", "en")).toEqual({
      parts: { title: "Hi", body: "Come back" },
      trimmed: [],
    });
    expect(fitToChannel({ body: "Harbor: We miss you!" }, "sms", "en")).toEqual({
      parts: { body: "Harbor: We miss you! Reply STOP to opt out" },
      trimmed: [],
    });
    expect(fitToChannel({ body: "【鲜选生活】好久不见。Reply STOP to opt out" }, "sms", "zh-CN").parts.body).toBe(
      "【鲜选生活】好久不见。回T退订",
    );
  });

  it("uses the parts the operator accepts: 2 UCS-2 parts = 134 units", () => {
    const body = `${"好".repeat(100)}。${"好".repeat(60)}。回T退订`; // 166
    const fit = fitToChannel({ body }, "sms", "zh-CN", 2);
    expect(fit.parts.body).toBe(`${"好".repeat(100)}。回T退订`);
    expect(fit.trimmed).toEqual([{ field: "body", from: 166, to: 105 }]);
    expect(guard(fit.parts.body, "zh-CN", 2)).toEqual([]);
  });
});

describe("copyText", () => {
  it("labels the subject and preheader in the copy's language", () => {
    const parts = { title: "双11好价", preheader: "立减20%", body: "回来看看。" };
    expect(copyText(parts, "email", "zh-CN")).toBe("标题：双11好价\n预览文本：立减20%\n\n回来看看。");
    expect(copyText({ title: "Sale", preheader: "20% off", body: "Hi" }, "email", "en")).toBe(
      "Subject: Sale\nPreheader: 20% off\n\nHi",
    );
    expect(copyText({ title: "Sale", body: "Hi" }, "push", "en")).toBe("Title: Sale\n\nHi");
    expect(copyText({ title: "ignored", body: "Hi. Reply STOP to opt out" }, "sms", "en")).toBe(
      "Hi. Reply STOP to opt out",
    );
  });
});
