"use server";
import { authorize } from "../auth/session";
import { writeAuditLog } from "../db/audit";
import { listCategories, resolveSkus, saveRecommendationSettings } from "../db/recommendation-settings";
import { recommendationSettingsSchema } from "../validation/recommendation-settings";
import { runAction, type ActionResult } from "./result";

/**
 * The store's owner (settings.manage): the store's recommendation controls. Categories must be the
 * store's; products are given by SKU and must be the store's — another store's SKU is unknown here.
 */
export async function updateRecommendationSettings(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const session = await authorize("settings.manage");
    const parsed = recommendationSettingsSchema.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: "invalid", message: parsed.error.issues.map((i) => i.message).join("; ") };
    }
    const s = parsed.data;
    const storeId = session.store.id;
    const categories = new Set(await listCategories(storeId));
    const unknownCategories = [
      ...new Set([...s.excludedCategories, ...s.boostedCategories, ...s.replenishableCategories]),
    ].filter((c) => !categories.has(c));
    if (unknownCategories.length > 0) {
      return { ok: false, error: "invalid", message: `unknown categories: ${unknownCategories.join(", ")}` };
    }
    const [excluded, boosted] = await Promise.all([
      resolveSkus(storeId, s.excludedSkus),
      resolveSkus(storeId, s.boostedSkus),
    ]);
    const unknown = [...excluded.unknown, ...boosted.unknown];
    if (unknown.length > 0) return { ok: false, error: "invalid", message: `unknown SKUs: ${unknown.join(", ")}` };
    const settings = {
      excludedCategories: s.excludedCategories,
      excludedProducts: excluded.ids,
      boostedCategories: s.boostedCategories,
      boostedProducts: boosted.ids,
      replenishableCategories: s.replenishableCategories,
      boost: s.boost,
      diversity: s.diversity,
    };
    await saveRecommendationSettings(storeId, settings);
    await writeAuditLog({
      storeId,
      userId: session.user.id,
      action: "recommendations.settings",
      detail: { ...settings },
    });
    return { ok: true, data: undefined };
  });
}
