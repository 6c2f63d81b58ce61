"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <EmptyState
      title={t("errors.title")}
      description={t("errors.description", { message: error.digest ? `(ref ${error.digest})` : error.message })}
      action={<Button onClick={reset}>{t("common.retry")}</Button>}
    />
  );
}
