import "server-only";
// The personas step of a run: when the store has a language model, it writes each segment's persona
// name, one-line description and three strategies in zh-CN and en as zod-validated JSON, from the
// segment's aggregates only (lib/llm/persona.ts: one retry on invalid output). A segment whose text
// could not be written keeps the rule-based wording; the run says how many were written and why not.
import { getProducts } from "../db/recommendations";
import type { SegmentBrief } from "../llm/brief";
import { ruleStrategies, writePersonaText, type PersonaText, type RuleStrategy } from "../llm/persona";
import type { SegmentProfile } from "./profiles";
import { recordedClient, resolveProvider } from "./llm-provider";

export type PersonaStepReport =
  | { source: "llm"; model: string; written: number; failed: { segment: number; reason: string }[] }
  | { source: "rules"; reason: "no_provider" | "provider_broken"; detail?: string };

export type StoredAiText = PersonaText & { model: string };

export type PersonaInput = {
  storeId: number;
  profiles: SegmentProfile[];
  labels: Int32Array;
  churnProb: Float32Array;
  clv: Float32Array;
  segmentTop: Map<number, { productId: number; score: number }[]>;
  currency: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
};

/** Segment aggregates for the prompt, from the run's in-memory results (nothing per customer). */
export async function segmentBriefs(input: PersonaInput): Promise<SegmentBrief[]> {
  const n = input.labels.length;
  const sums = new Map<number, { churn: number; churnN: number; clv: number; clvN: number; risk: number }>();
  for (let i = 0; i < n; i++) {
    const s = input.labels[i] as number;
    const acc = sums.get(s) ?? { churn: 0, churnN: 0, clv: 0, clvN: 0, risk: 0 };
    const c = input.churnProb[i] as number;
    const v = input.clv[i] as number;
    if (Number.isFinite(c)) {
      acc.churn += c;
      acc.churnN++;
    }
    if (Number.isFinite(v)) {
      acc.clv += v;
      acc.clvN++;
    }
    if (Number.isFinite(c) && Number.isFinite(v)) acc.risk += c * v;
    sums.set(s, acc);
  }
  const topIds = [...input.segmentTop.values()].flatMap((t) => t.slice(0, 3).map((x) => x.productId));
  const products = await getProducts(input.storeId, topIds);
  const total = input.profiles.reduce((a, p) => a + p.size, 0);
  return input.profiles.map((p) => {
    const acc = sums.get(p.segment);
    const c = p.centroid;
    const f = (k: string) => (typeof c[k] === "number" && Number.isFinite(c[k]) ? (c[k] as number) : null);
    return {
      segment: p.segment,
      persona: p.persona,
      label: p.persona,
      customers: p.size,
      customerShare: total ? p.size / total : 0,
      revenueShare: p.revenueShare,
      currency: input.currency,
      avgOrderValue: f("aov"),
      avgOrders: f("frequency"),
      avgSpend: f("monetary"),
      avgRecencyDays: f("recency_days"),
      discountShare: f("discount_share"),
      festivalShare: f("festival_share"),
      refundRate: f("refund_rate"),
      avgChurnRisk: acc && acc.churnN ? acc.churn / acc.churnN : null,
      avgClv: acc && acc.clvN ? acc.clv / acc.clvN : null,
      valueAtRisk: acc && acc.churnN && acc.clvN ? acc.risk : null,
      topCategories: p.topCategories.map((x) => x.category),
      topProducts: (input.segmentTop.get(p.segment) ?? [])
        .slice(0, 3)
        .map((x) => products.get(x.productId))
        .filter((x) => x !== undefined)
        .map((x) => ({ title: x.title, sku: x.sku })),
    };
  });
}

/** Writes the persona texts (DBSCAN's noise gets none); returns them by segment with the step's report. */
export async function writePersonas(
  input: PersonaInput,
): Promise<{ texts: Map<number, StoredAiText>; report: PersonaStepReport }> {
  const provider = await resolveProvider(input.storeId);
  if (provider.kind === "none") return { texts: new Map(), report: { source: "rules", reason: "no_provider" } };
  if (provider.kind === "broken")
    return { texts: new Map(), report: { source: "rules", reason: "provider_broken", detail: provider.reason } };
  const briefs = (await segmentBriefs(input)).filter((b) => b.segment >= 0);
  const { client, flush } = recordedClient(provider.config, input.storeId, null);
  const texts = new Map<number, StoredAiText>();
  const failed: { segment: number; reason: string }[] = [];
  let done = 0;
  const queue = [...briefs];
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      // The other segments' labels, and the names already written, so that no two personas share a name.
      const others = [
        ...briefs.filter((o) => o.segment !== b!.segment).map((o) => o.label),
        ...[...texts.values()].flatMap((t) => [t["zh-CN"].name, t.en.name]),
      ];
      const result = await writePersonaText(client, b, others, input.signal ? { signal: input.signal } : {});
      if (result.ok) texts.set(b.segment, { ...result.text, model: client.model });
      else failed.push({ segment: b.segment, reason: result.reason });
      done++;
      input.onProgress?.(done / briefs.length);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  await flush();
  failed.sort((a, b) => a.segment - b.segment);
  return { texts, report: { source: "llm", model: client.model, written: texts.size, failed } };
}

/** The rule-based strategies of a stored segment (persona pages, when the model wrote none). */
export function storedSegmentStrategies(
  row: {
    segment: number;
    size: number;
    revenueShare: number;
    centroid: Record<string, number>;
    profile: { persona: string; topCategories: { category: string }[] };
  },
  context: {
    analysedCustomers: number;
    currency: string;
    averages: { churnProb: number | null; clv: number | null; valueAtRisk: number | null } | undefined;
    topProducts: { title: string; sku: string }[];
  },
): RuleStrategy[] {
  const c = row.centroid;
  const f = (k: string) => (typeof c[k] === "number" && Number.isFinite(c[k]) ? (c[k] as number) : null);
  return ruleStrategies({
    segment: row.segment,
    persona: row.profile.persona,
    label: row.profile.persona,
    customers: row.size,
    customerShare: context.analysedCustomers ? row.size / context.analysedCustomers : 0,
    revenueShare: row.revenueShare,
    currency: context.currency,
    avgOrderValue: f("aov"),
    avgOrders: f("frequency"),
    avgSpend: f("monetary"),
    avgRecencyDays: f("recency_days"),
    discountShare: f("discount_share"),
    festivalShare: f("festival_share"),
    refundRate: f("refund_rate"),
    avgChurnRisk: context.averages?.churnProb ?? null,
    avgClv: context.averages?.clv ?? null,
    valueAtRisk: context.averages?.valueAtRisk ?? null,
    topCategories: row.profile.topCategories.map((x) => x.category),
    topProducts: context.topProducts,
  });
}
