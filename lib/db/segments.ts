import "server-only";
// Reads of the store's current analysis (Store.currentRunId): segments, the map, members.
import { getPrisma, getSql } from "./client";

/** Persona text the language model wrote for a segment (lib/llm/persona.ts), per language. */
export type AiPersonaLang = {
  name: string;
  description: string;
  strategies: { title: string; goal: string; channel: string; rationale: string }[];
};
export type AiPersonaText = { model: string; "zh-CN": AiPersonaLang; en: AiPersonaLang };

export type SegmentRow = {
  segment: number;
  size: number;
  revenueShare: number;
  centroid: Record<string, number>;
  centroidZ: Record<string, number>;
  profile: {
    persona: string;
    topCategories: { category: string; share: number }[];
    rfmMix: { group: string; share: number }[];
    channels?: { channel: string; share: number }[];
  };
  aiText: AiPersonaText | null;
  /** The segment's most recommended products, best first (null before recommendations ran). */
  topProducts: { productId: number; score: number }[] | null;
};

export type CurrentAnalysis = {
  runId: number;
  finishedAt: Date | null;
  summary: {
    algo: string;
    k: number;
    inertia: number | null;
    silhouette: number | null;
    daviesBouldin: number | null;
    curve: { k: number; inertia: number; silhouette: number; daviesBouldin: number }[];
    used: string[];
    dropped: { name: string; reason: string; variance?: number; r?: number; partnerName?: string }[];
    explainedVarianceRatio: number[];
    eps: { value: number; suggested: boolean } | null;
    rfmMovement?: { from: string; to: string; customers: number }[];
    cutoff: string;
    featureNames: string[];
    categories: string[];
    analysedCustomers: number;
    totalCustomers: number;
    fitSeconds: number;
  };
  segments: SegmentRow[];
};

export async function getCurrentAnalysis(storeId: number): Promise<CurrentAnalysis | null> {
  const prisma = await getPrisma();
  const store = await prisma.store.findUnique({ where: { id: storeId }, select: { currentRunId: true } });
  if (!store?.currentRunId) return null;
  const run = await prisma.pipelineRun.findUnique({
    where: { storeId_id: { storeId, id: store.currentRunId } },
    select: { id: true, finishedAt: true, summary: true, segments: { orderBy: { segment: "asc" } } },
  });
  if (!run?.summary) return null;
  return {
    runId: run.id,
    finishedAt: run.finishedAt,
    summary: run.summary as CurrentAnalysis["summary"],
    segments: run.segments.map((s) => ({
      segment: s.segment,
      size: s.size,
      revenueShare: s.revenueShare,
      centroid: s.centroid as Record<string, number>,
      centroidZ: s.centroidZ as Record<string, number>,
      profile: s.profile as SegmentRow["profile"],
      aiText: (s.aiText as AiPersonaText | null) ?? null,
      topProducts: (s.topProducts as SegmentRow["topProducts"]) ?? null,
    })),
  };
}

export type MapPoint = { x: number; y: number; segment: number };

/**
 * Up to `limit` customers of the run for the scatter map: a deterministic pseudo-random sample
 * (a multiplicative hash of the id), so the map does not reshuffle on every visit.
 */
export async function getSegmentMap(
  storeId: number,
  runId: number,
  limit: number,
): Promise<{ points: MapPoint[]; total: number }> {
  const sql = await getSql();
  const [points, total] = await Promise.all([
    sql.query<{ x: number; y: number; segment: number }>(
      `SELECT x::float8 AS x, y::float8 AS y, segment::int AS segment FROM run_customer
       WHERE store_id = $1 AND run_id = $2
       ORDER BY (customer_id::bigint * 2654435761) % 4294967296
       LIMIT $3`,
      [storeId, runId, limit],
    ),
    sql.query<{ n: number }>("SELECT count(*)::int AS n FROM run_customer WHERE store_id = $1 AND run_id = $2", [
      storeId,
      runId,
    ]),
  ]);
  return { points, total: total[0]?.n ?? 0 };
}

export type MemberRow = {
  customerId: number;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  rfmGroup: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
};

/** Members of one segment of a run, by spend; features are read by name from the run's feature list. */
export async function listSegmentMembers(
  storeId: number,
  runId: number,
  segment: number,
  featureNames: readonly string[],
  options: { page: number; pageSize: number } | { all: true },
): Promise<{ rows: MemberRow[]; total: number }> {
  const sql = await getSql();
  // Postgres arrays are 1-based.
  const col = (name: string) => featureNames.indexOf(name) + 1;
  const [r, f, m] = [col("recency_days"), col("frequency"), col("monetary")];
  const paging =
    "all" in options
      ? { limit: null, offset: 0 }
      : { limit: options.pageSize, offset: (options.page - 1) * options.pageSize };
  const [rows, total] = await Promise.all([
    sql.query<{
      customer_id: number;
      external_id: string;
      name: string | null;
      email: string | null;
      phone: string | null;
      city: string | null;
      rfm_group: string;
      recency: number;
      frequency: number;
      monetary: number;
    }>(
      `SELECT rc.customer_id, c.external_id, c.name, c.email, c.phone, c.city, rc.rfm_group,
              rc.features[$4]::float8 AS recency, rc.features[$5]::float8 AS frequency, rc.features[$6]::float8 AS monetary
       FROM run_customer rc JOIN customer c ON c.store_id = rc.store_id AND c.id = rc.customer_id
       WHERE rc.store_id = $1 AND rc.run_id = $2 AND rc.segment = $3
       ORDER BY rc.features[$6] DESC, rc.customer_id
       LIMIT $7 OFFSET $8`,
      [storeId, runId, segment, r, f, m, paging.limit, paging.offset],
    ),
    sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM run_customer WHERE store_id = $1 AND run_id = $2 AND segment = $3",
      [storeId, runId, segment],
    ),
  ]);
  return {
    rows: rows.map((x) => ({
      customerId: x.customer_id,
      externalId: x.external_id,
      name: x.name,
      email: x.email,
      phone: x.phone,
      city: x.city,
      rfmGroup: x.rfm_group,
      recencyDays: x.recency,
      frequency: x.frequency,
      monetary: x.monetary,
    })),
    total: total[0]?.n ?? 0,
  };
}

export type CustomerAnalysis = {
  runId: number;
  segment: number;
  persona: string | null;
  rfm: { r: number; f: number; m: number; group: string };
  features: Record<string, number>;
};

/** The customer's row in the store's current run, if the customer was analysed. */
export async function getCustomerAnalysis(storeId: number, customerId: number): Promise<CustomerAnalysis | null> {
  const analysis = await getCurrentAnalysis(storeId);
  if (!analysis) return null;
  const prisma = await getPrisma();
  const row = await prisma.runCustomer.findUnique({
    where: { storeId_runId_customerId: { storeId, runId: analysis.runId, customerId } },
  });
  if (!row) return null;
  const names = analysis.summary.featureNames;
  return {
    runId: analysis.runId,
    segment: row.segment,
    persona: analysis.segments.find((s) => s.segment === row.segment)?.profile.persona ?? null,
    rfm: { r: row.rfmR, f: row.rfmF, m: row.rfmM, group: row.rfmGroup },
    features: Object.fromEntries(names.map((n, i) => [n, row.features[i] ?? NaN])),
  };
}
