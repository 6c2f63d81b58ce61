// What a prompt may say about a segment: aggregates only. Built by the pipeline and the campaign
// studio from a run's segment row and predictions; never a customer's name, email, phone, address or
// order id (lib/llm/privacy.ts checks every prompt regardless).
import type { Language } from "./guardrails";

export type SegmentBrief = {
  /** 0-based segment number of the run (-1: DBSCAN noise). */
  segment: number;
  /** Rule-based archetype key (lib/pipeline/profiles.ts PERSONA_KINDS): vip, lapsing_high_value, … */
  persona: string;
  /** The segment's display name in the prompt's language (rule-based or an earlier AI name). */
  label: string;
  customers: number;
  /** Share of the analysed customers, 0–1. */
  customerShare: number;
  /** Share of the store's revenue, 0–1. */
  revenueShare: number;
  currency: string;
  /** Segment means (null when the run lacks the feature). Money in major units. */
  avgOrderValue: number | null;
  avgOrders: number | null;
  avgSpend: number | null;
  avgRecencyDays: number | null;
  /** Shares 0–1. */
  discountShare: number | null;
  festivalShare: number | null;
  refundRate: number | null;
  /** From the predictions step, when the run has them. */
  avgChurnRisk: number | null;
  avgClv: number | null;
  /** Sum over members of churn probability × CLV, major units. */
  valueAtRisk: number | null;
  topCategories: string[];
  /** The segment's most recommended products (titles and SKUs of the store's catalogue). */
  topProducts: { title: string; sku: string }[];
};

export type BrandVoice = {
  description: string;
  wordsToUse: string[];
  wordsToAvoid: string[];
};

export const LANGUAGES: readonly Language[] = ["zh-CN", "en"];
