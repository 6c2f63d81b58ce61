// What sets each segment apart: feature means in original units, the same as z-scores against the
// whole store, revenue share, RFM mix, top categories, and a rule-based persona archetype (the LLM
// issue replaces the wording; the rules stay as its fallback).
import { categoryFeatureName } from "../analytics/customer-features";
import type { Matrix } from "../analytics/matrix";
import type { RfmGroup } from "../analytics/rfm";

export const PERSONA_KINDS = [
  "vip",
  "lapsing_high_value",
  "bargain_hunter",
  "high_returns",
  "category_fan",
  "festival_shopper",
  "new_customer",
  "one_time",
  "regular",
] as const;
export type PersonaKind = (typeof PERSONA_KINDS)[number];

export type SegmentProfile = {
  segment: number;
  size: number;
  revenueShare: number;
  /** feature → mean in original units (NaN-free: features a member lacks are left out of its mean) */
  centroid: Record<string, number>;
  /** feature → (segment mean − store mean) / store standard deviation */
  centroidZ: Record<string, number>;
  persona: PersonaKind;
  topCategories: { category: string; share: number }[];
  rfmMix: { group: RfmGroup; share: number }[];
  /** Share of the segment's paid orders per sales channel, largest first. */
  channels: { channel: string; share: number }[];
};

export function profileSegments(input: {
  features: Matrix;
  names: readonly string[];
  categories: readonly string[];
  labels: Int32Array;
  k: number;
  rfmGroups: readonly RfmGroup[];
  /** segment → channel → paid orders */
  channelCounts?: Map<number, Map<string, number>>;
}): SegmentProfile[] {
  const { features, names, labels } = input;
  const p = features.cols;
  const segments = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  // Store-wide mean and sd per feature (NaN-aware).
  const storeMean = new Float64Array(p);
  const storeSd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < features.rows; i++) {
      const v = features.data[i * p + j] as number;
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
      sq += v * v;
    }
    const mean = n ? sum / n : NaN;
    storeMean[j] = mean;
    storeSd[j] = n ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : NaN;
  }
  const monetaryCol = names.indexOf("monetary");
  let totalRevenue = 0;
  if (monetaryCol >= 0)
    for (let i = 0; i < features.rows; i++) totalRevenue += features.data[i * p + monetaryCol] as number;

  return segments
    .map((segment) => {
      const sums = new Float64Array(p);
      const counts = new Float64Array(p);
      let size = 0;
      let revenue = 0;
      const rfm = new Map<RfmGroup, number>();
      for (let i = 0; i < features.rows; i++) {
        if (labels[i] !== segment) continue;
        size++;
        const g = input.rfmGroups[i] as RfmGroup;
        rfm.set(g, (rfm.get(g) ?? 0) + 1);
        for (let j = 0; j < p; j++) {
          const v = features.data[i * p + j] as number;
          if (Number.isNaN(v)) continue;
          sums[j] = (sums[j] as number) + v;
          counts[j] = (counts[j] as number) + 1;
        }
        if (monetaryCol >= 0) revenue += features.data[i * p + monetaryCol] as number;
      }
      const centroid: Record<string, number> = {};
      const centroidZ: Record<string, number> = {};
      names.forEach((name, j) => {
        const c = counts[j] as number;
        if (!c) return;
        const mean = (sums[j] as number) / c;
        centroid[name] = mean;
        const sd = storeSd[j] as number;
        centroidZ[name] = sd > 0 ? (mean - (storeMean[j] as number)) / sd : 0;
      });
      const topCategories = input.categories
        .map((category) => ({ category, share: centroid[categoryFeatureName(category)] ?? 0 }))
        .sort((a, b) => b.share - a.share)
        .slice(0, 3);
      const rfmMix = [...rfm.entries()]
        .map(([group, n]) => ({ group, share: n / size }))
        .sort((a, b) => b.share - a.share);
      return {
        segment,
        size,
        revenueShare: totalRevenue > 0 ? revenue / totalRevenue : 0,
        centroid,
        centroidZ,
        persona: "regular" as PersonaKind,
        topCategories,
        rfmMix,
        channels: shares(input.channelCounts?.get(segment)),
      };
    })
    .map((profile) => ({ ...profile, persona: personaOf(profile) }));
}

/**
 * The persona archetype a segment's profile matches best. Each rule scores how strongly the segment
 * shows the trait (z-scores against the store); the strongest rule above its threshold wins, and
 * segments that show no trait are the store's "regulars". Noise (DBSCAN −1) is always "regular".
 */
export function personaOf(profile: Pick<SegmentProfile, "segment" | "centroid" | "centroidZ">): PersonaKind {
  if (profile.segment < 0) return "regular";
  const z = (name: string) => profile.centroidZ[name] ?? 0;
  const frequency = profile.centroid.frequency ?? 0;
  const candidates: [PersonaKind, number][] = [
    ["vip", Math.min(z("monetary"), z("frequency")) - Math.max(0, z("recency_days"))],
    ["lapsing_high_value", Math.min(z("monetary"), z("recency_days"))],
    ["bargain_hunter", z("discount_share")],
    ["high_returns", Math.max(z("refund_rate"), z("cancel_rate")) - 0.5],
    ["category_fan", z("category_concentration") - (frequency < 1.5 ? 10 : 0)],
    ["festival_shopper", z("festival_share")],
    ["new_customer", -z("tenure_days") - Math.max(0, z("recency_days"))],
    ["one_time", frequency < 1.3 ? 1 + (1.3 - frequency) : -10],
  ];
  const [kind, score] = candidates.sort((a, b) => b[1] - a[1])[0] as [PersonaKind, number];
  return score >= 0.5 ? kind : "regular";
}

function shares(counts: Map<string, number> | undefined): { channel: string; share: number }[] {
  if (!counts) return [];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()]
    .map(([channel, n]) => ({ channel, share: total ? n / total : 0 }))
    .sort((a, b) => b.share - a.share || a.channel.localeCompare(b.channel));
}
