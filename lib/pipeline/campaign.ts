import "server-only";
// The campaign studio's engine: from a validated request to drafts. It reads the segment's aggregates
// from the current run, the chosen (or recommended) products and the brand voice; streams one model
// call per variant — or, with no provider, writes the offline templates — and keeps every variant in
// the campaign as it finishes: complete, or partial when the stream broke off or the user left.
// Guardrails run on every result; text over the channel's limit is trimmed, and the draft says so.
import { getBriefData, listCatalog, type BriefData, type CatalogProduct } from "../db/briefs";
import { createCampaign, getDraft, insertDraft, touchCampaign, type DraftRow } from "../db/campaigns";
import { getLlmSettings } from "../db/llm";
import type { BrandVoice, SegmentBrief } from "../llm/brief";
import { brandName } from "../llm/brand";
import { LlmError, type LlmClient } from "../llm/client";
import { copyMessages, fitToChannel, parseCopy, translateMessages } from "../llm/copy";
import {
  checkCopy,
  type Channel,
  type CopyParts,
  type GuardrailContext,
  type Language,
  type Problem,
} from "../llm/guardrails";
import { offerNumbers, offlineDrafts, type Offer } from "../llm/offline";
import { PersonalDataError } from "../llm/privacy";
import { currencyDigits } from "../format/money";
import type { GenerateRequest } from "../validation/campaign";
import { recordedClient, resolveFromSettings, type ProviderSource } from "./llm-provider";

export type StudioContext = {
  storeId: number;
  userId: string;
  storeName: string;
  currency: string;
  /** The current run, or null when the store has not been analysed yet. */
  runId: number | null;
  /** Display name of a segment (persona) in the given language. */
  label: (segment: number | null, persona: string | null, language: Language) => string;
};

export type DraftView = {
  id: number;
  variant: number;
  channel: Channel;
  language: Language;
  parts: CopyParts;
  source: DraftRow["source"];
  status: DraftRow["status"];
  error: string | null;
  model: string | null;
  problems: Problem[];
  trimmed: { field: string; from: number; to: number }[];
  translatedFromId: number | null;
  /** The generation parameters used (lib/validation/campaign.ts). */
  params: unknown;
  createdBy: string | null;
  createdAt: string;
  editedBy: string | null;
  editedAt: string | null;
};

export type StudioEvent =
  | {
      type: "start";
      campaignId: number;
      mode: "llm" | "offline";
      providerSource: ProviderSource | null;
      model: string | null;
      variants: number[];
    }
  | { type: "delta"; variant: number; text: string }
  | { type: "draft"; draft: DraftView }
  | { type: "variant-error"; variant: number; kind: string; message: string }
  | { type: "done" };

export class StudioError extends Error {
  override name = "StudioError";
  constructor(
    readonly code:
      | "no_analysis"
      | "segment_not_found"
      | "empty_segment"
      | "unknown_products"
      | "no_products"
      | "campaign_not_found"
      | "draft_not_found"
      | "provider_broken",
    message: string,
  ) {
    super(message);
  }
}

export function draftView(d: DraftRow): DraftView {
  return {
    id: d.id,
    variant: d.variant,
    channel: d.channel as Channel,
    language: d.language as Language,
    parts: {
      body: d.body,
      ...(d.title !== null ? { title: d.title } : {}),
      ...(d.preheader !== null ? { preheader: d.preheader } : {}),
    },
    source: d.source,
    status: d.status,
    error: d.error,
    model: d.model,
    problems: d.problems as Problem[],
    trimmed: d.trimmed,
    translatedFromId: d.translatedFromId,
    params: d.params,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    editedBy: d.editedBy,
    editedAt: d.editedAt ? d.editedAt.toISOString() : null,
  };
}

export function titleIn(p: Pick<CatalogProduct, "title" | "titleEn" | "titleZh">, language: Language): string {
  return (language === "zh-CN" ? p.titleZh : p.titleEn) ?? p.title;
}

const majorUnits = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

function briefOf(
  data: BriefData & { segment: number },
  products: SegmentBrief["topProducts"],
  ctx: StudioContext,
  language: Language,
): SegmentBrief {
  const c = data.centroid;
  const n = (k: string) => (typeof c[k] === "number" && Number.isFinite(c[k]) ? (c[k] as number) : null);
  return {
    segment: data.segment,
    persona: data.persona ?? "regular",
    label: ctx.label(data.segment, data.persona, language),
    customers: data.customers,
    customerShare: data.analysedCustomers ? data.customers / data.analysedCustomers : 0,
    revenueShare: data.revenueShare,
    currency: ctx.currency,
    avgOrderValue: n("aov"),
    avgOrders: n("frequency"),
    avgSpend: n("monetary"),
    avgRecencyDays: n("recency_days"),
    discountShare: n("discount_share"),
    festivalShare: n("festival_share"),
    refundRate: n("refund_rate"),
    avgChurnRisk: data.churnProb,
    avgClv: data.clv,
    valueAtRisk: data.valueAtRisk,
    topCategories: data.topCategories,
    topProducts: products,
  };
}

