// Checks run on every piece of campaign copy, generated or edited, before it is shown as ready:
// the channel's length limit, the SMS opt-out footer, banned words, numbers (prices, discounts,
// dates) that the operator did not supply, and product names or SKUs that are not in the catalogue.
// Each problem is returned with what to do about it; nothing is silently changed.

export type Channel = "sms" | "push" | "email" | "social";
export type Language = "zh-CN" | "en";

export type CopyParts = {
  /** SMS and social: the text; push: the body; email: the body. */
  body: string;
  /** Push title or email subject. */
  title?: string;
  /** Email preheader. */
  preheader?: string;
};

export type GuardrailContext = {
  channel: Channel;
  language: Language;
  /** Words the brand never uses. */
  bannedWords: readonly string[];
  /** Numbers the operator supplied (offer value, code, dates, prices of the chosen products). */
  allowedNumbers: readonly string[];
  /** Product titles and SKUs of the catalogue (the chosen products at least). */
  catalog: readonly string[];
  /** SMS: how many parts the operator accepts. Default 1. */
  smsParts?: number;
};

export type Problem =
  | { code: "too_long"; field: keyof CopyParts; length: number; limit: number }
  | { code: "missing_opt_out"; footer: string }
  | { code: "banned_word"; word: string }
  | { code: "unsupplied_number"; value: string }
  | { code: "unknown_product"; name: string };

export const OPT_OUT: Record<Language, string> = { "zh-CN": "回T退订", en: "Reply STOP to opt out" };

// GSM 03.38 basic character set (and the extension table, which costs two characters).
const GSM =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXT = "^{}\\[~]|€";

/** SMS length as carriers count it: GSM-7 units (160 per single part, 153 when split), else UCS-2 (70 / 67). */
export function smsLength(text: string): { encoding: "gsm7" | "ucs2"; units: number; parts: number } {
  let gsm = true;
  let units = 0;
  for (const ch of text) {
    if (GSM.includes(ch)) units += 1;
    else if (GSM_EXT.includes(ch)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: "gsm7", units, parts: units <= 160 ? 1 : Math.ceil(units / 153) };
  // UCS-2 counts UTF-16 code units (an emoji is two).
  const n = text.length;
  return { encoding: "ucs2", units: n, parts: n <= 70 ? 1 : Math.ceil(n / 67) };
}

/** Display limits of the other channels, in characters. */
export const LIMITS = {
  push: { title: 40, body: 120 },
  email: { title: 60, preheader: 100 },
  social: { body: 2000 },
} as const;

// Dates (2026-11-11) are one number; festival names that contain digits are names, not claims.
const NUMBER = /\d{4}-\d{1,2}-\d{1,2}|\d+(?:[.,]\d+)*/g;
const FESTIVALS = ["双11", "双12", "618"];

function normaliseNumber(s: string): string {
  return s.replace(/,/g, "").replace(/\.0+$/, "");
}

export function checkCopy(copy: CopyParts, ctx: GuardrailContext): Problem[] {
  const problems: Problem[] = [];
  const all = [copy.title ?? "", copy.preheader ?? "", copy.body].join("\n");
  if (ctx.channel === "sms") {
    const parts = ctx.smsParts ?? 1;
    const len = smsLength(copy.body);
    const limit = len.encoding === "gsm7" ? (parts === 1 ? 160 : 153 * parts) : parts === 1 ? 70 : 67 * parts;
    if (len.parts > parts) problems.push({ code: "too_long", field: "body", length: len.units, limit });
    const footer = OPT_OUT[ctx.language];
    if (!copy.body.includes(footer)) problems.push({ code: "missing_opt_out", footer });
  } else if (ctx.channel === "push") {
    if ((copy.title ?? "").length > LIMITS.push.title)
      problems.push({ code: "too_long", field: "title", length: (copy.title ?? "").length, limit: LIMITS.push.title });
    if (copy.body.length > LIMITS.push.body)
      problems.push({ code: "too_long", field: "body", length: copy.body.length, limit: LIMITS.push.body });
  } else if (ctx.channel === "email") {
    if ((copy.title ?? "").length > LIMITS.email.title)
      problems.push({ code: "too_long", field: "title", length: (copy.title ?? "").length, limit: LIMITS.email.title });
    if ((copy.preheader ?? "").length > LIMITS.email.preheader)
      problems.push({
        code: "too_long",
        field: "preheader",
        length: (copy.preheader ?? "").length,
        limit: LIMITS.email.preheader,
      });
  } else if (copy.body.length > LIMITS.social.body) {
    problems.push({ code: "too_long", field: "body", length: copy.body.length, limit: LIMITS.social.body });
  }
  const lower = all.toLowerCase();
  for (const w of ctx.bannedWords)
    if (w.trim() && lower.includes(w.trim().toLowerCase())) problems.push({ code: "banned_word", word: w.trim() });
  const allowed = new Set(ctx.allowedNumbers.map(normaliseNumber));
  // Numbers inside product names and SKUs of the catalogue are theirs, not claims.
  let scrubbed = all;
  for (const name of ctx.catalog) if (name) scrubbed = scrubbed.split(name).join(" ");
  for (const footer of Object.values(OPT_OUT)) scrubbed = scrubbed.split(footer).join(" ");
  for (const festival of FESTIVALS) scrubbed = scrubbed.split(festival).join(" ");
  const seen = new Set<string>();
  for (const m of scrubbed.matchAll(NUMBER)) {
    const v = normaliseNumber(m[0]);
    if (!allowed.has(v) && !seen.has(v)) {
      seen.add(v);
      problems.push({ code: "unsupplied_number", value: m[0] });
    }
  }
  const catalog = new Set(ctx.catalog);
  for (const m of all.matchAll(/[「“"]([^」”"]{2,60})[」”"]|\b([A-Z]{2,}-[A-Z0-9]+(?:-[A-Z0-9]+)*)\b/g)) {
    const name = (m[1] ?? m[2] ?? "").trim();
    if (name && !catalog.has(name)) problems.push({ code: "unknown_product", name });
  }
  return problems;
}

export type FieldLength = {
  field: keyof CopyParts;
  length: number;
  /** Null: the channel sets no limit on the field (an email's body). */
  limit: number | null;
  /** SMS: how carriers will encode and split the text. */
  encoding?: "gsm7" | "ucs2";
  smsParts?: number;
};

/** Each field's length against its channel limit, as the studio's live counters show it. */
export function fieldLengths(copy: CopyParts, channel: Channel, smsParts = 1): FieldLength[] {
  switch (channel) {
    case "sms": {
      const len = smsLength(copy.body);
      const limit =
        len.encoding === "gsm7" ? (smsParts === 1 ? 160 : 153 * smsParts) : smsParts === 1 ? 70 : 67 * smsParts;
      return [{ field: "body", length: len.units, limit, encoding: len.encoding, smsParts: len.parts }];
    }
    case "push":
      return [
        { field: "title", length: (copy.title ?? "").length, limit: LIMITS.push.title },
        { field: "body", length: copy.body.length, limit: LIMITS.push.body },
      ];
    case "email":
      return [
        { field: "title", length: (copy.title ?? "").length, limit: LIMITS.email.title },
        { field: "preheader", length: (copy.preheader ?? "").length, limit: LIMITS.email.preheader },
        { field: "body", length: copy.body.length, limit: null },
      ];
    case "social":
      return [{ field: "body", length: copy.body.length, limit: LIMITS.social.body }];
  }
}
