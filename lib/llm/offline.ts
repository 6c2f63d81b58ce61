// Offline drafts: what the campaign studio writes when no language model is configured. Deterministic
// templates in zh-CN and en, filled with the store's real offer and the segment's recommended
// products — never a figure the operator did not give. The studio labels these as offline drafts and
// says how to connect a model; nothing here pretends to be AI.
import { brandName } from "./brand";
import { checkCopy, OPT_OUT, type Channel, type CopyParts, type Language } from "./guardrails";

export type CampaignGoal = "win_back" | "upsell" | "new_arrival" | "festival_sale" | "loyalty_reward";
export type Tone = "warm" | "playful" | "premium" | "direct";
export type Festival = "618" | "double11" | "black_friday";

export type Offer = {
  kind: "percent" | "amount" | "none";
  /** 20 for 20% off, or an amount in the store's currency. */
  value?: number;
  code?: string;
  /** First day of the offer, ISO YYYY-MM-DD. */
  starts?: string;
  /** Last day of the offer (inclusive), ISO YYYY-MM-DD. */
  ends?: string;
  festival?: Festival;
};

export type DraftInput = {
  goal: CampaignGoal;
  channel: Channel;
  language: Language;
  tone: Tone;
  storeName: string;
  currency: string;
  products: readonly { title: string; sku: string }[];
  offer: Offer;
  variants: number;
};

/** The numbers an offer lets copy use: its value, code, and the parts of its end and start dates. */
export function offerNumbers(offer: Offer): string[] {
  const out: string[] = [];
  if (offer.value !== undefined) out.push(String(offer.value));
  if (offer.code) out.push(...(offer.code.match(/\d+/g) ?? []));
  for (const date of [offer.ends, offer.starts]) {
    if (!date) continue;
    const [y, m, d] = date.split("-");
    out.push(date, String(Number(m)), String(Number(d)), y ?? "");
  }
  return out.filter(Boolean);
}

export const FESTIVAL_NAME: Record<Language, Record<Festival, string>> = {
  "zh-CN": { "618": "618", double11: "双11", black_friday: "黑五" },
  en: { "618": "618", double11: "Singles' Day", black_friday: "Black Friday" },
};

// An empty currency (unknown) writes the bare amount rather than guess one.
function offerText(o: Offer, lang: Language, currency: string): string {
  if (o.kind === "none" || o.value === undefined) return "";
  if (lang === "zh-CN") {
    const unit = currency === "CNY" ? "¥" : currency ? `${currency} ` : "";
    const v = o.kind === "percent" ? `立减${o.value}%` : `立减${unit}${o.value}`;
    return o.code ? `${v}，券码${o.code}` : v;
  }
  const v = o.kind === "percent" ? `${o.value}% off` : `${currency ? `${currency} ` : ""}${o.value} off`;
  return o.code ? `${v} with code ${o.code}` : v;
}

