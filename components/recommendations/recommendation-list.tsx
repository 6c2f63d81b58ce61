import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ServedItem } from "@/lib/pipeline/serve";
import { productTitle } from "./product-cards";

/** A compact recommendation list for Customer 360 and persona pages, linking to the full preview. */
export async function RecommendationList({
  title,
  items,
  coldStart = false,
  href,
  testId,
}: {
  title: string;
  items: ServedItem[];
  coldStart?: boolean;
  href: string;
  testId: string;
}) {
  const t = await getTranslations("recommendations");
  const locale = await getLocale();
  return (
    <Card data-testid={testId}>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>
          {title} {coldStart ? <Badge tone="warning">{t("coldStart")}</Badge> : null}
        </CardTitle>
        <Link href={href} className="text-sm text-[var(--color-accent)] hover:underline">
          {t("seeAll")}
        </Link>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="text-sm text-[var(--color-muted)]">{t("nothingLeft")}</p>
        ) : (
          <ol className="flex flex-col gap-2 text-sm">
            {items.map((item) => (
              <li key={item.product.id} className="flex items-start justify-between gap-3">
                <span>
                  <span className="font-medium">{productTitle(item.product, locale)}</span>{" "}
                  <span className="text-xs text-[var(--color-muted)]">· {item.product.category}</span>
                  <span className="block text-xs text-[var(--color-muted)]">
                    {"product" in item.reason
                      ? t(`reason.${item.reason.kind}`, { product: productTitle(item.reason.product, locale) })
                      : t(`reason.${item.reason.kind}`)}
                  </span>
                </span>
                {item.boosted ? <Badge tone="info">{t("boosted")}</Badge> : null}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
