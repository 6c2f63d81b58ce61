"use client";
import { useId, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { ConfusionMatrix } from "./confusion-matrix";

type Row = { threshold: number; tp: number; fp: number; tn: number; fn: number };

/**
 * The chosen model's out-of-fold confusion matrix at a threshold the merchant picks (0.05 … 0.95):
 * a lower threshold flags more customers (more churners caught, more false alarms).
 */
export function ThresholdConfusion({ rows, initial, locale }: { rows: Row[]; initial: number; locale: string }) {
  const t = useTranslations("predictions.churn");
  const format = useFormatter();
  const id = useId();
  const closest = (v: number) =>
    rows.reduce((best, r) => (Math.abs(r.threshold - v) < Math.abs(best.threshold - v) ? r : best), rows[0]!);
  const [threshold, setThreshold] = useState(closest(initial).threshold);
  const row = closest(threshold);
  const pct = (v: number) =>
    Number.isFinite(v) ? format.number(v, { style: "percent", maximumFractionDigits: 1 }) : "—";
  const min = rows[0]?.threshold ?? 0.05;
  const max = rows[rows.length - 1]?.threshold ?? 0.95;
  const flagged = row.tp + row.fp;
  const churners = row.tp + row.fn;
  return (
    <div className="flex flex-col gap-3">
      <label htmlFor={id} className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-[var(--color-muted)]">{t("thresholdLabel")}</span>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={0.05}
          value={threshold}
          onChange={(e) => setThreshold(Number(e.target.value))}
          className="w-48 accent-[var(--color-accent)]"
          data-testid="threshold-slider"
        />
        <output className="tabular font-medium" data-testid="threshold-value">
          {pct(threshold)}
        </output>
      </label>
      <p className="text-sm text-[var(--color-muted)]" data-testid="threshold-summary">
        {t("confusionHint", {
          threshold: pct(threshold),
          precision: pct(flagged > 0 ? row.tp / flagged : NaN),
          recall: pct(churners > 0 ? row.tp / churners : NaN),
        })}
      </p>
      <ConfusionMatrix
        counts={row}
        locale={locale}
        labels={{
          caption: t("confusionCaption"),
          actual: t("actual"),
          predicted: t("predicted"),
          churned: t("churned"),
          stayed: t("stayed"),
        }}
      />
    </div>
  );
}
