// The campaign copy studio's side of the language model: the prompt for one variant of copy, the
// prompt that translates a draft, a parser for the tagged answer that works on a half-streamed text,
// the deterministic trim that makes a draft fit its channel, and the plain text the operator copies.
// Pure: no I/O. Prompts carry aggregates only (lib/llm/brief.ts); the client checks every request for
// personal data (lib/llm/privacy.ts) and lib/llm/guardrails.ts checks every answer.
import type { BrandVoice, SegmentBrief } from "./brief";
import type { ChatMessage } from "./client";
import { LIMITS, OPT_OUT, smsLength, type Channel, type CopyParts, type Language } from "./guardrails";
import { FESTIVAL_NAME, offerTerms, type CampaignGoal, type Festival, type Offer, type Tone } from "./offline";

export type CopyProduct = { title: string; sku: string; price?: number };

export type CopyRequest = {
  goal: CampaignGoal;
  /** Defaults to the offer's festival. */
  festival?: Festival;
  channel: Channel;
  tone: Tone;
  language: Language;
  storeName: string;
  /** The segment's aggregates; null = the whole store. */
  brief: SegmentBrief | null;
  products: readonly CopyProduct[];
  offer: Offer;
  brandVoice: BrandVoice;
  /** 0-based; selects the angle (COPY_ANGLES) so that variants differ. */
  variant: number;
  variants: number;
  /** SMS parts the operator accepts (1–3). Default 1. */
  smsParts?: number;
  /** Currency of the offer amount and the prices (ISO 4217). Default: the brief's; unknown = none written. */
  currency?: string;
};

export type TranslateCopyInput = {
  parts: CopyParts;
  from: Language;
  to: Language;
  channel: Channel;
  storeName: string;
  products: readonly CopyProduct[];
  offer: Offer;
  brandVoice: BrandVoice;
  smsParts?: number;
  currency?: string;
};

/** The angles variants take, in order: variant i uses COPY_ANGLES[i % 5]. */
export const COPY_ANGLES = [
  { key: "benefit", instruction: "benefit-led: lead with what the reader gains from the products or the offer." },
  {
    key: "urgency",
    instruction:
      "urgency: lead with the time limit of the offer, using only the dates in the offer terms; if there are none, create urgency without any date or number.",
  },
  {
    key: "social_proof",
    instruction:
      "social proof without numbers: lead with how much other shoppers like these products, with no counts, ratings, rankings or sales figures.",
  },
  { key: "story", instruction: "storytelling: open with a short everyday scene in which the product fits." },
  { key: "question", instruction: "question-led: open with a question the reader would answer yes to." },
] as const;

const LANGUAGE_NAME: Record<Language, string> = { "zh-CN": "Simplified Chinese (zh-CN)", en: "English" };

const GOAL: Record<CampaignGoal, string> = {
  win_back: "win back customers who have not ordered for a while",
  upsell: "suggest a next purchase that goes with what these customers already buy",
  new_arrival: "announce new products",
  festival_sale: "promote the festival sale",
  loyalty_reward: "thank loyal customers and reward them",
};

const TONE: Record<Tone, string> = {
  warm: "warm and friendly, like a shop owner who knows their regulars",
  playful: "playful and light-hearted, with energy",
  premium: "premium and understated: calm, refined, no hype",
  direct: "direct and concise: the offer and the action first",
};

function smsLimit(language: Language, parts: number): number {
  // Chinese is sent as UCS-2 (70 per single part, 67 per part when split); plain English as GSM-7 (160 / 153).
  if (language === "zh-CN") return parts === 1 ? 70 : 67 * parts;
  return parts === 1 ? 160 : 153 * parts;
}

/** How a product title is written in copy, so that guardrails can find it: 「title」, “title”, or "title" (GSM SMS). */
function quoteTitle(title: string, language: Language, channel: Channel): string {
  if (language === "zh-CN") return `「${title}」`;
  return channel === "sms" ? `"${title}"` : `“${title}”`;
}

