// The merchant's recommendation controls as the Settings form sends them: categories by name,
// products by SKU (what merchants know), a boost and a diversity weight. The action turns SKUs into
// the store's product ids and refuses names the store does not have.
import { z } from "zod";

const name = z.string().trim().min(1).max(200);
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `at most ${max} ${what}`).default([]);

export const recommendationSettingsSchema = z
  .object({
    excludedCategories: list(name, 200, "categories"),
    excludedSkus: list(name, 2000, "products"),
    boostedCategories: list(name, 200, "categories"),
    boostedSkus: list(name, 2000, "products"),
    replenishableCategories: list(name, 200, "categories"),
    boost: z.coerce.number().min(0, "the boost is between 0 and 1").max(1, "the boost is between 0 and 1").default(0.2),
    diversity: z.coerce
      .number()
      .min(0, "diversity is between 0 and 1")
      .max(1, "diversity is between 0 and 1")
      .default(0),
  })
  .strict()
  .refine(
    (s) => !s.excludedCategories.some((c) => s.boostedCategories.includes(c)),
    "a category cannot be both excluded and boosted",
  )
  .refine(
    (s) => !s.excludedSkus.some((c) => s.boostedSkus.includes(c)),
    "a product cannot be both excluded and boosted",
  );

export type RecommendationSettingsInput = z.infer<typeof recommendationSettingsSchema>;