/**
 * Everything a generation needs, checked: the brief, the products, the brand voice, the catalogue.
 * Re-checks and translations of a saved draft pass `withBrief` false: their products are the draft's own.
 */
async function prepare(ctx: StudioContext, req: GenerateRequest, withBrief = true) {
  let data: BriefData | null = null;
  if (withBrief && ctx.runId !== null) data = await getBriefData(ctx.storeId, ctx.runId, req.segment);
  if (req.segment !== null) {
    if (ctx.runId === null)
      throw new StudioError("no_analysis", "The store has no analysis yet: run it, or write for the whole store.");
    if (!data) throw new StudioError("segment_not_found", `Segment ${req.segment + 1} is not in the current analysis.`);
    if (data.customers === 0)
      throw new StudioError("empty_segment", `Segment ${req.segment + 1} has no customers in the current analysis.`);
  }
  const catalog = await listCatalog(ctx.storeId);
  const byId = new Map(catalog.map((p) => [p.id, p]));
  let chosen: CatalogProduct[];
  if (req.productIds.length > 0) {
    const unknown = req.productIds.filter((id) => !byId.get(id)?.active);
    if (unknown.length > 0)
      throw new StudioError(
        "unknown_products",
        `Not active products of this store: ${unknown.map((id) => `#${id}`).join(", ")}.`,
      );
    chosen = req.productIds.map((id) => byId.get(id) as CatalogProduct);
  } else {
    chosen = (data?.topProductIds ?? [])
      .map((id) => byId.get(id))
      .filter((p): p is CatalogProduct => !!p?.active)
      .slice(0, 3);
  }
  const settings = await getLlmSettings(ctx.storeId);
  const voice: BrandVoice = {
    description: settings.brandDescription,
    wordsToUse: settings.wordsToUse,
    wordsToAvoid: settings.wordsToAvoid,
  };
  return { data, chosen, voice, catalog, settings };
}

function guardContext(
  channel: Channel,
  language: Language,
  offer: Offer,
  chosen: CatalogProduct[],
  catalog: CatalogProduct[],
  voice: BrandVoice,
  currency: string,
  smsParts: number,
): GuardrailContext {
  const prices = chosen.map((p) => String(majorUnits(p.priceMinor, currency)));
  return {
    channel,
    language,
    bannedWords: voice.wordsToAvoid,
    allowedNumbers: [...offerNumbers(offer), ...prices],
    catalog: catalog.flatMap((p) => [p.title, p.titleEn ?? "", p.titleZh ?? "", p.sku]).filter(Boolean),
    smsParts,
  };
}

/**
 * Trims a finished text to the channel's limit when needed (and puts the SMS footer right), then runs
 * every guardrail on the result. A partial text is kept exactly as it arrived: the checks say what it lacks.
 */
function finish(parts: CopyParts, guard: GuardrailContext, complete = true) {
  if (!complete) return { parts, trimmed: [], problems: checkCopy(parts, guard) };
  const fitted = fitToChannel(parts, guard.channel, guard.language, guard.smsParts ?? 1);
  return { parts: fitted.parts, trimmed: fitted.trimmed, problems: checkCopy(fitted.parts, guard) };
}

type Stream = (variant: number, client: LlmClient) => AsyncGenerator<string, void, void>;

/**
 * Runs `variants` streams side by side, forwarding their tokens as they come, and keeps each result as
 * a draft as soon as it ends. The queue interleaves the streams fairly: whichever has a token sends it.
 */
async function* streamVariants(
  variants: number[],
  client: LlmClient,
  open: Stream,
  save: (variant: number, text: string, error: LlmError | null) => Promise<DraftView | null>,
): AsyncGenerator<StudioEvent> {
  const queue: StudioEvent[] = [];
  let wake = null as (() => void) | null;
  const push = (e: StudioEvent) => {
    queue.push(e);
    wake?.();
  };
  let running = variants.length;
  for (const v of variants) {
    void (async () => {
      let text = "";
      let error: LlmError | null = null;
      try {
        for await (const delta of open(v, client)) {
          text += delta;
          push({ type: "delta", variant: v, text: delta });
        }
      } catch (err) {
        if (err instanceof LlmError) error = err;
        else if (err instanceof PersonalDataError) error = new LlmError(err.message, "invalid_response");
        else error = new LlmError(err instanceof Error ? err.message : String(err), "unavailable");
        text = error.partial || text;
      }
      try {
        const draft = await save(v, text, error);
        if (draft) push({ type: "draft", draft });
        if (error) push({ type: "variant-error", variant: v, kind: error.kind, message: error.message });
      } catch (err) {
        push({ type: "variant-error", variant: v, kind: "save", message: (err as Error).message });
      } finally {
        running -= 1;
        wake?.();
      }
    })();
  }
  while (running > 0 || queue.length > 0) {
    if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    while (queue.length > 0) yield queue.shift() as StudioEvent;
  }
}