function channelRules(channel: Channel, language: Language, storeName: string, smsParts: number): string[] {
  switch (channel) {
    case "sms": {
      const limit = smsLimit(language, smsParts);
      const parts = smsParts === 1 ? "one SMS" : `${smsParts} SMS parts`;
      const footer = OPT_OUT[language];
      if (language === "zh-CN")
        return [
          `Channel: SMS. The whole message, footer included, must fit ${parts}: at most ${limit} characters (Chinese SMS is sent as UCS-2: every character, punctuation mark and space counts 1, an emoji counts 2).`,
          `Start with the store signature 【${storeName}】 and end with exactly “${footer}” (the opt-out footer).`,
        ];
      return [
        `Channel: SMS. The whole message, footer included, must fit ${parts}: at most ${limit} GSM-7 characters (^ { } [ ] ~ | € and backslash count 2 each).`,
        `Use plain characters only: straight quotes ("), no emoji, curly quotes, dashes or ellipsis characters, which switch the SMS to UCS-2 and cut the limit to 70.`,
        `Start with "${storeName}: " and end with exactly "${footer}" (the opt-out footer).`,
      ];
    }
    case "push":
      return [
        `Channel: push notification. TITLE at most ${LIMITS.push.title} characters; BODY at most ${LIMITS.push.body} characters (an emoji counts 2).`,
      ];
    case "email":
      return [
        `Channel: email. TITLE is the subject line, at most ${LIMITS.email.title} characters; PREHEADER is the preview text shown after the subject, at most ${LIMITS.email.preheader} characters; BODY is a few short paragraphs signed with the store name.`,
      ];
    case "social":
      return [
        `Channel: WeChat / social post. BODY at most ${LIMITS.social.body} characters, in short paragraphs; no hashtags with numbers.`,
      ];
    default: {
      const never: never = channel;
      throw new RangeError(`unknown channel ${String(never)}`);
    }
  }
}

function outputFormat(channel: Channel): string {
  const lines =
    channel === "email"
      ? ["TITLE: <subject line>", "PREHEADER: <preview text>", "BODY:", "<the body, which may span several lines>"]
      : channel === "push"
        ? ["TITLE: <title>", "BODY:", "<the body>"]
        : ["BODY:", "<the message>"];
  return [
    "Answer with the copy only, in exactly this format, with no preamble, notes, alternatives or markdown:",
    ...lines,
  ].join("\n");
}

function languageConventions(language: Language, channel: Channel): string {
  if (language === "zh-CN")
    return "Write the copy in Simplified Chinese (zh-CN): full-width punctuation (，。！？：), no spaces between Chinese characters, natural mainland e-commerce style. Wrap each product title in 「」 exactly as listed.";
  return `Write the copy in English: natural, plain, sentence case. Wrap each product title in ${channel === "sms" ? 'straight double quotes ("")' : "curly quotes (“ ”)"} exactly as listed.`;
}

const number = (v: number, digits: number) =>
  new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(v);
const percent = (share: number) => `${number(share * 100, 1)}%`;
const money = (v: number, currency: string) => (currency ? `${currency} ${number(v, 2)}` : number(v, 2));