function zhDay(iso: string, withYear: boolean): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${withYear ? `${y}年` : ""}${m}月${d}日`;
}

function datesText(o: Offer, lang: Language): string {
  const { starts, ends } = o;
  if (lang === "en") {
    if (starts && ends) return `from ${starts} until ${ends}`;
    return starts ? `from ${starts}` : ends ? `until ${ends}` : "";
  }
  if (starts && ends) {
    // The year only when the window crosses one, so that 12月20日至1月5日 is not read backwards.
    const years = starts.slice(0, 4) !== ends.slice(0, 4);
    return `${zhDay(starts, years)}至${zhDay(ends, years)}有效`;
  }
  return starts ? `${zhDay(starts, false)}起有效` : ends ? `${zhDay(ends, false)}前有效` : "";
}

/**
 * The offer as the copy should state it, in `lang`: "立减20%，券码BACK20，11月1日至11月11日有效" /
 * "20% off with code BACK20, from 2026-11-01 until 2026-11-11"; "" when there is no offer or dates.
 */
export function offerTerms(offer: Offer, lang: Language, currency: string): string {
  return [offerText(offer, lang, currency), datesText(offer, lang)]
    .filter(Boolean)
    .join(lang === "zh-CN" ? "，" : ", ");
}

const OPENERS: Record<Language, Record<CampaignGoal, string[]>> = {
  "zh-CN": {
    win_back: ["好久不见，想念您！", "您有一份心意待领取", "我们为您留了位置"],
    upsell: ["给您的下一件好物", "搭配推荐来了", "为您挑了升级款"],
    new_arrival: ["新品到店", "刚上新，先给您看", "新品抢先看"],
    festival_sale: ["大促开启", "节日好价来了", "年度好价"],
    loyalty_reward: ["感谢一路相伴", "老朋友专享", "给忠实顾客的礼物"],
  },
  en: {
    win_back: ["We miss you!", "Something's waiting for you", "Come back and see what's new"],
    upsell: ["Your next favourite", "Goes great with your last order", "An upgrade picked for you"],
    new_arrival: ["Just in", "New arrivals, first for you", "Fresh on the shelf"],
    festival_sale: ["The sale is on", "Holiday prices are here", "Our biggest sale"],
    loyalty_reward: ["Thank you for being with us", "A treat for our regulars", "A gift for loyal customers"],
  },
};

const CLOSERS: Record<Language, Record<Tone, string>> = {
  "zh-CN": { warm: "期待再见到您", playful: "手慢无哦", premium: "为您甄选", direct: "立即选购" },
  en: { warm: "See you soon", playful: "Don't miss out", premium: "Curated for you", direct: "Shop now" },
};

/**
 * `variants` drafts (1–5) for the channel, each the richest text that fits the channel's limit —
 * with a product, then without, then shortest — and the SMS opt-out footer.
 */
export function offlineDrafts(input: DraftInput): CopyParts[] {
  const { language: lang, channel } = input;
  const n = Math.max(1, Math.min(5, Math.floor(input.variants)));
  const zh = lang === "zh-CN";
  const festival = input.offer.festival ? FESTIVAL_NAME[lang][input.offer.festival] : "";
  const offer = offerText(input.offer, lang, input.currency);
  const dates = datesText(input.offer, lang);
  const ctx = {
    channel,
    language: lang,
    bannedWords: [],
    allowedNumbers: offerNumbers(input.offer),
    catalog: input.products.flatMap((p) => [p.title, p.sku]),
  };
  return Array.from({ length: n }, (_, v) => {
    const opener =
      (OPENERS[lang][input.goal][v % 3] as string) +
      (festival && v % 2 === 0 ? `${zh ? " · " : " - "}${festival}` : "");
    const product = input.products[v % Math.max(1, input.products.length)];
    const closer = CLOSERS[lang][input.tone];
    // English SMS uses straight quotes: curly ones are outside GSM-7 and would cut a part to 70 characters.
    const productText = product
      ? zh
        ? `「${product.title}」`
        : channel === "sms"
          ? `"${product.title}"`
          : `“${product.title}”`
      : "";
    const sep = zh ? "，" : ", ";
    const end = zh ? "。" : ".";
    // After "!" or "?" the next phrase starts afresh ("We miss you! 20% off…"), not after a comma.
    const sentence = (parts: string[]) => {
      const joined = parts
        .filter(Boolean)
        .reduce((acc, p) => (!acc ? p : /[!！?？]$/.test(acc) ? `${acc}${zh ? "" : " "}${p}` : `${acc}${sep}${p}`), "");
      return /[!！。.?？]$/.test(joined) ? joined : joined + end;
    };
    const sentences = [
      sentence([opener, productText, offer, dates]),
      sentence([opener, offer, dates]),
      sentence([opener, offer]),
    ];
    const name = brandName(input.storeName, lang);
    const brand = zh ? `【${name}】` : `${name}: `;
    const build = (s: string, i: number): CopyParts => {
      switch (channel) {
        case "sms":
          return { body: `${brand}${s}${zh ? "" : " "}${OPT_OUT[lang]}` };
        case "push":
          return { title: opener.slice(0, 40), body: `${s} ${closer}` };
        case "email":
          return {
            title:
              i === 0 ? [opener, offer].filter(Boolean).join(zh ? "｜" : " | ") : i === 1 ? offer || opener : opener,
            preheader: [productText, dates].filter(Boolean).join(sep) || closer,
            body: `${s}\n\n${closer}${end}\n${name}`,
          };
        case "social":
          return { body: `${s} ${closer}${zh ? "！" : "!"}` };
      }
    };
    for (let i = 0; i < sentences.length; i++) {
      const draft = build(sentences[i] as string, i);
      if (!checkCopy(draft, ctx).some((p) => p.code === "too_long")) return draft;
    }
    return build(sentences[sentences.length - 1] as string, sentences.length - 1);
  });
}
