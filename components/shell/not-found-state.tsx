import Link from "next/link";
import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** "Not found" — also what another store's record looks like, so it never says which. */
export async function NotFoundState() {
  const t = await getTranslations("errors");
  return (
    <EmptyState
      icon={<SearchX className="h-10 w-10" />}
      title={t("notFoundTitle")}
      description={t("notFoundDescription")}
      action={
        <Link href="/" className={buttonVariants({ variant: "secondary" })}>
          {t("backHome")}
        </Link>
      }
    />
  );
}
