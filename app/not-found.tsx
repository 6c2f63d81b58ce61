import Link from "next/link";
import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
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
    </main>
  );
}