/** Generates (or regenerates one variant of) a campaign's copy. Throws StudioError before anything starts. */
export async function* generateCopy(
  ctx: StudioContext,
  req: GenerateRequest,
  name: string,
  signal: AbortSignal,
): AsyncGenerator<StudioEvent> {
  const { data, chosen, voice, catalog, settings } = await prepare(ctx, req);
  const lang = req.language;
  const products = chosen.map((p) => ({ title: titleIn(p, lang), sku: p.sku }));
  // Copy for the whole store carries no segment figures; a segment's copy carries its aggregates.
  const brief = data && data.segment !== null ? briefOf({ ...data, segment: data.segment }, products, ctx, lang) : null;
  const offer: Offer = { ...req.offer, ...(req.festival ? { festival: req.festival } : {}) };
  const guard = guardContext(req.channel, lang, offer, chosen, catalog, voice, ctx.currency, req.smsParts);
  const provider = resolveFromSettings(settings);
  if (provider.kind === "broken") throw new StudioError("provider_broken", provider.reason);
  let campaignId: number;
  if (req.campaignId !== undefined) {
    if (!(await touchCampaign(ctx.storeId, req.campaignId, req)))
      throw new StudioError("campaign_not_found", "That campaign does not exist in this store.");
    campaignId = req.campaignId;
  } else {
    campaignId = await createCampaign(ctx.storeId, ctx.userId, req.name?.trim() || name, req);
  }
  const variants = req.regenerate !== undefined ? [req.regenerate] : Array.from({ length: req.variants }, (_, i) => i);
  const mode = provider.kind === "configured" ? "llm" : "offline";
  yield {
    type: "start",
    campaignId,
    mode,
    providerSource: provider.kind === "configured" ? provider.source : null,
    model: provider.kind === "configured" ? provider.config.model : null,
    variants,
  };
  // The draft keeps the products actually used (the recommended ones resolved to ids).
  const base = {
    campaignId,
    channel: req.channel,
    language: lang,
    params: { ...req, productIds: chosen.map((p) => p.id) },
    translatedFromId: null,
  };
  if (provider.kind !== "configured") {
    const drafts = offlineDrafts({
      goal: req.goal,
      channel: req.channel,
      language: lang,
      tone: req.tone,
      storeName: brandName(ctx.storeName, lang),
      currency: ctx.currency,
      products,
      offer,
      variants: Math.max(...variants) + 1,
    });
    for (const v of variants) {
      const checked = finish(drafts[v] as CopyParts, guard);
      const id = await insertDraft(ctx.storeId, ctx.userId, {
        ...base,
        ...partsColumns(checked.parts),
        variant: v,
        source: "offline",
        status: "complete",
        error: null,
        model: null,
        problems: checked.problems,
        trimmed: checked.trimmed,
      });
      yield { type: "draft", draft: draftView((await getDraft(ctx.storeId, id)) as DraftRow) };
    }
    yield { type: "done" };
    return;
  }
  const { client, flush } = recordedClient(provider.config, ctx.storeId, ctx.userId);
  const open: Stream = (variant, c) =>
    c.stream(
      copyMessages({
        goal: req.goal,
        ...(req.festival ? { festival: req.festival } : {}),
        channel: req.channel,
        tone: req.tone,
        language: lang,
        storeName: brandName(ctx.storeName, lang),
        brief,
        products: chosen.map((p) => ({
          title: titleIn(p, lang),
          sku: p.sku,
          price: majorUnits(p.priceMinor, ctx.currency),
        })),
        offer,
        brandVoice: voice,
        variant,
        variants: req.variants,
        smsParts: req.smsParts,
        currency: ctx.currency,
      }),
      { purpose: "campaign_copy", signal, temperature: 0.8 },
    );
  yield* streamVariants(variants, client, open, async (variant, text, error) => {
    if (!text.trim()) return null;
    const checked = finish(parseCopy(text, req.channel), guard, !error);
    const id = await insertDraft(ctx.storeId, ctx.userId, {
      ...base,
      ...partsColumns(checked.parts),
      variant,
      source: "llm",
      status: error ? "partial" : "complete",
      error: error?.kind ?? null,
      model: provider.config.model,
      problems: checked.problems,
      trimmed: checked.trimmed,
    });
    return draftView((await getDraft(ctx.storeId, id)) as DraftRow);
  });
  await flush();
  yield { type: "done" };
}

