// Persona text: for each segment, a name, a one-line description and three strategy suggestions in
// zh-CN and en, written by the language model from the segment's aggregates (brief.ts). The reply is
// checked twice over — its JSON against personaTextSchema, and every number in it against the figures
// the prompt showed — and one retry names what was wrong. When the model is unavailable or fails twice,
// the caller falls back to ruleStrategies: deterministic suggestions tied to the same figures, which the
// UI renders from i18n keys (RULE_STRATEGY_KEYS).
import { z } from "zod";
import type { SegmentBrief } from "./brief";
import { LlmError, type ChatMessage, type LlmClient } from "./client";
import type { Channel } from "./guardrails";
import type { CampaignGoal } from "./offline";
import { PersonalDataError, type KnownPersonalData } from "./privacy";

// Records over the unions so that a goal or channel added there must be added here too.
const GOAL_SET: Record<CampaignGoal, true> = {
  win_back: true,
  upsell: true,
  new_arrival: true,
  festival_sale: true,
  loyalty_reward: true,
};
const CHANNEL_SET: Record<Channel, true> = { sms: true, push: true, email: true, social: true };
const GOALS = Object.keys(GOAL_SET) as [CampaignGoal, ...CampaignGoal[]];
const CHANNELS = Object.keys(CHANNEL_SET) as [Channel, ...Channel[]];

const LIMITS = {
  name: [2, 24],
  description: [8, 160],
  title: [2, 40],
  rationale: [8, 200],
} as const satisfies Record<string, readonly [number, number]>;

const text = ([min, max]: readonly [number, number]) => z.string().trim().min(min).max(max);

const strategySchema = z.object({
  title: text(LIMITS.title),
  goal: z.enum(GOALS),
  channel: z.enum(CHANNELS),
  rationale: text(LIMITS.rationale),
});

const langTextSchema = z.object({
  name: text(LIMITS.name),
  description: text(LIMITS.description),
  strategies: z.array(strategySchema).length(3),
});

export const personaTextSchema = z.object({ "zh-CN": langTextSchema, en: langTextSchema });
export type PersonaText = z.infer<typeof personaTextSchema>;

// ---------------------------------------------------------------------------------------------------
// The prompt

const ARCHETYPES: Record<string, string> = {
  vip: "VIP: spends the most and buys often",
  lapsing_high_value: "lapsing high-value: spent a lot but has not bought for a while",
  bargain_hunter: "bargain hunter: buys mostly with discounts",
  high_returns: "high returns: refunds or cancels often",
  category_fan: "category fan: buys mostly in one category",
  festival_shopper: "festival shopper: buys mostly during shopping festivals",
  new_customer: "new customer: joined recently",
  one_time: "one-time buyer: a single order so far",
  regular: "regular: no trait stands out",
};

const formatNumber = (v: number, minDigits: number, maxDigits: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits }).format(v);

/** Whole units from 100 up, cents below; the currency as offline.ts writes it (¥ for CNY, else the code). */
function formatMoney(v: number, currency: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : 2;
  const n = formatNumber(v, digits, digits);
  return currency === "CNY" ? `¥${n}` : `${currency} ${n}`;
}

const formatShare = (v: number) => `${formatNumber(v * 100, 0, 1)}%`;

/**
 * The segment's figures as the prompt shows them: non-null ones only, rounded as a marketer would
 * read them. The numbers in `shown` are the only numbers the reply may use (labels carry no digits).
 */
