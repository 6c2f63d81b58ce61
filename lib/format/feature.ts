// How each customer feature reads on screen: days as whole days, money in the store's currency,
// shares as percentages, counts with one decimal.
const MONEY = new Set(["monetary", "aov"]);
const SHARE = new Set(["discount_share", "cancel_rate", "refund_rate", "festival_share", "category_concentration"]);
const DAYS = new Set(["recency_days", "tenure_days", "gap_mean_days"]);

export function formatFeature(name: string, value: number | undefined, locale: string, currency: string): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  if (MONEY.has(name)) {
    return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  }
  if (SHARE.has(name) || name.startsWith("share:"))
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (DAYS.has(name)) return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  if (name === "trend")
    return new Intl.NumberFormat(locale, { signDisplay: "exceptZero", maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
