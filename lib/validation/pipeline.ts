// What an analysis run may be asked for, from the browser (server action), the command line and
// the pipeline CLI alike. Bad values get a specific message.
import { z } from "zod";

export const SEGMENT_ALGOS = ["kmeans", "minibatch-kmeans", "dbscan"] as const;
export type SegmentAlgo = (typeof SEGMENT_ALGOS)[number];

export const K_MIN = 2;
export const K_MAX = 15;

/** The prediction steps of a run (lib/pipeline/predict.ts). */
export const predictionParamsSchema = z
  .object({
    /** Churn and spend horizon H: churned = no paid order within H days of the cutoff. */
    horizonDays: z.coerce.number().int().min(14, "the horizon must be at least 14 days").max(365).default(90),
    /** Cross-validation folds (stores with fewer than 100 labelled customers use leave-one-out). */
    folds: z.coerce.number().int().min(2).max(10).default(5),
    /** Model comparison runs on a stratified sample of at most this many customers; the winner is refit on all. */
    cvSample: z.coerce.number().int().min(200).max(1_000_000).default(10_000),
    /** Probability at or above which a customer counts as at risk (confusion matrix, at-risk badge). */
    threshold: z.coerce.number().min(0.05).max(0.95).default(0.5),
    /** CLV horizon in 30-day months and the monthly discount rate. */
    clvMonths: z.coerce.number().int().min(1).max(60).default(12),
    monthlyDiscount: z.coerce.number().min(0).max(0.2).default(0.01),
    /** Parameter draws for the CLV intervals. */
    clvDraws: z.coerce.number().int().min(20).max(2000).default(40),
  })
  .strict();

export type PredictionParams = z.infer<typeof predictionParamsSchema>;

export const segmentParamsSchema = z
  .object({
    algo: z.enum(SEGMENT_ALGOS).default("kmeans"),
    /** A fixed k, or "auto": chosen over kRange. */
    k: z
      .union([
        z.literal("auto"),
        z.coerce.number().int().min(K_MIN, `k must be at least ${K_MIN}`).max(K_MAX, `k must be at most ${K_MAX}`),
      ])
      .default("auto"),
    kRange: z
      .tuple([z.number().int().min(K_MIN), z.number().int().max(K_MAX)])
      .default([2, 10])
      .refine(([a, b]) => a <= b, "the k range must run from low to high"),
    nInit: z.coerce.number().int().min(1).max(50).default(10),
    maxIter: z.coerce.number().int().min(1).max(10_000).default(300),
    tol: z.coerce.number().min(0).max(1).default(1e-4),
    /** DBSCAN: radius in standardised units; null = suggested from the k-distance curve. */
    eps: z.coerce.number().positive().nullable().default(null),
    minPts: z.coerce.number().int().min(2).max(1000).default(10),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
    /** Model selection runs on a sample of this many customers (large stores); the final fit uses all. */
    selectionSample: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
    /** Sample for the silhouette during model selection (large stores). */
    silhouetteSample: z.coerce.number().int().min(100).max(100_000).default(4000),
    /** The prediction steps that follow the segmentation in the same run. */
    predict: predictionParamsSchema.default(predictionParamsSchema.parse({})),
  })
  .strict();

export type SegmentParams = z.infer<typeof segmentParamsSchema>;
