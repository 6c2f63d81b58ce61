// The campaign copy studio's boundary: what the browser may ask for (generate, translate, edit a
// draft) and the brand voice and language-model provider of Settings. Each refusal is one stable
// English sentence naming the value at fault; the UI maps them to its languages. Dates that depend on
// "today" come from factories taking today's calendar day in the store's zone (date-range.ts todayIn).
import { z } from "zod";

export const CAMPAIGN_GOALS = ["win_back", "upsell", "new_arrival", "festival_sale", "loyalty_reward"] as const;
export const COPY_CHANNELS = ["sms", "push", "email", "social"] as const;
export const COPY_TONES = ["warm", "playful", "premium", "direct"] as const;
export const COPY_LANGUAGES = ["zh-CN", "en"] as const;
export const FESTIVALS = ["618", "double11", "black_friday"] as const;
export const OFFER_KINDS = ["percent", "amount", "none"] as const;

/** Longest offer window, in days counted inclusively (a leap year). */
export const MAX_OFFER_DAYS = 366;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A YYYY-MM-DD string that names a day of the calendar (2026-02-30 does not). */
export function isCalendarDate(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

// Forms send "" for an empty field; so may JSON built from them.
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
// Numbers typed into a form arrive as strings.
const toNumber = (v: unknown) => {
  if (typeof v !== "string") return v;
  const t = v.trim();
  return t === "" ? undefined : Number(t);
};

const intIn = (min: number, max: number, message: string) =>
  z.preprocess(
    toNumber,
    z.number({ error: message }).int({ error: message, abort: true }).min(min, message).max(max, message),
  );
const positiveId = (what: string) => {
  const message = `${what} must be a positive whole number.`;
  return z.preprocess(toNumber, z.number({ error: message }).int({ error: message, abort: true }).positive(message));
};

function hasDecimals(v: number, max: number): boolean {
  const scaled = v * 10 ** max;
  return Math.abs(scaled - Math.round(scaled)) > 1e-6;
}

const offerDate = (which: "start" | "end") =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `The ${which} date must be written YYYY-MM-DD.` })
      .trim()
      .regex(ISO_DAY, { error: `The ${which} date must be written YYYY-MM-DD.`, abort: true })
      .refine(isCalendarDate, { error: (iss) => `The ${which} date ${String(iss.input)} is not a real calendar date.` })
      .optional(),
  );

export type OfferDateProblem = { path: "starts" | "ends"; message: string };

/**
 * What is wrong with an offer's window: an end before the start, a window longer than MAX_OFFER_DAYS
 * (counted from today when there is no start), or, given today, an end already past. Dates that are
 * not calendar dates are left to the schema.
 */
export function validateOfferDates(offer: { starts?: string; ends?: string }, today?: string): OfferDateProblem[] {
  const problems: OfferDateProblem[] = [];
  const starts = offer.starts && isCalendarDate(offer.starts) ? offer.starts : undefined;
  const ends = offer.ends && isCalendarDate(offer.ends) ? offer.ends : undefined;
  if (!ends) return problems;
  if (today && dayDiff(today, ends) < 0)
    problems.push({ path: "ends", message: `The offer ended on ${ends}, before today (${today}).` });
  if (starts && dayDiff(starts, ends) < 0) {
    problems.push({ path: "ends", message: `The offer ends on ${ends}, before it starts (${starts}).` });
    return problems;
  }
  const from = starts ?? today;
  if (from && dayDiff(from, ends) >= 0 && dayDiff(from, ends) + 1 > MAX_OFFER_DAYS)
    problems.push({
      path: "ends",
      message: `The offer runs ${dayDiff(from, ends) + 1} days, from ${from} to ${ends}; an offer may run at most ${MAX_OFFER_DAYS} days.`,
    });
  return problems;
}