/** The segment's figures, each line only when the run has it. */
function audienceLines(brief: SegmentBrief | null): string[] {
  if (!brief) return ["Audience: all of the store's customers."];
  const c = brief.currency;
  const lines = [
    `Audience: the segment “${brief.label}” (archetype: ${brief.persona}).`,
    `- ${number(brief.customers, 0)} customers, ${percent(brief.customerShare)} of the analysed customers, ${percent(brief.revenueShare)} of revenue`,
  ];
  const add = (value: number | null, line: (v: number) => string) => {
    if (value !== null) lines.push(`- ${line(value)}`);
  };
  add(brief.avgOrderValue, (v) => `average order value: ${money(v, c)}`);
  add(brief.avgOrders, (v) => `average orders per customer: ${number(v, 1)}`);
  add(brief.avgSpend, (v) => `average total spend: ${money(v, c)}`);
  add(brief.avgRecencyDays, (v) => `average days since the last order: ${number(v, 0)}`);
  add(brief.discountShare, (v) => `share of orders with a discount: ${percent(v)}`);
  add(brief.festivalShare, (v) => `share of orders in festival sales: ${percent(v)}`);
  add(brief.refundRate, (v) => `refund rate: ${percent(v)}`);
  add(brief.avgChurnRisk, (v) => `average churn risk: ${percent(v)}`);
  add(brief.avgClv, (v) => `average predicted customer lifetime value: ${money(v, c)}`);
  add(brief.valueAtRisk, (v) => `value at risk (churn risk × lifetime value, summed): ${money(v, c)}`);
  if (brief.topCategories.length > 0) lines.push(`- favourite categories: ${brief.topCategories.join(", ")}`);
  return lines;
}

function productLines(
  products: readonly CopyProduct[],
  language: Language,
  channel: Channel,
  currency: string,
): string[] {
  if (products.length === 0) return ["Products: none chosen. Do not name any product."];
  return [
    "Products you may mention (none other), titles exactly as written:",
    ...products.map(
      (p) =>
        `- ${quoteTitle(p.title, language, channel)}${p.price !== undefined ? ` — price ${money(p.price, currency)} (you may quote it)` : ""}`,
    ),
  ];
}

function offerLine(offer: Offer, language: Language, currency: string): string {
  const terms = offerTerms(offer, language, currency);
  if (offer.kind === "none" || offer.value === undefined)
    return terms
      ? `Offer: no discount or code; the campaign runs ${terms}. Promise no discount, coupon, gift, free shipping or price cut.`
      : "Offer: none. Promise no discount, coupon, gift, free shipping or price cut.";
  return `Offer terms (state them exactly as written, change or add nothing): ${terms}`;
}

function brandVoiceLines(voice: BrandVoice): string[] {
  const lines: string[] = [];
  if (voice.description.trim()) lines.push(`Brand voice: ${voice.description.trim()}`);
  if (voice.wordsToUse.length > 0) lines.push(`Words to use where natural: ${voice.wordsToUse.join(", ")}`);
  if (voice.wordsToAvoid.length > 0) lines.push(`Words never to use: ${voice.wordsToAvoid.join(", ")}`);
  return lines;
}

function hardRules(): string[] {
  return [
    "Rules (hard):",
    "1. Never invent a price, discount, percentage, date, deadline, quantity, stock level, ranking or any other number that is not in the offer terms or the product list. Festival names such as 双11 and 618 are names and may be used.",
    "2. Never mention a product that is not listed; write listed titles exactly as given, without translating, shortening or renaming them.",
    "3. The audience figures are for your understanding only: never quote them and never mention segments, churn, data or analysis.",
    "4. No personal data: address no one by name and write no email address, phone number, street address or order number.",
    "5. Never use the brand's forbidden words.",
    "6. The channel limits are hard limits.",
  ];
}

function resolveCurrency(currency: string | undefined, brief: SegmentBrief | null): string {
  return currency ?? brief?.currency ?? "";
}

