"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocale } from "@/lib/actions/session";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { cn } from "@/lib/utils/cn";

const LABELS: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div
      role="group"
      aria-label={t("language")}
      className="inline-flex rounded-md border border-[var(--color-border)] bg-white p-0.5 text-sm"
    >
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocale({ locale });
              router.refresh();
            })
          }
          className={cn(
            "rounded px-2.5 py-1 transition-colors",
            current === locale ? "bg-[var(--color-ink)] text-white" : "text-[var(--color-muted)] hover:bg-gray-100",
          )}
        >
          {LABELS[locale]}
        </button>
      ))}
    </div>
  );
}
