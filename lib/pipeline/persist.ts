// The persist step: one transaction writes a run's segments and customer rows, marks the run
// succeeded and makes it the store's current run — pages switch from the previous results to these
// at once, or (on any failure) not at all.
import type { SqlClient } from "../db/connection";
import type { ComputeOutput } from "./compute";
import type { PersonaStepReport } from "./personas";
import type { PredictionOutput } from "./predict";
import type { RecommendationOutput } from "./recommend";

const BATCH = 5000;

export type RunSummary = ComputeOutput["segmentation"] & {
  cutoff: string;
  featureNames: string[];
  categories: string[];
  analysedCustomers: number;
  totalCustomers: number;
  /** How the persona text was written (lib/pipeline/personas.ts). */
  personas?: PersonaStepReport;
};

export class RunNoLongerActiveError extends Error {
  override name = "RunNoLongerActiveError";
  constructor() {
    super("The run was cancelled or failed before its results were saved.");
  }
}

export async function persistRun(
  sql: SqlClient,
  input: {
    storeId: number;
    runId: number;
    customerIds: Int32Array;
    out: ComputeOutput;
    predictions: PredictionOutput;
    recommendations: RecommendationOutput;
    /** Persona text written by the language model, by segment (lib/pipeline/personas.ts). */
    personaTexts?: Map<number, unknown>;
    summary: RunSummary;
  },
  onProgress: (fraction: number) => void = () => undefined,
): Promise<void> {
  const { storeId, runId, customerIds, out, predictions: pr, recommendations: rec } = input;
  const slice = (r: number, arr: Int32Array | Float32Array) =>
    `{${Array.from(arr.subarray(rec.offsets[r] as number, rec.offsets[r + 1] as number)).join(",")}}`;
  // Missing predictions (model skipped) travel as "" and become NULL.
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "" : String(v));
  const n = out.customers.length;
  const p = out.featureNames.length;
  await sql.transaction(async (tx) => {
    for (const s of out.profiles) {
      await tx.query(
        `INSERT INTO run_segment (store_id, run_id, segment, size, revenue_share, centroid, centroid_z, profile, ai_text)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb)`,
        [
          storeId,
          runId,
          s.segment,
          s.size,
          s.revenueShare,
          JSON.stringify(s.centroid),
          JSON.stringify(s.centroidZ),
          JSON.stringify({
            persona: s.persona,
            topCategories: s.topCategories,
            rfmMix: s.rfmMix,
            channels: s.channels,
          }),
          input.personaTexts?.has(s.segment) ? JSON.stringify(input.personaTexts.get(s.segment)) : null,
        ],
      );
    }
    for (let start = 0; start < n; start += BATCH) {
      const end = Math.min(n, start + BATCH);
      const cols: string[][] = Array.from({ length: 22 }, () => []);
      for (let i = start; i < end; i++) {
        const values: string[] = [];
        for (let j = 0; j < p; j++) values.push(String(out.features[i * p + j]));
        const row = [
          String(customerIds[out.customers[i] as number]),
          String(out.labels[i]),
          String(out.coords[2 * i]),
          String(out.coords[2 * i + 1]),
          String(out.rfmR[i]),
          String(out.rfmF[i]),
          String(out.rfmM[i]),
          out.rfmGroups[i] as string,
          `{${values.join(",")}}`,
          num(pr.churnProb[i]),
          num(pr.spendNext[i]),
          num(pr.expectedPurchases[i]),
          num(pr.pAlive[i]),
          num(pr.clv[i]),
          num(pr.clvLow[i]),
          num(pr.clvHigh[i]),
          num((pr.churnProb[i] as number) * (pr.clv[i] as number)),
          pr.reasons[i] ?? "",
          slice(i, rec.items),
          slice(i, rec.scores),
          slice(i, rec.because),
          (rec.offsets[i + 1] as number) > (rec.offsets[i] as number) ? String(rec.source[i]) : "",
        ];
        row.forEach((v, c) => (cols[c] as string[]).push(v));
      }
      // Everything travels as text[] and is cast on the server: PGlite and node-postgres then agree
      // on the encoding (NaN included) — see lib/db/bulk.ts.
      await tx.query(
        `INSERT INTO run_customer (store_id, run_id, customer_id, segment, x, y, rfm_r, rfm_f, rfm_m, rfm_group, features,
           churn_prob, spend_next, expected_purchases, p_alive, clv, clv_low, clv_high, value_at_risk, reasons,
           rec_items, rec_scores, rec_because, rec_source)
         SELECT $1, $2, c::int, s::smallint, x::real, y::real, r::smallint, f::smallint, m::smallint, g, feat::real[],
           NULLIF(cp, '')::real, NULLIF(sn, '')::real, NULLIF(ep, '')::real, NULLIF(pa, '')::real,
           NULLIF(cl, '')::real, NULLIF(lo, '')::real, NULLIF(hi, '')::real, NULLIF(va, '')::real, NULLIF(rs, '')::jsonb,
           ri::int[], rsc::real[], rb::int[], NULLIF(rsrc, '')::smallint
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
           $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],
           $21::text[], $22::text[], $23::text[], $24::text[])
           AS t(c, s, x, y, r, f, m, g, feat, cp, sn, ep, pa, cl, lo, hi, va, rs, ri, rsc, rb, rsrc)`,
        [storeId, runId, ...cols],
      );
      onProgress(end / n);
    }
    for (let start = 0; start < rec.together.length; start += BATCH) {
      const chunk = rec.together.slice(start, start + BATCH);
      await tx.query(
        `INSERT INTO run_product (store_id, run_id, product_id, together, together_scores, buyers)
         SELECT $1, $2, p::int, t::int[], ts::real[], b::int
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(p, t, ts, b)`,
        [
          storeId,
          runId,
          chunk.map((r) => String(r.productId)),
          chunk.map((r) => `{${Array.from(r.items).join(",")}}`),
          chunk.map((r) => `{${Array.from(r.scores).join(",")}}`),
          chunk.map((r) => String(r.buyers)),
        ],
      );
    }
    for (const s of out.profiles) {
      const top = rec.segmentTop.get(s.segment);
      if (!top) continue;
      await tx.query(
        "UPDATE run_segment SET top_products = $4::jsonb WHERE store_id = $1 AND run_id = $2 AND segment = $3",
        [storeId, runId, s.segment, JSON.stringify(top)],
      );
    }
    const done = await tx.query<{ id: number }>(
      `UPDATE pipeline_run SET status = 'succeeded', progress = 100, step = NULL, summary = $3::jsonb,
         predictions = $4::jsonb, recommendations = $5::jsonb, finished_at = now()
       WHERE store_id = $1 AND id = $2 AND status = 'running' AND NOT cancel_requested
       RETURNING id`,
      [storeId, runId, JSON.stringify(input.summary), JSON.stringify(pr.summary), JSON.stringify(rec.report)],
    );
    if (done.length === 0) throw new RunNoLongerActiveError();
    await tx.query("UPDATE store SET current_run_id = $2 WHERE id = $1", [storeId, runId]);
  });
}

/** Keeps the customer and product rows of the current run and the `keep` most recent succeeded runs before it. */
export async function pruneOldRunRows(sql: SqlClient, storeId: number, keep = 2): Promise<void> {
  for (const table of ["run_customer", "run_product"]) {
    await sql.query(
      `DELETE FROM ${table} t
       WHERE t.store_id = $1 AND t.run_id NOT IN (
         SELECT id FROM pipeline_run WHERE store_id = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT $2
       )`,
      [storeId, keep + 1],
    );
  }
}
