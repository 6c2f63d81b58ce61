import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { ProductCard } from "@/lib/db/recommendations";
import { minorToMajor } from "@/lib/format/money";
import type { ServedItem } from "@/lib/pipeline/serve";

export function productTitle(p: ProductCard, locale: string): string {
  return (locale.startsWith("zh") ? p.titleZh : p.titleEn) ?? p.title;
}

/** Recommended products as cards: title, category, price, relative score, and why. */
export async function ProductCards({ items, currency }: { items: ServedItem[]; currency: string }) {
  const t = await getTranslations("recommendations");
  const format = await getFormatter();
  const locale = await getLocale();
  const top = Math.max(...items.map((i) => i.score), 1e-12);
  return (
    <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="recommendation-cards">
      {items.map((item) => (
        <li
          key={item.product.id}
          className="flex flex-col gap-1.5 rounded-lg border border-[var(--color-border)] bg-white p-3"
        >
          <div className="flex items-start justify-between gap-2">
            <span className="text-xs text-[var(--color-muted)]">
              #{item.rank} · {item.product.category}
            </span>
            {item.boosted ? <Badge tone="info">{t("boosted")}</Badge> : null}
          </div>
          <p className="text-sm font-medium">{productTitle(item.product, locale)}</p>
          <p className="tabular text-sm">
            {format.number(minorToMajor(item.product.priceMinor, currency), { style: "currency", currency })}
            <span className="text-xs text-[var(--color-muted)]"> · {item.product.sku}</span>
          </p>
          <div
            className="h-1.5 w-full rounded bg-gray-100"
            role="meter"
            aria-label={t("score")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((item.score / top) * 100)}
          >
            <div
              className="h-1.5 rounded bg-[var(--color-accent)]"
              style={{ width: `${Math.max(4, (item.score / top) * 100)}%` }}
            />
          </div>
          <p className="text-xs text-[var(--color-muted)]" data-testid="recommendation-reason">
            {"product" in item.reason
              ? t(`reason.${item.reason.kind}`, { product: productTitle(item.reason.product, locale) })
              : t(`reason.${item.reason.kind}`)}
          </p>
        </li>
      ))}
    </ol>
  );
}