function presentFigures(b: SegmentBrief): { label: string; shown: string }[] {
  const m = (v: number) => formatMoney(v, b.currency);
  const rows: [string, string | null][] = [
    ["Customers", `${formatNumber(b.customers, 0, 0)} (${formatShare(b.customerShare)} of the analysed customers)`],
    ["Share of the store's revenue", formatShare(b.revenueShare)],
    ["Average order value", b.avgOrderValue === null ? null : m(b.avgOrderValue)],
    ["Orders per customer", b.avgOrders === null ? null : formatNumber(b.avgOrders, 0, 1)],
    ["Spend per customer", b.avgSpend === null ? null : m(b.avgSpend)],
    ["Days since the last order", b.avgRecencyDays === null ? null : formatNumber(b.avgRecencyDays, 0, 0)],
    ["Discounts as a share of gross spend", b.discountShare === null ? null : formatShare(b.discountShare)],
    ["Orders placed during shopping festivals", b.festivalShare === null ? null : formatShare(b.festivalShare)],
    ["Orders refunded", b.refundRate === null ? null : formatShare(b.refundRate)],
    ["Churn probability", b.avgChurnRisk === null ? null : formatShare(b.avgChurnRisk)],
    ["Customer lifetime value (CLV)", b.avgClv === null ? null : m(b.avgClv)],
    [
      "Value at risk (churn probability × CLV, summed over the segment)",
      b.valueAtRisk === null ? null : m(b.valueAtRisk),
    ],
  ];
  return rows.flatMap(([label, shown]) => (shown === null ? [] : [{ label, shown }]));
}

const SHAPE_LANG = (language: string) => `{
    "name": "${language} persona name, ${LIMITS.name[0]}–${LIMITS.name[1]} characters",
    "description": "one line, ${LIMITS.description[0]}–${LIMITS.description[1]} characters",
    "strategies": [
      {
        "title": "${LIMITS.title[0]}–${LIMITS.title[1]} characters",
        "goal": "${GOALS.join(" | ")}",
        "channel": "${CHANNELS.join(" | ")}",
        "rationale": "${LIMITS.rationale[0]}–${LIMITS.rationale[1]} characters, citing the figures"
      }
      (exactly 3 strategies)
    ]
  }`;

const SYSTEM = [
  "You are a CRM analyst writing for the marketing team of an online store. From one customer segment's aggregate figures you write a persona: a short name, a one-line description and three marketing strategies, in Simplified Chinese (zh-CN) and in English (en), with the same content in both languages.",
  "Rules:",
  "- Return ONLY a JSON object of the shape given: no prose, no code fence.",
  "- Ground every strategy in the figures. For example: a high CLV at risk → a win-back that cites the value at risk; a high discount share → a festival coupon; VIPs → a loyalty reward; new or one-time customers → an upsell to a second purchase with a recommended product.",
  "- Use only numbers that appear in the figures; you may round them (¥12,346 → ¥1.2万 or ¥12.3k). Never invent numbers: no discount values, prices, dates, counts or derived ratios that are not in the figures.",
  "- Name only the categories and products listed. Choose a name different from the other segments' names.",
].join("\n");

/** System and user prompt for one segment; `others` are the other segments' labels, so names differ. */
export function personaMessages(brief: SegmentBrief, others: string[]): ChatMessage[] {
  const hint = ARCHETYPES[brief.persona];
  const products = brief.topProducts.map((p) => `「${p.title}」 (${p.sku})`);
  const user = [
    `Segment: ${brief.label}`,
    `Archetype: ${brief.persona}${hint ? ` (${hint})` : ""}`,
    "Figures (means per customer unless stated):",
    ...presentFigures(brief).map((f) => `- ${f.label}: ${f.shown}`),
    `Top categories: ${brief.topCategories.length ? brief.topCategories.join(", ") : "none"}`,
    `Most recommended products: ${products.length ? products.join(", ") : "none"}`,
    `Other segments (choose a different name): ${others.length ? others.join("; ") : "none"}`,
    "",
    "Return ONLY this JSON object:",
    `{\n  "zh-CN": ${SHAPE_LANG("Chinese")},\n  "en": ${SHAPE_LANG("English")}\n}`,
  ].join("\n");
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: user },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Checking the reply

// A number as written: 12,346 · 12346 · 35.2 · 1.2万 · 12.3k. Digits glued to a Latin letter (B2B, H5,
// SKU123) are part of a word, not a figure.
const NUMBER = /(?<![A-Za-z\d])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(万|亿)|([kKM])(?![A-Za-z]))?/g;
const MULTIPLIER: Record<string, number> = { 万: 1e4, 亿: 1e8, k: 1e3, K: 1e3, M: 1e6 };
// Festival names with digits are names, not claims (as in guardrails.ts).
const FESTIVAL_NAMES = /双1[12]|618|11\.11|12\.12|double\s?1[12]/gi;

type WrittenNumber = { written: string; value: number; precision: number; percent: boolean };

