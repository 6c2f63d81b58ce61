import { describe, expect, expectTypeOf, it } from "vitest";
import type { BrandVoice } from "../llm/brief";
import type { Channel, Language } from "../llm/guardrails";
import type { CampaignGoal, Festival, Offer, Tone } from "../llm/offline";
import {
  brandVoiceSchema,
  draftEditSchema,
  generateRequestSchema,
  generateRequestSchemaFor,
  isCalendarDate,
  llmProviderSchema,
  offerSchema,
  offerSchemaFor,
  translateRequestSchema,
  validateOfferDates,
  type BrandVoiceSettings,
  type CampaignOffer,
  type GenerateRequest,
} from "./campaign";

const TODAY = "2026-11-29";

/** The messages of a failed parse, as "path: message". */
function refusals(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
}

describe("offerSchema", () => {
  it("accepts the offers the studio sends and drops the value of no offer", () => {
    expect(offerSchema.parse({ kind: "percent", value: 12.5, code: "BACK-20_x", festival: "double11" })).toEqual({
      kind: "percent",
      value: 12.5,
      code: "BACK-20_x",
      festival: "double11",
    });
    expect(offerSchema.parse({ kind: "amount", value: "19.99", starts: "2026-11-01", ends: "2026-11-11" })).toEqual({
      kind: "amount",
      value: 19.99,
      starts: "2026-11-01",
      ends: "2026-11-11",
    });
    expect(offerSchema.parse({ kind: "amount", value: 1_000_000 }).value).toBe(1_000_000);
    expect(offerSchema.parse({ kind: "none", value: 30, code: "", ends: "" })).toEqual({ kind: "none" });
    expect(offerSchema.parse({ kind: "percent", value: 95, starts: "2028-02-29", ends: "2028-02-29" }).ends).toBe(
      "2028-02-29",
    );
  });

  it("refuses out-of-range and over-precise values", () => {
    expect(refusals(offerSchema.safeParse({ kind: "percent" }))).toEqual([
      "value: Enter the discount in percent (1 to 95).",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "percent", value: 0.5 }))).toEqual([
      "value: A percent discount must be between 1 and 95.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "percent", value: 96 }))).toEqual([
      "value: A percent discount must be between 1 and 95.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "percent", value: 12.25 }))).toEqual([
      "value: A percent discount may have at most one decimal, like 12.5.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "amount" }))).toEqual(["value: Enter the amount off."]);
    expect(refusals(offerSchema.safeParse({ kind: "amount", value: 0 }))).toEqual([
      "value: The amount off must be more than 0.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "amount", value: 1_000_000.01 }))).toEqual([
      "value: The amount off may be at most 1,000,000.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "amount", value: 9.999 }))).toEqual([
      "value: The amount off may have at most two decimals, like 9.99.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "amount", value: "ten" }))).toEqual([
      "value: The offer value must be a number.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "gift" }))).toEqual([
      "kind: Choose a percent discount, an amount off, or no offer.",
    ]);
    expect(refusals(offerSchema.safeParse(undefined))).toEqual([
      ": Describe the offer: its kind (percent, amount or none) and its terms.",
    ]);
  });

  it("refuses bad codes, festivals and unknown keys", () => {
    for (const code of ["SAVE 20", "折扣20", "A".repeat(21)])
      expect(refusals(offerSchema.safeParse({ kind: "percent", value: 20, code }))).toEqual([
        "code: A discount code is 1 to 20 letters, digits, hyphens or underscores.",
      ]);
    expect(refusals(offerSchema.safeParse({ kind: "none", festival: "christmas" }))).toEqual([
      "festival: The festival must be 618, double11 or black_friday.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "none", minSpend: 99 }))).toEqual([': Unrecognized key: "minSpend"']);
  });

  it("refuses dates that are not calendar dates, naming them, and windows that run backwards or too long", () => {
    expect(refusals(offerSchema.safeParse({ kind: "none", starts: "2026-02-30" }))).toEqual([
      "starts: The start date 2026-02-30 is not a real calendar date.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "none", ends: "2027-02-29" }))).toEqual([
      "ends: The end date 2027-02-29 is not a real calendar date.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "none", ends: "11/11/2026" }))).toEqual([
      "ends: The end date must be written YYYY-MM-DD.",
    ]);
    expect(refusals(offerSchema.safeParse({ kind: "none", starts: "2026-11-11", ends: "2026-11-01" }))).toEqual([
      "ends: The offer ends on 2026-11-01, before it starts (2026-11-11).",
    ]);
    // 2026-01-01 … 2027-01-01 is 366 days counted inclusively (allowed); one more day is not.
    expect(offerSchema.safeParse({ kind: "none", starts: "2026-01-01", ends: "2027-01-01" }).success).toBe(true);
    expect(refusals(offerSchema.safeParse({ kind: "none", starts: "2026-01-01", ends: "2027-01-02" }))).toEqual([
      "ends: The offer runs 367 days, from 2026-01-01 to 2027-01-02; an offer may run at most 366 days.",
    ]);
  });

  it("given today, refuses an offer that has ended and counts an open start from today", () => {
    const now = offerSchemaFor(TODAY);
    expect(refusals(now.safeParse({ kind: "percent", value: 20, ends: "2026-10-01" }))).toEqual([
      "ends: The offer ended on 2026-10-01, before today (2026-11-29).",
    ]);
    expect(now.safeParse({ kind: "percent", value: 20, starts: "2026-11-01", ends: TODAY }).success).toBe(true);
    // 2026-11-29 … 2027-11-30 is 367 days.
    expect(refusals(now.safeParse({ kind: "none", ends: "2027-11-30" }))).toEqual([
      "ends: The offer runs 367 days, from 2026-11-29 to 2027-11-30; an offer may run at most 366 days.",
    ]);
    expect(offerSchema.safeParse({ kind: "percent", value: 20, ends: "2026-10-01" }).success).toBe(true);
    expect(() => offerSchemaFor("2026-13-01")).toThrow(RangeError);
  });

  it("validateOfferDates lists every date problem and ignores what the schema refuses", () => {
    expect(validateOfferDates({ starts: "2026-11-11", ends: "2026-10-01" }, TODAY)).toEqual([
      { path: "ends", message: "The offer ended on 2026-10-01, before today (2026-11-29)." },
      { path: "ends", message: "The offer ends on 2026-10-01, before it starts (2026-11-11)." },
    ]);
    expect(validateOfferDates({ starts: "2026-02-30", ends: "2026-12-01" }, TODAY)).toEqual([]);
    expect(validateOfferDates({ starts: "2026-12-01" }, TODAY)).toEqual([]);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
  });

  it("produces the Offer that lib/llm takes", () => {
    expectTypeOf<CampaignOffer>().toExtend<Offer>();
    const offer: Offer = offerSchema.parse({ kind: "percent", value: 20 });
    expect(offer).toEqual({ kind: "percent", value: 20 });
  });
});

describe("generateRequestSchemaFor", () => {
  const schema = generateRequestSchemaFor(TODAY);
  const minimal = {
    segment: 2,
    goal: "win_back",
    channel: "sms",
    tone: "warm",
    language: "zh-CN",
    offer: { kind: "percent", value: 20, code: "BACK20", ends: "2026-12-31" },
  };

  it("accepts a request and fills the defaults", () => {
    expect(schema.parse(minimal)).toEqual({
      ...minimal,
      festival: undefined,
      variants: 3,
      productIds: [],
      smsParts: 1,
    });
    const full = schema.parse({
      ...minimal,
      campaignId: 7,
      name: "  双11 召回  ",
      segment: null,
      goal: "festival_sale",
      offer: { ...minimal.offer, festival: "double11" },
      variants: 5,
      productIds: [3, 1, 2],
      smsParts: "2",
    });
    expect(full).toMatchObject({
      campaignId: 7,
      name: "双11 召回",
      segment: null,
      festival: "double11",
      variants: 5,
      productIds: [3, 1, 2],
      smsParts: 2,
    });
    expect(schema.parse({ ...minimal, segment: -1 }).segment).toBe(-1);
    expect(generateRequestSchema(TODAY).parse(minimal)).toEqual(schema.parse(minimal));
    expect(schema.parse({ ...minimal, regenerate: 2 }).regenerate).toBe(2);
  });

  it("refuses each bad field with its own message", () => {
    const bad = (over: Record<string, unknown>) => refusals(schema.safeParse({ ...minimal, ...over }));
    expect(bad({ segment: -2 })).toEqual(["segment: Choose a segment (a number from -1) or the whole store (null)."]);
    // Not a whole number and below -1: one message, not two.
    expect(bad({ segment: -2.5 })).toEqual(["segment: Choose a segment (a number from -1) or the whole store (null)."]);
    expect(bad({ segment: undefined })).toEqual([
      "segment: Choose a segment (a number from -1) or the whole store (null).",
    ]);
    expect(bad({ campaignId: 0 })).toEqual(["campaignId: The campaign id must be a positive whole number."]);
    expect(bad({ name: "x".repeat(81) })).toEqual(["name: A campaign name is at most 80 characters."]);
    expect(bad({ goal: "spam" })).toEqual([
      "goal: Choose a campaign goal: win_back, upsell, new_arrival, festival_sale or loyalty_reward.",
    ]);
    expect(bad({ channel: "fax" })).toEqual(["channel: Choose a channel: sms, push, email or social."]);
    expect(bad({ tone: "angry" })).toEqual(["tone: Choose a tone: warm, playful, premium or direct."]);
    expect(bad({ language: "fr" })).toEqual(["language: Choose a language: zh-CN or en."]);
    expect(bad({ variants: 6 })).toEqual(["variants: Ask for 1 to 5 variants."]);
    expect(bad({ variants: 2.5 })).toEqual(["variants: Ask for 1 to 5 variants."]);
    expect(bad({ smsParts: 4 })).toEqual(["smsParts: An SMS may use 1 to 3 parts."]);
    expect(bad({ productIds: [1, 2, 1] })).toEqual(["productIds: Product 1 is chosen twice."]);
    expect(bad({ productIds: [0] })).toEqual(["productIds.0: A product id must be a positive whole number."]);
    expect(bad({ productIds: Array.from({ length: 11 }, (_, i) => i + 1) })).toEqual([
      "productIds: Choose at most 10 products.",
    ]);
    expect(bad({ offer: { kind: "percent", value: 20, ends: "2026-10-01" } })).toEqual([
      "offer.ends: The offer ended on 2026-10-01, before today (2026-11-29).",
    ]);
    expect(bad({ storeId: 2 })).toEqual([': Unrecognized key: "storeId"']);
    expect(bad({ regenerate: 5 })).toEqual(["regenerate: The variant to regenerate is a number from 0 to 4."]);
    expect(bad({ regenerate: 3 })).toEqual([
      "regenerate: Variant 3 cannot be regenerated: the request has variants 0 to 2.",
    ]);
  });

  it("needs a festival for a festival sale, from the request or the offer, and one only", () => {
    expect(refusals(schema.safeParse({ ...minimal, goal: "festival_sale" }))).toEqual([
      "festival: A festival sale needs its festival: 618, double11 or black_friday.",
    ]);
    expect(schema.parse({ ...minimal, goal: "festival_sale", festival: "618" }).festival).toBe("618");
    expect(
      refusals(
        schema.safeParse({ ...minimal, festival: "618", offer: { ...minimal.offer, festival: "black_friday" } }),
      ),
    ).toEqual(["festival: The campaign's festival (618) and the offer's festival (black_friday) differ."]);
  });

  it("produces the enums of lib/llm", () => {
    expectTypeOf<GenerateRequest["goal"]>().toEqualTypeOf<CampaignGoal>();
    expectTypeOf<GenerateRequest["channel"]>().toEqualTypeOf<Channel>();
    expectTypeOf<GenerateRequest["tone"]>().toEqualTypeOf<Tone>();
    expectTypeOf<GenerateRequest["language"]>().toEqualTypeOf<Language>();
    expectTypeOf<GenerateRequest["festival"]>().toEqualTypeOf<Festival | undefined>();
    expect(schema.parse(minimal).goal).toBe("win_back");
  });
});

describe("translateRequestSchema and draftEditSchema", () => {
  it("accepts and refuses translations", () => {
    expect(translateRequestSchema.parse({ draftId: "12", to: "en" })).toEqual({ draftId: 12, to: "en" });
    expect(refusals(translateRequestSchema.safeParse({ draftId: -1, to: "de" }))).toEqual([
      "draftId: The draft id must be a positive whole number.",
      "to: Translate into zh-CN or en.",
    ]);
  });

  it("accepts an edit, trims it, and refuses empty or overlong fields", () => {
    expect(draftEditSchema.parse({ draftId: 3, title: " ", preheader: "预览", body: "  正文\n第二行 " })).toEqual({
      draftId: 3,
      preheader: "预览",
      body: "正文\n第二行",
    });
    expect(refusals(draftEditSchema.safeParse({ draftId: 3, body: " \n " }))).toEqual([
      "body: The copy cannot be empty.",
    ]);
    expect(
      refusals(
        draftEditSchema.safeParse({
          draftId: 3,
          title: "t".repeat(201),
          preheader: "p".repeat(301),
          body: "b".repeat(5001),
        }),
      ),
    ).toEqual([
      "title: A title is at most 200 characters.",
      "preheader: A preheader is at most 300 characters.",
      "body: The copy is at most 5000 characters.",
    ]);
  });
});

describe("brandVoiceSchema", () => {
  it("splits typed lists on commas, 、, ；, and new lines, trims and dedupes them", () => {
    expect(
      brandVoiceSchema.parse({
        description: "  亲切、真诚  ",
        wordsToUse: "鲜, 安心、匠心\n好物；Cozy，cozy,,",
        wordsToAvoid: [" 最便宜 ", "秒杀", "秒杀"],
      }),
    ).toEqual({
      description: "亲切、真诚",
      wordsToUse: ["鲜", "安心", "匠心", "好物", "Cozy"],
      wordsToAvoid: ["最便宜", "秒杀"],
    });
    expect(brandVoiceSchema.parse({})).toEqual({ description: "", wordsToUse: [], wordsToAvoid: [] });
    expectTypeOf<BrandVoiceSettings>().toEqualTypeOf<BrandVoice>();
  });

  it("refuses long descriptions and words, too many words, blanks and contradictions", () => {
    expect(refusals(brandVoiceSchema.safeParse({ description: "d".repeat(501) }))).toEqual([
      "description: The brand description is at most 500 characters.",
    ]);
    expect(refusals(brandVoiceSchema.safeParse({ wordsToAvoid: ["a".repeat(31)] }))).toEqual([
      `wordsToAvoid.0: "${"a".repeat(31)}" is longer than 30 characters.`,
    ]);
    expect(refusals(brandVoiceSchema.safeParse({ wordsToUse: ["ok", " "] }))).toEqual([
      "wordsToUse.1: A word to use cannot be empty.",
    ]);
    const many = Array.from({ length: 31 }, (_, i) => `w${i}`);
    expect(refusals(brandVoiceSchema.safeParse({ wordsToUse: many.join(",") }))).toEqual([
      "wordsToUse: At most 30 words to use.",
    ]);
    // 31 entries but 30 distinct words: accepted.
    expect(brandVoiceSchema.parse({ wordsToUse: [...many.slice(0, 30), "W0"] }).wordsToUse).toHaveLength(30);
    expect(refusals(brandVoiceSchema.safeParse({ wordsToUse: "鲜,安心", wordsToAvoid: "安心" }))).toEqual([
      'wordsToAvoid: "安心" cannot be both a word to use and a word to avoid.',
    ]);
  });
});

describe("llmProviderSchema", () => {
  it("accepts a provider; empty base URL and key become undefined (keep the stored key)", () => {
    expect(
      llmProviderSchema.parse({
        baseURL: " https://api.deepseek.com/v1 ",
        model: "deepseek-chat",
        apiKey: " sk-abc123\n",
        timeoutSeconds: "60",
      }),
    ).toEqual({
      baseURL: "https://api.deepseek.com/v1",
      model: "deepseek-chat",
      apiKey: "sk-abc123",
      timeoutSeconds: 60,
    });
    expect(llmProviderSchema.parse({ baseURL: "", model: "qwen/qwen2.5:7b@latest", apiKey: "" })).toEqual({
      model: "qwen/qwen2.5:7b@latest",
    });
    expect(llmProviderSchema.parse({ baseURL: "http://localhost:11434/v1", model: "llama3.1" }).baseURL).toBe(
      "http://localhost:11434/v1",
    );
  });

  it("refuses each bad field with its own message, never echoing the key", () => {
    expect(refusals(llmProviderSchema.safeParse({ baseURL: "ftp://example.com", model: "m" }))).toEqual([
      "baseURL: The base URL must be an http:// or https:// address, like https://api.deepseek.com/v1.",
    ]);
    expect(refusals(llmProviderSchema.safeParse({ baseURL: "api.openai.com", model: "m" }))).toEqual([
      "baseURL: The base URL must be an http:// or https:// address, like https://api.deepseek.com/v1.",
    ]);
    expect(refusals(llmProviderSchema.safeParse({ model: " " }))).toEqual(["model: Enter the model name."]);
    expect(refusals(llmProviderSchema.safeParse({ model: "gpt 4o" }))).toEqual([
      "model: A model name may contain only letters, digits and . : / @ - _ (no spaces).",
    ]);
    expect(refusals(llmProviderSchema.safeParse({ model: "m".repeat(101) }))).toEqual([
      "model: A model name is at most 100 characters.",
    ]);
    const spaced = refusals(llmProviderSchema.safeParse({ model: "m", apiKey: "sk-secret value" }));
    expect(spaced).toEqual(["apiKey: The API key cannot contain spaces or line breaks."]);
    expect(spaced.join()).not.toContain("secret");
    expect(refusals(llmProviderSchema.safeParse({ model: "m", apiKey: "k".repeat(301) }))).toEqual([
      "apiKey: The API key is longer than 300 characters.",
    ]);
    for (const timeoutSeconds of [4, 301, 7.5])
      expect(refusals(llmProviderSchema.safeParse({ model: "m", timeoutSeconds }))).toEqual([
        "timeoutSeconds: The timeout is a whole number of seconds from 5 to 300.",
      ]);
  });
});
