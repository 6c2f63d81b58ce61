// Everything the pipeline computes from one store's purchase data, in one function that the worker
// thread runs (and tests call directly): features as of the cutoff → segmentation on the behavioural
// features → RFM → segment profiles. Typed arrays in, typed arrays out (transferable).
import {
  BASE_FEATURES,
  customerFeatures,
  ORDER_PAID,
  type CustomerFeatures,
  type PurchaseData,
} from "../analytics/customer-features";
import { festivalClassifier } from "../analytics/festivals";
import { createMatrix, type Matrix } from "../analytics/matrix";
import { rfm, rfmMovement, type RfmGroup, type RfmMovement } from "../analytics/rfm";
import type { SegmentParams } from "../validation/pipeline";
import { computePredictions, type PredictionOutput } from "./predict";
import { computeRecommendations, type RecommendationOutput } from "./recommend";
import { profileSegments, type SegmentProfile } from "./profiles";
import { segment, type Progress, type SegmentationResult } from "./segment";

export type ComputeInput = { data: PurchaseData; cutoff: number; timeZone: string; params: SegmentParams };

export type RunStep = "segments" | "predictions" | "recommendations";
export type RunProgress = (step: RunStep, fraction: number, detail?: string) => void;

/** Everything a run computes: segments, then the prediction steps on the same features. */
export function computeRun(
  input: ComputeInput,
  progress: RunProgress = () => undefined,
): { segments: ComputeOutput; predictions: PredictionOutput; recommendations: RecommendationOutput } {
  const segments = computeSegments(input, (f, d) => progress("segments", f, d));
  const fest = festivalClassifier(input.timeZone);
  const current: CustomerFeatures = {
    customers: segments.customers,
    names: segments.featureNames,
    matrix: createMatrix(segments.customers.length, segments.featureNames.length, segments.features),
  };
  const predictions = computePredictions(
    {
      data: input.data,
      cutoff: input.cutoff,
      timeZone: input.timeZone,
      params: input.params.predict,
      seed: input.params.seed,
      current,
      isFestival: (t) => fest(t) !== null,
    },
    (f, d) => progress("predictions", f, d),
  );
  const recommendations = computeRecommendations(
    {
      data: input.data,
      cutoff: input.cutoff,
      seed: input.params.seed,
      customers: segments.customers,
      labels: segments.labels,
    },
    (f, d) => progress("recommendations", f, d),
  );
  return { segments, predictions, recommendations };
}

export type ComputeOutput = {
  /** Customer indexes (into PurchaseData) of the analysed population, row order of everything below. */
  customers: Int32Array;
  featureNames: string[];
  /** All features, original units (population × featureNames). */
  features: Float64Array;
  labels: Int32Array;
  coords: Float32Array;
  rfmR: Uint8Array;
  rfmF: Uint8Array;
  rfmM: Uint8Array;
  rfmGroups: RfmGroup[];
  segmentation: Omit<SegmentationResult, "labels" | "pca"> & {
    explainedVarianceRatio: number[];
    /** How customers moved between RFM groups over the last 90 days (customers present at both). */
    rfmMovement: RfmMovement[];
  };
  profiles: SegmentProfile[];
};

export function computeSegments(input: ComputeInput, progress: Progress = () => undefined): ComputeOutput {
  const fest = festivalClassifier(input.timeZone);
  const f = customerFeatures(input.data, { cutoff: input.cutoff, isFestival: (t) => fest(t) !== null });
  progress(0.05, "features");
  // Cluster on the behavioural features; category shares describe segments but would swamp the
  // distances (one dimension per category), so they enter through category_concentration only.
  const base = BASE_FEATURES.length;
  const clusterInput = createMatrix(f.matrix.rows, base);
  for (let i = 0; i < f.matrix.rows; i++) {
    clusterInput.data.set(f.matrix.data.subarray(i * f.matrix.cols, i * f.matrix.cols + base), i * base);
  }
  const seg = segment(clusterInput, [...BASE_FEATURES], input.params, {
    progress: (fraction, detail) => progress(0.05 + 0.85 * fraction, detail),
  });
  const col = (name: string) => column(f.matrix, f.names.indexOf(name));
  const scores = rfm(col("recency_days"), col("frequency"), col("monetary"));
  // Paid orders per segment and channel, before the cutoff.
  const rowOf = new Int32Array(input.data.customerCount).fill(-1);
  f.customers.forEach((c, row) => (rowOf[c] = row));
  const channelCounts = new Map<number, Map<string, number>>();
  const oc = input.data.orderChannels;
  if (oc) {
    const { orders } = input.data;
    for (let o = 0; o < orders.customer.length; o++) {
      const ch = oc.channel[o] as number;
      if (ch < 0 || orders.status[o] !== ORDER_PAID || !((orders.placedAt[o] as number) < input.cutoff)) continue;
      const row = rowOf[orders.customer[o] as number] as number;
      if (row < 0) continue;
      const segment = seg.labels[row] as number;
      const bySeg = channelCounts.get(segment) ?? new Map<string, number>();
      const name = oc.names[ch] as string;
      bySeg.set(name, (bySeg.get(name) ?? 0) + 1);
      channelCounts.set(segment, bySeg);
    }
  }
  // RFM groups 90 days earlier, for the customers analysed at both cutoffs.
  const earlier = customerFeatures(input.data, { cutoff: input.cutoff - 90 * 86_400_000 });
  let movement: RfmMovement[] = [];
  if (earlier.matrix.rows > 0) {
    const ecol = (name: string) => column(earlier.matrix, earlier.names.indexOf(name));
    const before = rfm(ecol("recency_days"), ecol("frequency"), ecol("monetary")).groups;
    const pairsBefore: RfmGroup[] = [];
    const pairsAfter: RfmGroup[] = [];
    earlier.customers.forEach((c, i) => {
      const row = rowOf[c] as number;
      if (row >= 0) {
        pairsBefore.push(before[i] as RfmGroup);
        pairsAfter.push(scores.groups[row] as RfmGroup);
      }
    });
    movement = rfmMovement(pairsBefore, pairsAfter);
  }
  const profiles = profileSegments({
    channelCounts,
    features: f.matrix,
    names: f.names,
    categories: input.data.categories,
    labels: seg.labels,
    k: seg.k,
    rfmGroups: scores.groups,
  });
  progress(1, "profiles");
  const { labels, pca, ...rest } = seg;
  return {
    customers: f.customers,
    featureNames: f.names,
    features: f.matrix.data,
    labels,
    coords: pca.coords,
    rfmR: scores.r,
    rfmF: scores.f,
    rfmM: scores.m,
    rfmGroups: scores.groups,
    segmentation: { ...rest, explainedVarianceRatio: pca.explainedVarianceRatio, rfmMovement: movement },
    profiles,
  };
}

function column(m: Matrix, j: number): Float64Array {
  if (j < 0) throw new RangeError("missing feature column");
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j] as number;
  return out;
}