/** The system and user prompt for variant `input.variant` of `input.variants`. */
export function copyMessages(input: CopyRequest): ChatMessage[] {
  const { language, channel } = input;
  const currency = resolveCurrency(input.currency, input.brief);
  const festival = input.festival ?? input.offer.festival;
  const index = Math.max(0, Math.floor(input.variant));
  const angle = COPY_ANGLES[index % COPY_ANGLES.length] ?? COPY_ANGLES[0];
  const system = [
    `You write marketing copy for ${input.storeName}, an online store. The copy must be in ${LANGUAGE_NAME[language]}; these instructions are in English.`,
    languageConventions(language, channel),
    ...channelRules(channel, language, input.storeName, input.smsParts ?? 1),
    hardRules().join("\n"),
    outputFormat(channel),
  ].join("\n\n");
  const user = [
    `Store: ${input.storeName}`,
    `Campaign goal: ${GOAL[input.goal]}.`,
    ...(festival ? [`Occasion: ${FESTIVAL_NAME[language][festival]}.`] : []),
    `Tone: ${TONE[input.tone]}.`,
    ...brandVoiceLines(input.brandVoice),
    audienceLines(input.brief).join("\n"),
    productLines(input.products, language, channel, currency).join("\n"),
    offerLine(input.offer, language, currency),
    `This is variant ${index + 1} of ${Math.max(1, input.variants, index + 1)}; each variant takes a different angle. Angle: ${angle.instruction}`,
  ].join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

/** A draft in the tagged format of the prompts (TITLE:, PREHEADER:, BODY:). */
export function toTagged(parts: CopyParts, channel: Channel): string {
  const lines: string[] = [];
  if (channel === "push" || channel === "email") lines.push(`TITLE: ${parts.title ?? ""}`);
  if (channel === "email") lines.push(`PREHEADER: ${parts.preheader ?? ""}`);
  lines.push("BODY:", parts.body);
  return lines.join("\n");
}

/** The prompt that translates a draft, keeping the offer, the product titles and the channel's limits. */
export function translateMessages(input: TranslateCopyInput): ChatMessage[] {
  const { from, to, channel } = input;
  const currency = input.currency ?? "";
  const titles = input.products.map((p) => quoteTitle(p.title, to, channel));
  const rules = [
    "Rules (hard):",
    titles.length > 0
      ? `1. Keep every product title exactly as in the catalogue, unchanged and untranslated, written as: ${titles.join(", ")}.`
      : "1. Mention no product.",
    `2. ${offerLine(input.offer, to, currency)}`,
    "3. Add no number, price, percentage, date, product or claim that the draft does not contain, and drop none of the offer terms.",
    channel === "sms"
      ? `4. Replace the opt-out footer “${OPT_OUT[from]}” with exactly “${OPT_OUT[to]}” at the very end.`
      : "4. Keep the structure: the same fields, the same paragraphs.",
    "5. No personal data: address no one by name and write no email address, phone number, street address or order number.",
    ...(input.brandVoice.wordsToAvoid.length > 0
      ? [`6. Words never to use: ${input.brandVoice.wordsToAvoid.join(", ")}`]
      : []),
  ];
  const system = [
    `You translate marketing copy for ${input.storeName}, an online store, from ${LANGUAGE_NAME[from]} into ${LANGUAGE_NAME[to]}. Keep the meaning, the tone and the angle; adapt idioms so the copy reads as if first written in the target language.`,
    languageConventions(to, channel),
    ...channelRules(channel, to, input.storeName, input.smsParts ?? 1),
    ...(input.brandVoice.description.trim() ? [`Brand voice: ${input.brandVoice.description.trim()}`] : []),
    rules.join("\n"),
    outputFormat(channel),
  ].join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: `Draft to translate:\n\n${toTagged(input.parts, channel)}` },
  ];
}

