// The at-risk list's filters, from the page's query string and the CSV export's alike.
import { z } from "zod";

export const atRiskQuerySchema = z.object({
  segment: z.coerce.number().int().min(-1).max(100).optional().catch(undefined),
  /** Lowest churn probability shown, in percent (0–100). */
  min: z.coerce.number().min(0).max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export type AtRiskQuery = z.infer<typeof atRiskQuerySchema>;