function makeOfferSchema(today?: string) {
  if (today !== undefined && !isCalendarDate(today))
    throw new RangeError(`today must be a YYYY-MM-DD calendar date, got ${today}`);
  return z
    .object(
      {
        kind: z.enum(OFFER_KINDS, { error: "Choose a percent discount, an amount off, or no offer." }),
        /** Percent (20 = 20% off) or an amount in the store's currency; ignored when kind is none. */
        value: z.preprocess(toNumber, z.number({ error: "The offer value must be a number." }).optional()),
        code: z.preprocess(
          blankToUndefined,
          z
            .string({ error: "A discount code must be text." })
            .trim()
            .regex(/^[A-Za-z0-9_-]{1,20}$/, "A discount code is 1 to 20 letters, digits, hyphens or underscores.")
            .optional(),
        ),
        starts: offerDate("start"),
        ends: offerDate("end"),
        festival: z.preprocess(
          blankToUndefined,
          z.enum(FESTIVALS, { error: "The festival must be 618, double11 or black_friday." }).optional(),
        ),
      },
      {
        error: (iss) =>
          iss.code === "invalid_type"
            ? "Describe the offer: its kind (percent, amount or none) and its terms."
            : undefined,
      },
    )
    .strict()
    .superRefine((o, ctx) => {
      const v = o.value;
      if (o.kind === "percent") {
        if (v === undefined)
          ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the discount in percent (1 to 95)." });
        else if (v < 1 || v > 95)
          ctx.addIssue({ code: "custom", path: ["value"], message: "A percent discount must be between 1 and 95." });
        else if (hasDecimals(v, 1))
          ctx.addIssue({
            code: "custom",
            path: ["value"],
            message: "A percent discount may have at most one decimal, like 12.5.",
          });
      } else if (o.kind === "amount") {
        if (v === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the amount off." });
        else if (v <= 0)
          ctx.addIssue({ code: "custom", path: ["value"], message: "The amount off must be more than 0." });
        else if (v > 1_000_000)
          ctx.addIssue({ code: "custom", path: ["value"], message: "The amount off may be at most 1,000,000." });
        else if (hasDecimals(v, 2))
          ctx.addIssue({
            code: "custom",
            path: ["value"],
            message: "The amount off may have at most two decimals, like 9.99.",
          });
      }
      for (const p of validateOfferDates(o, today))
        ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
    })
    .transform((o): Omit<typeof o, "value"> & { value?: number } => {
      const { value, ...rest } = o;
      return o.kind === "none" ? rest : { ...rest, value };
    });
}

/** An offer without a notion of today (stored params, previews). */
export const offerSchema = makeOfferSchema();
/** An offer being used now: it must not have ended before `today` (YYYY-MM-DD in the store's zone). */
export const offerSchemaFor = (today: string) => makeOfferSchema(today);

export type CampaignOffer = z.infer<typeof offerSchema>;

const trimmedOptional = (max: number, message: string) =>
  z.preprocess(blankToUndefined, z.string({ error: message }).trim().max(max, message).optional());

/** A generation request of the studio; `today` as for offerSchemaFor. */
export function generateRequestSchemaFor(today: string) {
  const segmentMessage = "Choose a segment (a number from -1) or the whole store (null).";
  return z
    .object({
      campaignId: positiveId("The campaign id").optional(),
      name: trimmedOptional(80, "A campaign name is at most 80 characters."),
      /** null = the whole store; -1 = DBSCAN noise. */
      segment: z.preprocess(
        toNumber,
        z
          .number({ error: segmentMessage })
          .int({ error: segmentMessage, abort: true })
          .min(-1, segmentMessage)
          .nullable(),
      ),
      goal: z.enum(CAMPAIGN_GOALS, {
        error: "Choose a campaign goal: win_back, upsell, new_arrival, festival_sale or loyalty_reward.",
      }),
      festival: z.preprocess(
        blankToUndefined,
        z.enum(FESTIVALS, { error: "The festival must be 618, double11 or black_friday." }).optional(),
      ),
      channel: z.enum(COPY_CHANNELS, { error: "Choose a channel: sms, push, email or social." }),
      tone: z.enum(COPY_TONES, { error: "Choose a tone: warm, playful, premium or direct." }),
      language: z.enum(COPY_LANGUAGES, { error: "Choose a language: zh-CN or en." }),
      variants: intIn(1, 5, "Ask for 1 to 5 variants.").default(3),
      productIds: z
        .array(positiveId("A product id"), { error: "The products must be a list of product ids." })
        .max(10, "Choose at most 10 products.")
        .superRefine((ids, ctx) => {
          const seen = new Set<number>();
          for (const id of ids) {
            if (seen.has(id)) ctx.addIssue({ code: "custom", message: `Product ${id} is chosen twice.` });
            seen.add(id);
          }
        })
        .default([]),
      offer: makeOfferSchema(today),
      smsParts: intIn(1, 3, "An SMS may use 1 to 3 parts.").default(1),
      /** Write only this variant again (0-based) instead of all of them. */
      regenerate: intIn(0, 4, "The variant to regenerate is a number from 0 to 4.").optional(),
    })
    .strict()
    .superRefine((r, ctx) => {
      // Refinements also run when a field failed a range check; each value is judged once.
      if (
        r.regenerate !== undefined &&
        r.regenerate <= 4 &&
        r.variants >= 1 &&
        r.variants <= 5 &&
        r.regenerate >= r.variants
      )
        ctx.addIssue({
          code: "custom",
          path: ["regenerate"],
          message: `Variant ${r.regenerate} cannot be regenerated: the request has variants 0 to ${r.variants - 1}.`,
        });
      if (r.festival && r.offer.festival && r.festival !== r.offer.festival)
        ctx.addIssue({
          code: "custom",
          path: ["festival"],
          message: `The campaign's festival (${r.festival}) and the offer's festival (${r.offer.festival}) differ.`,
        });
      else if (r.goal === "festival_sale" && !(r.festival ?? r.offer.festival))
        ctx.addIssue({
          code: "custom",
          path: ["festival"],
          message: "A festival sale needs its festival: 618, double11 or black_friday.",
        });
    })
    .transform((r) => ({ ...r, festival: r.festival ?? r.offer.festival }));
}

/** The same factory under the name the campaign table's comment uses. */
export const generateRequestSchema = generateRequestSchemaFor;

export type GenerateRequest = z.infer<ReturnType<typeof generateRequestSchemaFor>>;

export const translateRequestSchema = z
  .object({
    draftId: positiveId("The draft id"),
    to: z.enum(COPY_LANGUAGES, { error: "Translate into zh-CN or en." }),
  })
  .strict();

export type TranslateRequest = z.infer<typeof translateRequestSchema>;

export const draftEditSchema = z
  .object({
    draftId: positiveId("The draft id"),
    title: trimmedOptional(200, "A title is at most 200 characters."),
    preheader: trimmedOptional(300, "A preheader is at most 300 characters."),
    body: z
      .string({ error: "The copy cannot be empty." })
      .trim()
      .min(1, "The copy cannot be empty.")
      .max(5000, "The copy is at most 5000 characters."),
  })
  .strict();

export type DraftEdit = z.infer<typeof draftEditSchema>;

// A list typed as one string: "鲜, 安心、匠心\n好物；真诚".
const splitWords = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(/[,，、;；\n\r]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : (v ?? undefined);

const wordList = (what: "to use" | "to avoid") =>
  z
    .preprocess(
      splitWords,
      z
        .array(
          z
            .string({ error: `Each word ${what} must be text.` })
            .trim()
            .min(1, `A word ${what} cannot be empty.`)
            .max(30, { error: (iss) => `"${String(iss.input)}" is longer than 30 characters.` }),
          { error: `The words ${what} must be a list or comma-separated text.` },
        )
        // Case-insensitive: "Cozy" and "cozy" are one word to the guardrails.
        .transform((words, ctx) => {
          const seen = new Set<string>();
          const out: string[] = [];
          for (const w of words) {
            if (seen.has(w.toLowerCase())) continue;
            seen.add(w.toLowerCase());
            out.push(w);
          }
          if (out.length > 30) ctx.addIssue({ code: "custom", message: `At most 30 words ${what}.` });
          return out;
        })
        .optional(),
    )
    .transform((words) => words ?? []);

export const brandVoiceSchema = z
  .object({
    description: z.preprocess(
      (v) => v ?? "",
      z
        .string({ error: "The brand description must be text." })
        .trim()
        .max(500, "The brand description is at most 500 characters."),
    ),
    wordsToUse: wordList("to use"),
    wordsToAvoid: wordList("to avoid"),
  })
  .strict()
  .superRefine((v, ctx) => {
    const avoid = new Set(v.wordsToAvoid.map((w) => w.toLowerCase()));
    for (const w of v.wordsToUse)
      if (avoid.has(w.toLowerCase()))
        ctx.addIssue({
          code: "custom",
          path: ["wordsToAvoid"],
          message: `"${w}" cannot be both a word to use and a word to avoid.`,
        });
  });

export type BrandVoiceSettings = z.infer<typeof brandVoiceSchema>;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** The provider form of Settings. An absent or empty API key keeps the stored one. */
export const llmProviderSchema = z
  .object({
    baseURL: z.preprocess(
      blankToUndefined,
      z
        .string({ error: "The base URL must be text." })
        .trim()
        .refine(isHttpUrl, "The base URL must be an http:// or https:// address, like https://api.deepseek.com/v1.")
        .optional(),
    ),
    model: z
      .string({ error: "Enter the model name." })
      .trim()
      .min(1, { error: "Enter the model name.", abort: true })
      .max(100, "A model name is at most 100 characters.")
      .regex(/^[\w.:/@-]+$/, "A model name may contain only letters, digits and . : / @ - _ (no spaces)."),
    apiKey: z.preprocess(
      blankToUndefined,
      z
        .string({ error: "The API key must be text." })
        .trim()
        .max(300, "The API key is longer than 300 characters.")
        .regex(/^\S+$/, "The API key cannot contain spaces or line breaks.")
        .optional(),
    ),
    timeoutSeconds: intIn(5, 300, "The timeout is a whole number of seconds from 5 to 300.").optional(),
  })
  .strict();

export type LlmProviderSettings = z.infer<typeof llmProviderSchema>;
