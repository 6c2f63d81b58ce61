"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { updateRecommendationSettings } from "@/lib/actions/recommendations";

export type RecommendationControlsValue = {
  excludedCategories: string[];
  excludedSkus: string[];
  boostedCategories: string[];
  boostedSkus: string[];
  replenishableCategories: string[];
  boost: number;
  diversity: number;
};

const skuList = (text: string) =>
  text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Settings → recommendations: what is never shown, what is pushed, what may be bought again, variety. */
export function RecommendationControls({
  categories,
  initial,
  canEdit,
}: {
  categories: string[];
  initial: RecommendationControlsValue;
  canEdit: boolean;
}) {
  const t = useTranslations("settings.recommendations");
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(initial);
  const [excludedSkus, setExcludedSkus] = useState(initial.excludedSkus.join(", "));
  const [boostedSkus, setBoostedSkus] = useState(initial.boostedSkus.join(", "));
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = (key: "excludedCategories" | "boostedCategories" | "replenishableCategories", category: string) =>
    setValue((v) => ({
      ...v,
      [key]: v[key].includes(category) ? v[key].filter((c) => c !== category) : [...v[key], category],
    }));

  const group = (key: "excludedCategories" | "boostedCategories" | "replenishableCategories") => (
    <fieldset className="flex flex-col gap-1.5" disabled={!canEdit}>
      <legend className="text-sm font-medium">{t(`${key}`)}</legend>
      <p className="text-xs text-[var(--color-muted)]">{t(`${key}Hint`)}</p>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {categories.map((c) => (
          <label key={c} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={value[key].includes(c)} onChange={() => toggle(key, c)} />
            {c}
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <form
      className="flex flex-col gap-5"
      data-testid="recommendation-controls"
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        startTransition(async () => {
          const result = await updateRecommendationSettings({
            ...value,
            excludedSkus: skuList(excludedSkus),
            boostedSkus: skuList(boostedSkus),
          });
          if (result.ok) {
            setMessage({ tone: "info", text: t("saved") });
            router.refresh();
          } else {
            setMessage({
              tone: "error",
              text: result.error === "invalid" ? t("invalid", { message: result.message ?? "" }) : t(result.error),
            });
          }
        });
      }}
    >
      {!canEdit ? <p className="text-sm text-[var(--color-muted)]">{t("readOnly")}</p> : null}
      {group("excludedCategories")}
      {group("boostedCategories")}
      {group("replenishableCategories")}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <label className="flex flex-col gap-1.5 text-sm" htmlFor={`${id}-ex`}>
          <span className="font-medium">{t("excludedSkus")}</span>
          <textarea
            id={`${id}-ex`}
            value={excludedSkus}
            onChange={(e) => setExcludedSkus(e.target.value)}
            disabled={!canEdit}
            rows={2}
            placeholder="SKU-001, SKU-002"
            className="rounded-md border border-[var(--color-border)] px-3 py-2"
          />
        </label>
        <label className="flex flex-col gap-1.5 text-sm" htmlFor={`${id}-bo`}>
          <span className="font-medium">{t("boostedSkus")}</span>
          <textarea
            id={`${id}-bo`}
            value={boostedSkus}
            onChange={(e) => setBoostedSkus(e.target.value)}
            disabled={!canEdit}
            rows={2}
            placeholder="SKU-003"
            className="rounded-md border border-[var(--color-border)] px-3 py-2"
          />
        </label>
        <label className="flex flex-col gap-1.5 text-sm" htmlFor={`${id}-boost`}>
          <span className="font-medium">
            {t("boost")} · <output>{Math.round(value.boost * 100)}%</output>
          </span>
          <input
            id={`${id}-boost`}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={value.boost}
            disabled={!canEdit}
            onChange={(e) => setValue((v) => ({ ...v, boost: Number(e.target.value) }))}
          />
          <span className="text-xs text-[var(--color-muted)]">{t("boostHint")}</span>
        </label>
        <label className="flex flex-col gap-1.5 text-sm" htmlFor={`${id}-div`}>
          <span className="font-medium">
            {t("diversity")} · <output>{Math.round(value.diversity * 100)}%</output>
          </span>
          <input
            id={`${id}-div`}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={value.diversity}
            disabled={!canEdit}
            onChange={(e) => setValue((v) => ({ ...v, diversity: Number(e.target.value) }))}
          />
          <span className="text-xs text-[var(--color-muted)]">{t("diversityHint")}</span>
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!canEdit || pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        {message ? (
          <p
            data-testid="recommendation-controls-message"
            className={message.tone === "error" ? "text-sm text-[var(--color-negative)]" : "text-sm text-emerald-700"}
          >
            {message.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
