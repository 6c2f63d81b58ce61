import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/lib/utils/cn";

/** "Page 2 of 34" with previous / next links; hrefOf builds the URL of a page (filters stay in it). */
export async function Pagination({
  page,
  pages,
  hrefOf,
  className,
}: {
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  className?: string;
}) {
  const t = await getTranslations("common");
  const linkClass = "rounded-md border border-[var(--color-border)] bg-white px-3 py-1.5";
  return (
    <nav className={cn("flex items-center justify-between text-sm", className)} aria-label={t("pagination")}>
      <span className="text-[var(--color-muted)]">{t("page", { page, pages })}</span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={linkClass} href={hrefOf(page - 1)}>
            {t("previous")}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={linkClass} href={hrefOf(page + 1)}>
            {t("next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