// A tag line: TITLE: …, **TITLE:** …, **TITLE**: …, ## BODY, 标题：… (a model that translated the tags).
const TAG =
  /^\s*(?:[#>*_]+\s*)?(TITLE|SUBJECT|PREHEADER|BODY|标题|主题|预览文本|预览|正文)\s*(?:[*_]+\s*)?[:：]\s*(?:[*_]+\s*)?(.*)$/i;
// BODY alone on its line, the colon forgotten.
const BODY_ALONE = /^\s*[#>*_]*\s*(?:BODY|正文)\s*[*_]*\s*$/i;
const FENCE = /^\s*`{3,}[^`]*$/;
const TAG_FIELD: Record<string, keyof CopyParts> = {
  title: "title",
  subject: "title",
  标题: "title",
  主题: "title",
  preheader: "preheader",
  预览文本: "preheader",
  预览: "preheader",
  body: "body",
  正文: "body",
};

// The unfinished last line of a stream that may still become a tag or a fence: "TIT", "**PRE", "``".
function isPending(line: string): boolean {
  const t = line.trim();
  if (t === "" || /^`{1,2}$/.test(t)) return true;
  const m = /^[#>*_]*\s*([A-Z]*)[*_]*$/.exec(t);
  if (!m) return false;
  const word = m[1] ?? "";
  return ["TITLE", "SUBJECT", "PREHEADER", "BODY"].some((tag) => tag.startsWith(word));
}

const cleanValue = (v: string) => v.replace(/^\*+|\*+$/g, "").trim();

/**
 * Reads the tagged answer (TITLE:, PREHEADER:, BODY:), complete or cut off mid-stream. Without a BODY
 * tag every untagged line is body; with one, untagged lines before it (a preamble) are dropped.
 */
export function parseCopy(text: string, channel: Channel): CopyParts {
  const lines = text.split(/\r?\n/);
  if (!/\n$/.test(text) && lines.length > 0 && isPending(lines[lines.length - 1] ?? "")) lines.pop();
  let title: string | undefined;
  let preheader: string | undefined;
  let sawBody = false;
  const body: string[] = [];
  const loose: string[] = [];
  for (const line of lines) {
    if (FENCE.test(line)) continue;
    if (BODY_ALONE.test(line)) {
      sawBody = true;
      continue;
    }
    const m = TAG.exec(line);
    if (m) {
      const field = TAG_FIELD[(m[1] ?? "").toLowerCase()];
      const value = m[2] ?? "";
      if (field === "body") {
        sawBody = true;
        if (cleanValue(value)) body.push(value.trim());
      } else if (field === "title") title ??= cleanValue(value);
      else if (field === "preheader") preheader ??= cleanValue(value);
      continue;
    }
    (sawBody ? body : loose).push(line);
  }
  const parts: CopyParts = { body: (sawBody ? body : loose).join("\n").trim() };
  if ((channel === "push" || channel === "email") && title !== undefined) parts.title = title;
  if (channel === "email" && preheader !== undefined) parts.preheader = preheader;
  return parts;
}

export type Trim = { field: keyof CopyParts; from: number; to: number };

const SEGMENTER = new Intl.Segmenter("en", { granularity: "grapheme" });

// Spans of quoted product titles (and an unclosed quote to the end): a cut inside one would leave half a title.
function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/「[^」]*(?:」|$)|“[^”]*(?:”|$)|"[^"]*(?:"|$)/g))
    spans.push([m.index, m.index + m[0].length]);
  return spans;
}

const SENTENCE_END = "。！？；";
const SENTENCE_END_ASCII = "!?.;";
const CLAUSE = "，,";

/**
 * The longest start of `text` that `fits`: cut after the last sentence end that fits, else at the last
 * clause (comma) with `stop` in its place, else at a character (grapheme, so never half a surrogate pair)
 * with `ellipsis`; never inside a quoted product title.
 */
function cutToFit(text: string, fits: (s: string) => boolean, stop: string, ellipsis: string): string {
  if (fits(text)) return text;
  const spans = quotedSpans(text);
  const inside = (p: number) => spans.some(([a, b]) => p > a && p < b);
  const sentences: number[] = [];
  const clauses: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (SENTENCE_END.includes(ch) || (SENTENCE_END_ASCII.includes(ch) && (next === undefined || /\s/.test(next))))
      sentences.push(i + 1);
    else if (CLAUSE.includes(ch)) clauses.push(i);
  }
  for (const p of sentences.reverse()) {
    const s = text.slice(0, p).trimEnd();
    if (s && !inside(p) && fits(s)) return s;
  }
  for (const p of clauses.reverse()) {
    const head = text.slice(0, p).trimEnd();
    if (head && !inside(p) && fits(head + stop)) return head + stop;
  }
  const graphemes = Array.from(SEGMENTER.segment(text), (g) => g.segment);
  let end = text.length;
  for (let k = graphemes.length - 1; k >= 0; k--) {
    end -= (graphemes[k] as string).length;
    const span = spans.find(([a, b]) => end > a && end < b);
    const cut = span ? span[0] : end;
    const s = text.slice(0, cut).replace(/[\s，,、；;：:]+$/, "");
    if (fits(s + ellipsis)) return s ? s + ellipsis : "";
  }
  return "";
}

/**
 * Makes a draft fit its channel without a model: each field over its limit is cut (cutToFit) and
 * reported with its length before and after (SMS: in the units carriers count, as checkCopy does). SMS
 * always ends with the opt-out footer of `language`, re-appended if it was missing or cut, and the
 * whole fits `smsParts` parts.
 */
export function fitToChannel(
  parts: CopyParts,
  channel: Channel,
  language: Language,
  smsParts = 1,
): { parts: CopyParts; trimmed: Trim[] } {
  const trimmed: Trim[] = [];
  const out: CopyParts = { ...parts };
  const stop = language === "zh-CN" ? "。" : ".";
  const byLength = (field: keyof CopyParts, limit: number) => {
    const value = out[field];
    if (value === undefined || value.length <= limit) return;
    const cut = cutToFit(value, (s) => s.length <= limit, field === "body" ? stop : "", "…");
    out[field] = cut;
    trimmed.push({ field, from: value.length, to: cut.length });
  };
  switch (channel) {
    case "sms": {
      const footer = OPT_OUT[language];
      const sep = language === "zh-CN" ? "" : " ";
      let core = parts.body;
      for (const f of Object.values(OPT_OUT)) core = core.split(f).join("");
      core = core.trim();
      const compose = (c: string) => (c ? `${c}${sep}${footer}` : footer);
      const ellipsis = smsLength(core).encoding === "gsm7" ? "..." : "…";
      const cut = cutToFit(core, (s) => smsLength(compose(s)).parts <= smsParts, stop, ellipsis);
      out.body = compose(cut);
      if (cut !== core)
        trimmed.push({ field: "body", from: smsLength(parts.body).units, to: smsLength(out.body).units });
      break;
    }
    case "push":
      byLength("title", LIMITS.push.title);
      byLength("body", LIMITS.push.body);
      break;
    case "email":
      byLength("title", LIMITS.email.title);
      byLength("preheader", LIMITS.email.preheader);
      break;
    case "social":
      byLength("body", LIMITS.social.body);
      break;
    default: {
      const never: never = channel;
      throw new RangeError(`unknown channel ${String(never)}`);
    }
  }
  return { parts: out, trimmed };
}

const LABELS: Record<Language, { title: string; subject: string; preheader: string; colon: string }> = {
  "zh-CN": { title: "标题", subject: "标题", preheader: "预览文本", colon: "：" },
  en: { title: "Title", subject: "Subject", preheader: "Preheader", colon: ": " },
};

/** Plain text for the clipboard and CSV: labelled title / subject and preheader lines, a blank line, the body. */
export function copyText(parts: CopyParts, channel: Channel, language: Language): string {
  const l = LABELS[language];
  const head: string[] = [];
  if (channel === "push" && parts.title) head.push(`${l.title}${l.colon}${parts.title}`);
  if (channel === "email" && parts.title) head.push(`${l.subject}${l.colon}${parts.title}`);
  if (channel === "email" && parts.preheader) head.push(`${l.preheader}${l.colon}${parts.preheader}`);
  return head.length > 0 ? `${head.join("\n")}\n\n${parts.body}` : parts.body;
}
