"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { RANGE_PRESETS, type RangePreset } from "@/lib/validation/date-range";
import { Button } from "@/components/ui/button";
import { SegmentedGroup, segmentClass } from "@/components/ui/segmented";

/** Period controls; the period lives in the URL so it can be bookmarked and shared. */
export function RangePicker({ preset, from, to }: { preset: RangePreset | "custom"; from: string; to: string }) {
  const t = useTranslations("overview.range");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <SegmentedGroup label={t("label")}>
        {RANGE_PRESETS.map((p) => (
          <Link
            key={p}
            href={`?range=${p}`}
            aria-current={preset === p ? "true" : undefined}
            className={segmentClass(preset === p)}
          >
            {t(p)}
          </Link>
        ))}
      </SegmentedGroup>
      <form method="get" className="flex flex-wrap items-center gap-2 text-sm" aria-label={t("custom")}>
        <DateInput name="from" label={t("from")} defaultValue={from} />
        <DateInput name="to" label={t("to")} defaultValue={to} />
        <Button type="submit" variant="secondary" size="sm">
          {t("apply")}
        </Button>
      </form>
    </div>
  );
}

function DateInput({ name, label, defaultValue }: { name: string; label: string; defaultValue: string }) {
  return (
    <label className="flex items-center gap-1.5">
      <span className="text-[var(--color-muted)]">{label}</span>
      <input
        type="date"
        name={name}
        defaultValue={defaultValue}
        required
        className="h-8 rounded-md border border-[var(--color-border)] bg-white px-2"
      />
    </label>
  );
}
