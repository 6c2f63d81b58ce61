import type { Reason } from "@/lib/db/prediction-report";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A reason code in words. The wording follows the figures (orders fell or rose), the sign says which
 * way it moves the churn risk; money is formatted by the caller's formatter in the store's currency.
 */
export function reasonText(reason: Reason, t: Translate, money: (major: number) => string): string {
  const v = reason.values;
  switch (reason.code) {
    case "order_trend": {
      const recent = v.recent ?? 0;
      const earlier = v.earlier ?? 0;
      if (earlier === 0 && recent === 0) return t("order_trend.none", { days: v.days ?? 90 });
      if (recent < earlier)
        return t("order_trend.fell", {
          percent: Math.round((1 - recent / earlier) * 100),
          recent,
          earlier,
          days: v.days ?? 90,
        });
      if (recent > earlier && earlier > 0)
        return t("order_trend.rose", {
          percent: Math.round((recent / earlier - 1) * 100),
          recent,
          earlier,
          days: v.days ?? 90,
        });
      return t("order_trend.steady", { recent, earlier, days: v.days ?? 90 });
    }
    case "spend":
    case "aov":
      return t(reason.code, { amount: money(v.amount ?? 0) });
    case "recency":
    case "frequency":
    case "refunds":
    case "cancellations":
    case "rating":
    case "discount":
    case "cadence":
    case "tenure":
    case "festival":
    case "recent_orders":
    case "p_alive":
      return t(reason.code, v);
    default:
      return reason.code;
  }
}
