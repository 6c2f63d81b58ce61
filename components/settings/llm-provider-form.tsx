"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Input, Label } from "@/components/ui/input";
import { removeLlmProvider, saveLlmProvider, testLlmConnection } from "@/lib/actions/llm-settings";
import { useHydrated } from "@/lib/hooks/use-hydrated";

/** Settings → language model (owner): base URL, model, key (write-only, shown masked), timeout, test. */
export function LlmProviderForm({
  initial,
  canEdit,
}: {
  initial: { baseURL: string; model: string; maskedKey: string | null; timeoutSeconds: number | null; saved: boolean };
  canEdit: boolean;
}) {
  const t = useTranslations("settings.llm");
  const router = useRouter();
  const id = useId();
  const hydrated = useHydrated();
  const [baseURL, setBaseURL] = useState(initial.baseURL);
  const [model, setModel] = useState(initial.model);
  const [apiKey, setApiKey] = useState("");
  const [timeout, setTimeoutSeconds] = useState(initial.timeoutSeconds ? String(initial.timeoutSeconds) : "");
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      setMessage(null);
      const res = await saveLlmProvider({
        baseURL,
        model,
        ...(apiKey ? { apiKey } : {}),
        ...(timeout ? { timeoutSeconds: Number(timeout) } : {}),
      });
      if (res.ok) {
        setApiKey("");
        setMessage({ tone: "info", text: t("saved") });
        router.refresh();
      } else setMessage({ tone: "error", text: res.message ?? res.error });
    });
  const test = () =>
    startTransition(async () => {
      setMessage({ tone: "info", text: t("testing") });
      const res = await testLlmConnection();
      setMessage(
        res.ok
          ? { tone: "info", text: t("testOk", { model: res.data.model, ms: res.data.latencyMs }) }
          : { tone: "error", text: t("testFailed", { message: res.message ?? res.error }) },
      );
      router.refresh();
    });
  const remove = () =>
    startTransition(async () => {
      const res = await removeLlmProvider();
      if (res.ok) {
        setBaseURL("");
        setModel("");
        setTimeoutSeconds("");
        setMessage({ tone: "info", text: t("removed") });
        router.refresh();
      } else setMessage({ tone: "error", text: res.message ?? res.error });
    });

  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t("title")}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {!canEdit ? <p className="text-sm text-[var(--color-muted)]">{t("ownerOnly")}</p> : null}
      <fieldset className="grid grid-cols-1 gap-3 md:grid-cols-2" disabled={!canEdit || !hydrated}>
        <div className="flex flex-col gap-1 md:col-span-2">
          <Label htmlFor={`${id}-base`}>{t("baseURL")}</Label>
          <Input
            id={`${id}-base`}
            value={baseURL}
            placeholder="https://api.openai.com/v1"
            onChange={(e) => setBaseURL(e.target.value)}
            aria-describedby={`${id}-base-hint`}
            data-testid="llm-base-url"
          />
          <p id={`${id}-base-hint`} className="text-xs text-[var(--color-muted)]">
            {t("baseURLHint")}
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-model`}>{t("model")}</Label>
          <Input
            id={`${id}-model`}
            value={model}
            placeholder="gpt-4o-mini · deepseek-chat · qwen-plus"
            onChange={(e) => setModel(e.target.value)}
            data-testid="llm-model"
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-timeout`}>{t("timeout")}</Label>
          <Input
            id={`${id}-timeout`}
            value={timeout}
            inputMode="numeric"
            placeholder="60"
            onChange={(e) => setTimeoutSeconds(e.target.value)}
            data-testid="llm-timeout"
          />
        </div>
        <div className="flex flex-col gap-1 md:col-span-2">
          <Label htmlFor={`${id}-key`}>{t("apiKey")}</Label>
          <Input
            id={`${id}-key`}
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            aria-describedby={`${id}-key-hint`}
            data-testid="llm-api-key"
          />
          <p id={`${id}-key-hint`} className="text-xs text-[var(--color-muted)]" data-testid="llm-key-state">
            {initial.maskedKey ? t("apiKeyStored", { masked: initial.maskedKey }) : t("apiKeyNone")}
          </p>
        </div>
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!hydrated || pending || !model.trim()} data-testid="llm-save">
            {t("save")}
          </Button>
          <Button
            variant="secondary"
            disabled={!hydrated || pending || !initial.saved}
            onClick={test}
            data-testid="llm-test"
          >
            {t("test")}
          </Button>
          <Button
            variant="ghost"
            disabled={!hydrated || pending || !initial.saved}
            onClick={remove}
            data-testid="llm-remove"
          >
            {t("remove")}
          </Button>
        </div>
      ) : null}
      <FormMessage message={message} testId="llm-message" />
    </form>
  );
}