function readNumbers(s: string): WrittenNumber[] {
  return [...s.matchAll(NUMBER)].map((m) => {
    const int = (m[1] as string).replace(/,/g, "");
    const frac = m[2] ?? "";
    const mult = MULTIPLIER[m[3] ?? m[4] ?? ""] ?? 1;
    // An integer's trailing zeros are its rounding (12,000 ≈ 12,346), but at least two significant
    // digits are kept so that "100" cannot stand for anything from 50 to 149.
    const zeros = int.length - int.replace(/0+$/, "").length;
    const exponent = frac ? -frac.length : Math.min(zeros, Math.max(0, int.length - 2));
    const after = s.slice((m.index ?? 0) + m[0].length).trimStart();
    return {
      written: m[0],
      value: Number(frac ? `${int}.${frac}` : int) * mult,
      precision: 10 ** exponent * mult,
      percent: after.startsWith("%") || after.startsWith("％"),
    };
  });
}

type ReplyContext = {
  /** Numeric values of the figures as shown in the prompt. */
  figures: number[];
  /** Names whose digits are theirs: products, SKUs, categories, segment labels. */
  names: string[];
  others: string[];
};

function replyContext(brief: SegmentBrief, others: string[]): ReplyContext {
  return {
    figures: presentFigures(brief).flatMap((f) => readNumbers(f.shown).map((n) => n.value)),
    names: [
      ...brief.topProducts.flatMap((p) => [p.title, p.sku]),
      ...brief.topCategories,
      brief.label,
      ...others,
    ].filter((n) => n.trim().length > 0),
    others,
  };
}

/**
 * Numbers in `s` that are not among the figures. A written number is supported when it is a figure
 * rounded to the precision it is written with (35% for 35.2%, 1.2万 for ¥12,346); units are not
 * compared. The integers 1–3 not followed by % pass as ordinals and counts ("top 3", "第2单").
 */
function unsupportedNumbers(s: string, ctx: ReplyContext): string[] {
  let scrubbed = s.replace(FESTIVAL_NAMES, " ");
  // Longest first, so that a product title is removed before a category it contains.
  for (const name of [...ctx.names].sort((a, b) => b.length - a.length)) scrubbed = scrubbed.split(name).join(" ");
  return readNumbers(scrubbed)
    .filter((n) => {
      if (!n.percent && n.precision === 1 && n.value >= 1 && n.value <= 3 && Number.isInteger(n.value)) return false;
      const tolerance = n.precision / 2;
      return !ctx.figures.some((v) => Math.abs(n.value - v) <= tolerance + 1e-9 * Math.max(1, Math.abs(v)));
    })
    .map((n) => n.written);
}

function stripFence(reply: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(reply);
  return (fenced ? (fenced[1] as string) : reply).trim();
}

function checkReply(
  reply: string,
  ctx: ReplyContext,
): { ok: true; text: PersonaText } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(stripFence(reply));
  } catch (err) {
    return { ok: false, problems: [`The reply is not valid JSON (${(err as Error).message}).`] };
  }
  const parsed = personaTextSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`),
    };
  const problems: string[] = [];
  for (const lang of ["zh-CN", "en"] as const) {
    const t = parsed.data[lang];
    const fields: [string, string][] = [
      [`${lang}.name`, t.name],
      [`${lang}.description`, t.description],
      ...t.strategies.flatMap((s, i): [string, string][] => [
        [`${lang}.strategies.${i}.title`, s.title],
        [`${lang}.strategies.${i}.rationale`, s.rationale],
      ]),
    ];
    for (const [path, value] of fields) {
      const bad = unsupportedNumbers(value, ctx);
      if (bad.length)
        problems.push(`${path}: ${bad.join(", ")} ${bad.length > 1 ? "are" : "is"} not among the figures.`);
    }
    const clash = ctx.others.find((o) => o.trim().toLowerCase() === t.name.toLowerCase());
    if (clash !== undefined) problems.push(`${lang}.name: "${clash}" is another segment's name.`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, text: parsed.data };
}

