"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Label } from "@/components/ui/input";
import { saveBrandVoice } from "@/lib/actions/llm-settings";
import { useHydrated } from "@/lib/hooks/use-hydrated";

/** Settings → brand voice (campaign writers): how the brand speaks, words to use and to avoid. */
export function BrandVoiceForm({
  initial,
  canEdit,
}: {
  initial: { description: string; wordsToUse: string[]; wordsToAvoid: string[] };
  canEdit: boolean;
}) {
  const t = useTranslations("settings.voice");
  const router = useRouter();
  const id = useId();
  const hydrated = useHydrated();
  const [description, setDescription] = useState(initial.description);
  const [use, setUse] = useState(initial.wordsToUse.join(", "));
  const [avoid, setAvoid] = useState(initial.wordsToAvoid.join(", "));
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const area = "w-full rounded-md border border-[var(--color-border)] px-3 py-2 text-sm";
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t("title")}
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const res = await saveBrandVoice({ description, wordsToUse: use, wordsToAvoid: avoid });
          if (res.ok) {
            setMessage({ tone: "info", text: t("saved") });
            router.refresh();
          } else setMessage({ tone: "error", text: res.message ?? res.error });
        });
      }}
    >
      {!canEdit ? <p className="text-sm text-[var(--color-muted)]">{t("readOnly")}</p> : null}
      <fieldset className="flex flex-col gap-3" disabled={!canEdit || !hydrated}>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-desc`}>{t("descriptionLabel")}</Label>
          <textarea
            id={`${id}-desc`}
            className={area}
            rows={3}
            maxLength={500}
            value={description}
            placeholder={t("descriptionPlaceholder")}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="voice-description"
          />
        </div>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${id}-use`}>{t("wordsToUse")}</Label>
            <textarea
              id={`${id}-use`}
              className={area}
              rows={2}
              value={use}
              onChange={(e) => setUse(e.target.value)}
              aria-describedby={`${id}-hint`}
              data-testid="voice-use"
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${id}-avoid`}>{t("wordsToAvoid")}</Label>
            <textarea
              id={`${id}-avoid`}
              className={area}
              rows={2}
              value={avoid}
              onChange={(e) => setAvoid(e.target.value)}
              aria-describedby={`${id}-hint`}
              data-testid="voice-avoid"
            />
          </div>
        </div>
        <p id={`${id}-hint`} className="text-xs text-[var(--color-muted)]">
          {t("wordsHint")}
        </p>
      </fieldset>
      {canEdit ? (
        <div>
          <Button type="submit" disabled={!hydrated || pending} data-testid="voice-save">
            {t("save")}
          </Button>
        </div>
      ) : null}
      <FormMessage message={message} testId="voice-message" />
    </form>
  );
}