function partsColumns(parts: CopyParts) {
  return { title: parts.title ?? null, preheader: parts.preheader ?? null, body: parts.body };
}

/** Re-checks an edited text against the guardrails of the draft's own parameters. */
export async function checkEdited(
  ctx: StudioContext,
  draft: DraftRow,
  parts: CopyParts,
): Promise<{ problems: Problem[] }> {
  const req = draft.params as GenerateRequest;
  const { chosen, voice, catalog } = await prepare(ctx, { ...req, segment: null }, false);
  const offer: Offer = { ...req.offer, ...(req.festival ? { festival: req.festival } : {}) };
  const guard = guardContext(
    draft.channel as Channel,
    draft.language as Language,
    offer,
    chosen,
    catalog,
    voice,
    ctx.currency,
    req.smsParts ?? 1,
  );
  return { problems: checkCopy(parts, guard) };
}

/** Translates a draft into the other language (or, offline, rewrites the template in it). */
export async function* translateDraft(
  ctx: StudioContext,
  draftId: number,
  to: Language,
  signal: AbortSignal,
): AsyncGenerator<StudioEvent> {
  const source = await getDraft(ctx.storeId, draftId);
  if (!source) throw new StudioError("draft_not_found", "That draft does not exist in this store.");
  const req = { ...(source.params as GenerateRequest), language: to };
  const { chosen, voice, catalog, settings } = await prepare(ctx, { ...req, segment: null }, false);
  const offer: Offer = { ...req.offer, ...(req.festival ? { festival: req.festival } : {}) };
  const channel = source.channel as Channel;
  const guard = guardContext(channel, to, offer, chosen, catalog, voice, ctx.currency, req.smsParts ?? 1);
  const provider = resolveFromSettings(settings);
  if (provider.kind === "broken") throw new StudioError("provider_broken", provider.reason);
  const variant = source.variant;
  const base = {
    campaignId: source.campaignId,
    channel,
    language: to,
    params: req,
    translatedFromId: source.id,
    variant,
  };
  yield {
    type: "start",
    campaignId: source.campaignId,
    mode: provider.kind === "configured" ? "llm" : "offline",
    providerSource: provider.kind === "configured" ? provider.source : null,
    model: provider.kind === "configured" ? provider.config.model : null,
    variants: [variant],
  };
  if (provider.kind !== "configured") {
    const drafts = offlineDrafts({
      goal: req.goal,
      channel,
      language: to,
      tone: req.tone,
      storeName: brandName(ctx.storeName, to),
      currency: ctx.currency,
      products: chosen.map((p) => ({ title: titleIn(p, to), sku: p.sku })),
      offer,
      variants: variant + 1,
    });
    const checked = finish(drafts[variant] as CopyParts, guard);
    const id = await insertDraft(ctx.storeId, ctx.userId, {
      ...base,
      ...partsColumns(checked.parts),
      source: "offline",
      status: "complete",
      error: null,
      model: null,
      problems: checked.problems,
      trimmed: checked.trimmed,
    });
    yield { type: "draft", draft: draftView((await getDraft(ctx.storeId, id)) as DraftRow) };
    yield { type: "done" };
    return;
  }
  const { client, flush } = recordedClient(provider.config, ctx.storeId, ctx.userId);
  const from = source.language as Language;
  const open: Stream = (_v, c) =>
    c.stream(
      translateMessages({
        parts: draftView(source).parts,
        from,
        to,
        channel,
        storeName: brandName(ctx.storeName, to),
        products: chosen.map((p) => ({ title: titleIn(p, to), sku: p.sku })),
        offer,
        brandVoice: voice,
        smsParts: req.smsParts ?? 1,
        currency: ctx.currency,
      }),
      { purpose: "translation", signal, temperature: 0.2 },
    );
  yield* streamVariants([variant], client, open, async (_v, text, error) => {
    if (!text.trim()) return null;
    const checked = finish(parseCopy(text, channel), guard, !error);
    const id = await insertDraft(ctx.storeId, ctx.userId, {
      ...base,
      ...partsColumns(checked.parts),
      source: "translation",
      status: error ? "partial" : "complete",
      error: error?.kind ?? null,
      model: provider.config.model,
      problems: checked.problems,
      trimmed: checked.trimmed,
    });
    return draftView((await getDraft(ctx.storeId, id)) as DraftRow);
  });
  await flush();
  yield { type: "done" };
}
