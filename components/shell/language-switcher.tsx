"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocale } from "@/lib/actions/session";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { SegmentedGroup, segmentClass } from "@/components/ui/segmented";

const LABELS: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <SegmentedGroup label={t("language")} className="flex-nowrap">
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
          className={segmentClass(current === locale)}
        >
          {LABELS[locale]}
        </button>
      ))}
    </SegmentedGroup>
  );
}