function retryMessage(problems: string[]): string {
  return [
    "Your answer cannot be used:",
    ...problems.map((p) => `- ${p}`),
    "Return ONLY the corrected JSON object, of the same shape, using only the figures given.",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------
// The model call

/** One retry after an invalid reply; 429 and 5xx are retried by the client itself. */
const MAX_ATTEMPTS = 2;

export type PersonaTextResult =
  | { ok: true; text: PersonaText; attempts: number }
  | { ok: false; reason: "invalid_output" | LlmError["kind"] | "personal_data"; attempts: number };

/**
 * Asks the model for the persona text and validates it. `attempts` counts the completions asked for,
 * including one refused by the privacy check. On ok:false the caller shows the rule-based text.
 */
export async function writePersonaText(
  client: LlmClient,
  brief: SegmentBrief,
  others: string[],
  options: { signal?: AbortSignal; known?: KnownPersonalData } = {},
): Promise<PersonaTextResult> {
  const ctx = replyContext(brief, others);
  let messages = personaMessages(brief, others);
  for (let attempts = 1; ; attempts++) {
    let reply: string;
    try {
      reply = await client.complete(messages, {
        purpose: "persona",
        json: true,
        temperature: 0.4,
        signal: options.signal,
        known: options.known,
      });
    } catch (err) {
      if (err instanceof LlmError) return { ok: false, reason: err.kind, attempts };
      if (err instanceof PersonalDataError) return { ok: false, reason: "personal_data", attempts };
      throw err;
    }
    const checked = checkReply(reply, ctx);
    if (checked.ok) return { ok: true, text: checked.text, attempts };
    if (attempts >= MAX_ATTEMPTS) return { ok: false, reason: "invalid_output", attempts };
    messages = [
      ...messages,
      { role: "assistant", content: reply },
      { role: "user", content: retryMessage(checked.problems) },
    ];
  }
}

// ---------------------------------------------------------------------------------------------------
// Rule-based strategies

/**
 * The i18n keys of the rule-based strategies, with the goal · channel each comes with and the values
 * the UI interpolates. Money is in major units of `currency` (rounded to cents), shares are 0–1
 * (rounded to 0.1 percentage point), counts and days are integers.
 */
export const RULE_STRATEGY_KEYS = [
  /** win_back · sms — win back the members likely to leave; { valueAtRisk, currency, customers } */
  "winBackValue",
  /** win_back · sms — lapsing members without churn predictions; { avgRecencyDays, customers } */
  "winBackRecency",
  /** festival_sale · push — a festival coupon for discount-driven buyers; { discountShare, customers } */
  "festivalCoupon",
  /** loyalty_reward · email — reward the segment that carries the revenue; { revenueShare, customerShare, customers } */
  "loyaltyReward",
  /** upsell · email — a second purchase of the top recommended product; { product, sku, customers } */
  "secondPurchase",
  /** festival_sale · push — early access to the next festival sale; { festivalShare, customers } */
  "festivalEarlyAccess",
  /** new_arrival · social — new arrivals in the segment's top category; { category, customers } */
  "categoryNewArrival",
  /** upsell · email — size and fit guidance with the next order, to cut refunds; { refundRate, customers } */
  "sizeGuidance",
  /** upsell · push — recommend the top product (generic); { product, sku, customers } */
  "upsellTopProduct",
  /** new_arrival · social — the store's new arrivals (generic); { customers } */
  "storeNewArrivals",
  /** festival_sale · sms — the store's next seasonal sale (generic); { customers } */
  "seasonalSale",
  /** loyalty_reward · email — a thank-you gift (generic); { customers } */
  "thankYouReward",
] as const;
export type RuleStrategyKey = (typeof RULE_STRATEGY_KEYS)[number];

export type RuleStrategy = {
  key: RuleStrategyKey;
  goal: CampaignGoal;
  channel: Channel;
  values: Record<string, string | number>;
};

// Thresholds of the rules. valueAtRisk / (avgClv × customers) is the CLV-weighted mean churn
// probability: at 0.4 the valuable members are the likely leavers even when the headcount mean is lower.
const CHURN_RISK = 0.5;
const WEIGHTED_CHURN_RISK = 0.4;
const DISCOUNT_SHARE = 0.3;
const FESTIVAL_SHARE = 0.4;
const REFUND_RATE = 0.15;
/** Revenue share at least twice the customer share: members worth twice the store's average. */
const VALUE_RATIO = 2;
/** Fewer than 1.5 orders per customer: most members have bought once. */
const FEW_ORDERS = 1.5;

const money = (v: number) => Math.round(v * 100) / 100;
const share = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Exactly three strategies for a segment, deterministic and tied to its figures. Data rules in
 * priority order — win-back, festival coupon, loyalty reward, second purchase, festival early access,
 * category new arrivals, size guidance — each at most once; then generic ones fill up to three,
 * skipping any whose goal is already chosen (so fillers never repeat what a rule said).
 */
export function ruleStrategies(brief: SegmentBrief): RuleStrategy[] {
  const b = brief;
  const customers = b.customers;
  const product = b.topProducts[0];
  const category = b.topCategories[0];
  const s = (key: RuleStrategyKey, goal: CampaignGoal, channel: Channel, values: RuleStrategy["values"] = {}) => ({
    key,
    goal,
    channel,
    values: { ...values, customers },
  });
  const seasonalSale = s("seasonalSale", "festival_sale", "sms");

  const rules: RuleStrategy[] = [];
  const weightedRisk =
    b.valueAtRisk !== null && b.avgClv && customers > 0 ? b.valueAtRisk / (b.avgClv * customers) : null;
  const lapsing =
    b.persona === "lapsing_high_value" ||
    (b.avgChurnRisk !== null && b.avgChurnRisk >= CHURN_RISK) ||
    (weightedRisk !== null && weightedRisk >= WEIGHTED_CHURN_RISK);
  if (lapsing && b.valueAtRisk !== null && b.valueAtRisk > 0)
    rules.push(s("winBackValue", "win_back", "sms", { valueAtRisk: money(b.valueAtRisk), currency: b.currency }));
  else if (lapsing && b.avgRecencyDays !== null)
    rules.push(s("winBackRecency", "win_back", "sms", { avgRecencyDays: Math.round(b.avgRecencyDays) }));

  if (b.discountShare !== null && (b.discountShare >= DISCOUNT_SHARE || b.persona === "bargain_hunter"))
    rules.push(s("festivalCoupon", "festival_sale", "push", { discountShare: share(b.discountShare) }));
  else if (b.persona === "bargain_hunter") rules.push(seasonalSale);

  if (b.persona === "vip" || (b.customerShare > 0 && b.revenueShare >= VALUE_RATIO * b.customerShare))
    rules.push(
      s("loyaltyReward", "loyalty_reward", "email", {
        revenueShare: share(b.revenueShare),
        customerShare: share(b.customerShare),
      }),
    );

  const fewOrders =
    b.persona === "new_customer" || b.persona === "one_time" || (b.avgOrders !== null && b.avgOrders < FEW_ORDERS);
  if (fewOrders && product)
    rules.push(s("secondPurchase", "upsell", "email", { product: product.title, sku: product.sku }));

  if (b.festivalShare !== null && (b.festivalShare >= FESTIVAL_SHARE || b.persona === "festival_shopper"))
    rules.push(s("festivalEarlyAccess", "festival_sale", "push", { festivalShare: share(b.festivalShare) }));
  else if (b.persona === "festival_shopper") rules.push(seasonalSale);

  if (b.persona === "category_fan" && category !== undefined)
    rules.push(s("categoryNewArrival", "new_arrival", "social", { category }));

  if (b.refundRate !== null && (b.refundRate >= REFUND_RATE || b.persona === "high_returns"))
    rules.push(s("sizeGuidance", "upsell", "email", { refundRate: share(b.refundRate) }));

  const fillers: (RuleStrategy | null)[] = [
    category !== undefined ? s("categoryNewArrival", "new_arrival", "social", { category }) : null,
    product ? s("upsellTopProduct", "upsell", "push", { product: product.title, sku: product.sku }) : null,
    s("storeNewArrivals", "new_arrival", "social"),
    seasonalSale,
    s("thankYouReward", "loyalty_reward", "email"),
  ];

  const chosen: RuleStrategy[] = [];
  for (const r of rules) if (chosen.length < 3 && !chosen.some((c) => c.key === r.key)) chosen.push(r);
  for (const f of fillers)
    if (f && chosen.length < 3 && !chosen.some((c) => c.key === f.key || c.goal === f.goal)) chosen.push(f);
  return chosen;
}
