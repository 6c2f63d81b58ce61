"use client";
import { AlertTriangle, Check, Copy, Languages, Plus, RefreshCw, Save, Sparkles, Square, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { loadCampaign, saveDraftEdit } from "@/lib/actions/campaigns";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { copyText, parseCopy } from "@/lib/llm/copy";
import { fieldLengths, type Channel, type CopyParts, type Language, type Problem } from "@/lib/llm/guardrails";
import type { DraftView, StudioEvent } from "@/lib/pipeline/campaign";
import { cn } from "@/lib/utils/cn";

export type StudioProduct = { id: number; sku: string; title: string; category: string; price: number };

type Goal = "win_back" | "upsell" | "new_arrival" | "festival_sale" | "loyalty_reward";
type Tone = "warm" | "playful" | "premium" | "direct";
type Festival = "618" | "double11" | "black_friday";
const GOALS: Goal[] = ["win_back", "upsell", "new_arrival", "festival_sale", "loyalty_reward"];
const CHANNELS: Channel[] = ["sms", "push", "email", "social"];
const TONES: Tone[] = ["warm", "playful", "premium", "direct"];
const FESTIVALS: Festival[] = ["618", "double11", "black_friday"];
const LANGS: Language[] = ["zh-CN", "en"];

type Mode =
  | { kind: "llm"; model: string; source: "store" | "environment" }
  | { kind: "offline" }
  | { kind: "broken"; reason: string };

type CampaignInfo = { id: number; name: string; params: unknown; drafts: DraftView[] };

type FormState = {
  segment: string; // "all" or the segment number
  goal: Goal;
  festival: Festival | "";
  channel: Channel;
  tone: Tone;
  language: Language;
  variants: number;
  smsParts: number;
  productIds: number[];
  offerKind: "percent" | "amount" | "none";
  value: string;
  code: string;
  starts: string;
  ends: string;
  name: string;
};

type Live = {
  text: string;
  streaming: boolean;
  draft: DraftView | null;
  error: { kind: string; message: string } | null;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  if (!ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** The studio: choose who and what, stream 1–5 variants side by side, edit, save, copy, translate, export. */
export function CampaignStudio(props: {
  canWrite: boolean;
  canManageSettings: boolean;
  mode: Mode;
  locale: Language;
  currency: string;
  today: string;
  segments: { segment: number; size: number; label: string }[];
  hasAnalysis: boolean;
  products: StudioProduct[];
  topBySegment: Record<string, number[]>;
  brandVoice: { description: string; wordsToUse: string[]; wordsToAvoid: string[] };
  campaigns: { id: number; name: string; drafts: number; createdBy: string | null; updatedAt: string }[];
  initialCampaign: CampaignInfo | null;
  prefill: { segment?: number; goal?: Goal; channel?: Channel };
}) {
  const t = useTranslations("campaigns");
  const tPersonas = useTranslations("personas");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const hydrated = useHydrated();
  const initialSegment =
    props.prefill.segment !== undefined && props.segments.some((s) => s.segment === props.prefill.segment)
      ? String(props.prefill.segment)
      : "all";
  const [form, setForm] = useState<FormState>(() => ({
    segment: initialSegment,
    goal: props.prefill.goal ?? "win_back",
    festival: "",
    channel: props.prefill.channel ?? "sms",
    tone: "warm",
    language: props.locale,
    variants: 3,
    smsParts: 1,
    productIds: props.topBySegment[initialSegment] ?? [],
    offerKind: "percent",
    value: "15",
    code: "",
    starts: props.today,
    ends: "",
    name: "",
  }));
  const [campaign, setCampaign] = useState<CampaignInfo | null>(props.initialCampaign);
  const [live, setLive] = useState<Record<number, Live>>({});
  const [running, setRunning] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [runMode, setRunMode] = useState<{ mode: "llm" | "offline"; model: string | null } | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const productById = useMemo(() => new Map(props.products.map((p) => [p.id, p])), [props.products]);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const errors = useMemo(() => {
    const e: Partial<Record<"value" | "code" | "starts" | "ends" | "festival", string>> = {};
    if (form.offerKind !== "none") {
      const v = Number(form.value);
      if (form.value.trim() === "" || !Number.isFinite(v)) e.value = t("errors.valueRequired");
      else if (form.offerKind === "percent" && (v < 1 || v > 95)) e.value = t("errors.percentRange");
      else if (form.offerKind === "amount" && v <= 0) e.value = t("errors.amountRange");
    }
    if (form.code && !/^[A-Za-z0-9_-]{1,20}$/.test(form.code)) e.code = t("errors.codeFormat");
    if (form.starts && !realDate(form.starts)) e.starts = t("errors.invalidDate", { date: form.starts });
    if (form.ends && !realDate(form.ends)) e.ends = t("errors.invalidDate", { date: form.ends });
    else if (form.ends && form.starts && realDate(form.starts) && form.ends < form.starts)
      e.ends = t("errors.endBeforeStart");
    else if (form.ends && form.ends < props.today)
      e.ends = t("errors.endedBeforeToday", { date: form.ends, today: props.today });
    else if (form.ends && form.starts && realDate(form.starts)) {
      const days = Math.round((Date.parse(form.ends) - Date.parse(form.starts)) / 86_400_000) + 1;
      if (days > 366) e.ends = t("errors.windowTooLong", { days });
    }
    if (form.goal === "festival_sale" && !form.festival) e.festival = t("errors.festivalRequired");
    return e;
  }, [form, props.today, t]);
  const valid = Object.keys(errors).length === 0;

  const request = (extra: Record<string, unknown>) => ({
    ...(campaign ? { campaignId: campaign.id } : form.name.trim() ? { name: form.name.trim() } : {}),
    segment: form.segment === "all" ? null : Number(form.segment),
    goal: form.goal,
    ...(form.festival && form.goal === "festival_sale" ? { festival: form.festival } : {}),
    channel: form.channel,
    tone: form.tone,
    language: form.language,
    variants: form.variants,
    smsParts: form.smsParts,
    productIds: form.productIds,
    offer: {
      kind: form.offerKind,
      ...(form.offerKind !== "none" ? { value: Number(form.value) } : {}),
      ...(form.code ? { code: form.code } : {}),
      ...(form.starts ? { starts: form.starts } : {}),
      ...(form.ends ? { ends: form.ends } : {}),
    },
    ...extra,
  });

  /** Streams a generation or translation; `variants` says which cards it fills. */
  async function stream(body: unknown, keepOthers: boolean) {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setRequestError(null);
    setRunning(true);
    if (!keepOthers) setLive({});
    try {
      const res = await fetch("/api/campaigns/generate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        const j = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
        setRequestError(t("errors.server", { message: j.message ?? j.error ?? String(res.status) }));
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let campaignId: number | null = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!line.trim()) continue;
          const e = JSON.parse(line) as StudioEvent;
          if (e.type === "start") {
            campaignId = e.campaignId;
            setRunMode({ mode: e.mode, model: e.model });
            setLive((l) => {
              const next = { ...l };
              for (const v of e.variants) next[v] = { text: "", streaming: true, draft: null, error: null };
              return next;
            });
          } else if (e.type === "delta") {
            setLive((l) => {
              const cur = l[e.variant] ?? { text: "", streaming: true, draft: null, error: null };
              return { ...l, [e.variant]: { ...cur, text: cur.text + e.text } };
            });
          } else if (e.type === "draft") {
            setLive((l) => ({
              ...l,
              [e.draft.variant]: { ...(l[e.draft.variant] as Live), streaming: false, draft: e.draft },
            }));
          } else if (e.type === "variant-error") {
            if (e.variant < 0) setRequestError(t("errors.server", { message: e.message }));
            else
              setLive((l) => ({
                ...l,
                [e.variant]: {
                  ...(l[e.variant] ?? { text: "", draft: null }),
                  streaming: false,
                  error: { kind: e.kind, message: e.message },
                },
              }));
          }
        }
      }
      if (campaignId !== null) {
        const loaded = await loadCampaign(campaignId);
        if (loaded.ok) setCampaign(loaded.data);
        router.replace(`/campaigns?campaign=${campaignId}`, { scroll: false });
      }
    } catch (err) {
      if ((err as Error).name !== "AbortError")
        setRequestError(t("errors.network", { message: (err as Error).message }));
    } finally {
      setRunning(false);
      setLive((l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, { ...v, streaming: false }])));
    }
  }

  const generate = () => void stream(request({}), false);
  const regenerate = (variant: number) => void stream(request({ regenerate: variant }), true);
  const translate = (draft: DraftView) =>
    void stream({ translate: { draftId: draft.id, to: draft.language === "zh-CN" ? "en" : "zh-CN" } }, true);

  const onDraftSaved = (d: DraftView) => {
    setLive((l) => {
      const entry = Object.entries(l).find(([, v]) => v.draft?.id === d.id);
      return entry ? { ...l, [entry[0]]: { ...entry[1], draft: d } } : l;
    });
    setCampaign((c) => (c ? { ...c, drafts: c.drafts.map((x) => (x.id === d.id ? d : x)) } : c));
  };

  const cards = Object.entries(live)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const toneField = (
    <SelectField
      id={`${id}-tone`}
      label={t("form.tone")}
      value={form.tone}
      testId="studio-tone"
      options={TONES.map((x) => [x, t(`tones.${x}`)])}
      onChange={(v) => set("tone", v as Tone)}
    />
  );
  const shownMode = runMode?.mode ?? (props.mode.kind === "llm" ? "llm" : "offline");

  return (
    <div className="flex flex-col gap-6">
      <ModeBanner mode={props.mode} canManageSettings={props.canManageSettings} />
      {!props.canWrite ? (
        <p className="rounded-md border border-[var(--color-border)] bg-gray-50 px-4 py-3 text-sm" role="note">
          {t("readOnly")}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[22rem_1fr]">
        <Card>
          <CardContent className="flex flex-col gap-4 pt-5">
            <form
              className="flex flex-col gap-4"
              aria-label={t("title")}
              onSubmit={(e) => {
                e.preventDefault();
                if (valid && props.canWrite) generate();
              }}
            >
              <fieldset className="flex min-w-0 flex-col gap-1.5" disabled={!props.canWrite || !hydrated}>
                <Label htmlFor={`${id}-segment`}>{t("form.segment")}</Label>
                <select
                  id={`${id}-segment`}
                  className="h-9 rounded-md border border-[var(--color-border)] bg-white px-2 text-sm"
                  value={form.segment}
                  data-testid="studio-segment"
                  onChange={(e) =>
                    setForm((f) => ({
                      ...f,
                      segment: e.target.value,
                      productIds: props.topBySegment[e.target.value] ?? [],
                    }))
                  }
                >
                  <option value="all">{tPersonas("allCustomers")}</option>
                  {props.segments.map((s) => (
                    <option key={s.segment} value={String(s.segment)}>
                      {s.label} · {format.number(s.size)}
                    </option>
                  ))}
                </select>
                {!props.hasAnalysis ? (
                  <p className="text-xs text-[var(--color-muted)]">{t("form.noAnalysis")}</p>
                ) : null}
              </fieldset>
              <fieldset className="grid min-w-0 grid-cols-2 gap-3" disabled={!props.canWrite || !hydrated}>
                <SelectField
                  id={`${id}-goal`}
                  label={t("form.goal")}
                  value={form.goal}
                  testId="studio-goal"
                  options={GOALS.map((g) => [g, t(`goals.${g}`)])}
                  onChange={(v) => set("goal", v as Goal)}
                />
                {form.goal === "festival_sale" ? (
                  <SelectField
                    id={`${id}-festival`}
                    label={t("form.festival")}
                    value={form.festival}
                    error={errors.festival}
                    testId="studio-festival"
                    options={[["", "—"], ...FESTIVALS.map((f) => [f, t(`festivals.${f}`)] as [string, string])]}
                    onChange={(v) => set("festival", v as Festival | "")}
                  />
                ) : (
                  toneField
                )}
                <SelectField
                  id={`${id}-channel`}
                  label={t("form.channel")}
                  value={form.channel}
                  testId="studio-channel"
                  options={CHANNELS.map((c) => [c, t(`channels.${c}`)])}
                  onChange={(v) => set("channel", v as Channel)}
                />
                <SelectField
                  id={`${id}-language`}
                  label={t("form.language")}
                  value={form.language}
                  testId="studio-language"
                  options={LANGS.map((l) => [l, t(`languages.${l}`)])}
                  onChange={(v) => set("language", v as Language)}
                />
                {/* A festival sale shows the festival beside the goal and the tone further down. */}
                {form.goal === "festival_sale" ? toneField : null}
                <SelectField
                  id={`${id}-variants`}
                  label={t("form.variants")}
                  value={String(form.variants)}
                  testId="studio-variants"
                  options={[1, 2, 3, 4, 5].map((n) => [String(n), String(n)])}
                  onChange={(v) => set("variants", Number(v))}
                />
                {form.channel === "sms" ? (
                  <SelectField
                    id={`${id}-parts`}
                    label={t("form.smsParts")}
                    value={String(form.smsParts)}
                    options={[1, 2, 3].map((n) => [String(n), String(n)])}
                    onChange={(v) => set("smsParts", Number(v))}
                  />
                ) : null}
              </fieldset>
              <p className="-mt-2 text-xs text-[var(--color-muted)]">{t(`channelHints.${form.channel}`)}</p>
              <fieldset className="flex min-w-0 flex-col gap-2" disabled={!props.canWrite || !hydrated}>
                <legend className="text-sm font-medium">{t("form.products")}</legend>
                <p className="text-xs text-[var(--color-muted)]">{t("form.productsHint")}</p>
                <ul className="flex min-w-0 flex-wrap gap-1.5" data-testid="studio-products">
                  {form.productIds.map((pid) => {
                    const p = productById.get(pid);
                    if (!p) return null;
                    return (
                      <li key={pid} className="max-w-full">
                        <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-blue-50 px-2 py-0.5 text-xs text-blue-900">
                          <span className="truncate" title={`${p.title} · ${p.sku}`}>
                            {p.title}
                          </span>
                          <button
                            type="button"
                            className="rounded-full p-0.5 hover:bg-blue-100"
                            aria-label={t("form.removeProduct", { title: p.title })}
                            onClick={() =>
                              set(
                                "productIds",
                                form.productIds.filter((x) => x !== pid),
                              )
                            }
                          >
                            <X className="h-3 w-3" aria-hidden="true" />
                          </button>
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {form.productIds.length === 0 ? (
                  <p className="text-xs text-[var(--color-muted)]">{t("form.noProducts")}</p>
                ) : null}
                {form.productIds.length < 10 ? (
                  <div className="flex min-w-0 items-center gap-2">
                    <Plus className="h-4 w-4 text-[var(--color-muted)]" aria-hidden="true" />
                    <select
                      aria-label={t("form.addProduct")}
                      className="h-8 min-w-0 flex-1 rounded-md border border-[var(--color-border)] bg-white px-2 text-sm"
                      value=""
                      onChange={(e) => {
                        const pid = Number(e.target.value);
                        if (pid && !form.productIds.includes(pid)) set("productIds", [...form.productIds, pid]);
                      }}
                    >
                      <option value="">{t("form.addProduct")}</option>
                      {props.products
                        .filter((p) => !form.productIds.includes(p.id))
                        .map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.title} · {p.sku}
                          </option>
                        ))}
                    </select>
                  </div>
                ) : null}
              </fieldset>
              <fieldset className="grid min-w-0 grid-cols-2 gap-3" disabled={!props.canWrite || !hydrated}>
                <legend className="col-span-2 mb-1 text-sm font-medium">{t("form.offer")}</legend>
                <SelectField
                  id={`${id}-offer`}
                  label={t("form.offerKind")}
                  value={form.offerKind}
                  testId="studio-offer-kind"
                  options={(["percent", "amount", "none"] as const).map((k) => [k, t(`offerKinds.${k}`)])}
                  onChange={(v) => set("offerKind", v as FormState["offerKind"])}
                />
                {form.offerKind !== "none" ? (
                  <TextField
                    id={`${id}-value`}
                    label={t("form.value")}
                    value={form.value}
                    error={errors.value}
                    inputMode="decimal"
                    testId="studio-offer-value"
                    onChange={(v) => set("value", v)}
                  />
                ) : (
                  <span />
                )}
                <TextField
                  id={`${id}-code`}
                  label={t("form.code")}
                  value={form.code}
                  error={errors.code}
                  testId="studio-offer-code"
                  onChange={(v) => set("code", v.toUpperCase())}
                />
                <span />
                <TextField
                  id={`${id}-starts`}
                  label={t("form.starts")}
                  value={form.starts}
                  error={errors.starts}
                  type="date"
                  testId="studio-offer-starts"
                  onChange={(v) => set("starts", v)}
                />
                <TextField
                  id={`${id}-ends`}
                  label={t("form.ends")}
                  value={form.ends}
                  error={errors.ends}
                  type="date"
                  testId="studio-offer-ends"
                  onChange={(v) => set("ends", v)}
                />
              </fieldset>
              <div className="rounded-md bg-gray-50 px-3 py-2 text-xs">
                <p className="font-medium">{t("form.brandVoice")}</p>
                {props.brandVoice.description || props.brandVoice.wordsToAvoid.length ? (
                  <p className="mt-0.5 text-[var(--color-muted)]">
                    {props.brandVoice.description}
                    {props.brandVoice.wordsToAvoid.length ? ` · ✕ ${props.brandVoice.wordsToAvoid.join("、")}` : ""}
                  </p>
                ) : (
                  <p className="mt-0.5 text-[var(--color-muted)]">{t("form.brandVoiceNone")}</p>
                )}
                <Link href="/settings#brand-voice" className="text-[var(--color-accent)] underline">
                  {t("form.editVoice")}
                </Link>
              </div>
              <fieldset className="flex min-w-0 flex-col gap-1.5" disabled={!props.canWrite || !hydrated}>
                <div className="flex items-center justify-between">
                  <Label htmlFor={`${id}-campaign`}>{t("form.campaign")}</Label>
                  {campaign ? (
                    <button
                      type="button"
                      className="text-xs text-[var(--color-accent)] underline"
                      onClick={() => {
                        setCampaign(null);
                        setLive({});
                        router.replace("/campaigns", { scroll: false });
                      }}
                    >
                      {t("form.newCampaign")}
                    </button>
                  ) : null}
                </div>
                {campaign ? (
                  <p id={`${id}-campaign`} className="text-sm" data-testid="studio-campaign-name">
                    {campaign.name}
                  </p>
                ) : (
                  <Input
                    id={`${id}-campaign`}
                    placeholder={t("form.campaignName")}
                    value={form.name}
                    maxLength={80}
                    onChange={(e) => set("name", e.target.value)}
                  />
                )}
              </fieldset>
              <div className="flex gap-2">
                <Button
                  type="submit"
                  disabled={!hydrated || !valid || running || !props.canWrite}
                  data-testid="studio-generate"
                >
                  <Sparkles className="h-4 w-4" aria-hidden="true" />
                  {running ? t("form.generating") : t("form.generate")}
                </Button>
                {running ? (
                  <Button variant="secondary" onClick={() => abortRef.current?.abort()} data-testid="studio-stop">
                    <Square className="h-4 w-4" aria-hidden="true" />
                    {t("form.stop")}
                  </Button>
                ) : null}
              </div>
              {requestError ? (
                <p role="alert" className="text-sm text-[var(--color-negative)]" data-testid="studio-error">
                  {requestError}
                </p>
              ) : null}
            </form>
          </CardContent>
        </Card>
        <div className="flex min-w-0 flex-col gap-6">
          {cards.length ? (
            <div
              className={cn(
                "grid grid-cols-1 gap-4",
                cards.length >= 2 && "md:grid-cols-2",
                cards.length >= 3 && "2xl:grid-cols-3",
              )}
              aria-live="polite"
              data-testid="studio-variants"
            >
              {cards.map(([v, entry]) => (
                <VariantCard
                  key={`${v}-${entry.draft?.id ?? "live"}-${entry.draft?.editedAt ?? ""}`}
                  variant={v}
                  entry={entry}
                  channel={entry.draft?.channel ?? form.channel}
                  smsParts={form.smsParts}
                  mode={shownMode}
                  model={runMode?.model ?? null}
                  canWrite={props.canWrite}
                  busy={running}
                  onRegenerate={() => regenerate(v)}
                  onTranslate={translate}
                  onSaved={onDraftSaved}
                />
              ))}
            </div>
          ) : (
            <RecentCampaigns campaigns={props.campaigns} />
          )}
          {campaign ? (
            <History
              campaign={campaign}
              segmentName={(seg) =>
                seg === null
                  ? tPersonas("allCustomers")
                  : (props.segments.find((x) => x.segment === seg)?.label ?? `#${seg + 1}`)
              }
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ModeBanner({ mode, canManageSettings }: { mode: Mode; canManageSettings: boolean }) {
  const t = useTranslations("campaigns.mode");
  if (mode.kind === "llm")
    return (
      <p className="text-sm text-[var(--color-muted)]" data-testid="studio-mode">
        <Sparkles className="mr-1 inline h-4 w-4" aria-hidden="true" />
        {t("llm", { model: mode.model, source: t(mode.source === "store" ? "sourceStore" : "sourceEnvironment") })}
      </p>
    );
  if (mode.kind === "broken")
    return (
      <p
        role="alert"
        className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        data-testid="studio-mode"
      >
        {t("broken", { reason: mode.reason })}
      </p>
    );
  return (
    <div
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      data-testid="studio-mode"
      role="note"
    >
      <p className="font-semibold">{t("offlineTitle")}</p>
      <p>
        {t("offline")}{" "}
        {canManageSettings ? (
          <Link href="/settings#llm" className="underline">
            {t("offlineHowOwner")}
          </Link>
        ) : (
          t("offlineHowOther")
        )}
      </p>
    </div>
  );
}

function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (v: string) => void;
  error?: string | undefined;
  testId?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={props.id} className="text-xs">
        {props.label}
      </Label>
      <select
        id={props.id}
        className="h-9 rounded-md border border-[var(--color-border)] bg-white px-2 text-sm aria-invalid:border-[var(--color-negative)]"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={`${props.id}-error`} className="text-xs text-[var(--color-negative)]">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  type?: string;
  inputMode?: "decimal";
  testId?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={props.id} className="text-xs">
        {props.label}
      </Label>
      <Input
        id={props.id}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error ? (
        <p
          id={`${props.id}-error`}
          className="text-xs text-[var(--color-negative)]"
          data-testid={props.testId ? `${props.testId}-error` : undefined}
        >
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

const ERROR_KINDS = ["auth", "rate_limited", "unavailable", "timeout", "aborted", "invalid_response"] as const;
type ErrorKind = (typeof ERROR_KINDS)[number];

const FIELD_ORDER: (keyof CopyParts)[] = ["title", "preheader", "body"];

function fieldsOf(channel: Channel): (keyof CopyParts)[] {
  return channel === "email" ? FIELD_ORDER : channel === "push" ? ["title", "body"] : ["body"];
}

function VariantCard(props: {
  variant: number;
  entry: Live;
  channel: Channel;
  smsParts: number;
  mode: "llm" | "offline";
  model: string | null;
  canWrite: boolean;
  busy: boolean;
  onRegenerate: () => void;
  onTranslate: (d: DraftView) => void;
  onSaved: (d: DraftView) => void;
}) {
  const t = useTranslations("campaigns.variant");
  const tc = useTranslations("campaigns");
  const { entry, channel } = props;
  const draft = entry.draft;
  const [edit, setEdit] = useState<CopyParts | null>(null);
  const [copied, setCopied] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const parts: CopyParts = edit ?? draft?.parts ?? parseCopy(entry.text, channel);
  const lengths = fieldLengths(parts, channel, props.smsParts);
  const dirty = edit !== null;
  const fieldLabel = (f: keyof CopyParts) => t(`fields.${f === "title" && channel === "email" ? "subject" : f}`);
  const source = draft?.source ?? (props.mode === "offline" ? "offline" : "llm");
  const sourceLabel =
    source === "offline"
      ? t("offline")
      : source === "translation"
        ? t("translation", { model: draft?.model ?? props.model ?? "" })
        : t("aiWritten", { model: draft?.model ?? props.model ?? "" });
  const problems = (draft?.problems ?? []) as Problem[];
  const errorText = (kind: string) =>
    t(`errors.${(ERROR_KINDS as readonly string[]).includes(kind) ? (kind as ErrorKind) : "other"}`);
  const other: Language = (draft?.language ?? "zh-CN") === "zh-CN" ? "en" : "zh-CN";
  return (
    <Card className="flex min-w-0 flex-col" data-testid={`variant-${props.variant}`}>
      <CardHeader className="flex flex-row items-center justify-between gap-2 pb-2">
        <CardTitle className="text-sm">
          {t("title", { n: props.variant + 1 })}
          {draft ? (
            <span className="ml-2 text-xs font-normal text-[var(--color-muted)]">
              {tc(`languages.${draft.language}`)}
            </span>
          ) : null}
        </CardTitle>
        <Badge tone={source === "offline" ? "warning" : "info"} data-testid={`variant-${props.variant}-source`}>
          {sourceLabel}
        </Badge>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        {entry.streaming && !entry.text ? <p className="text-sm text-[var(--color-muted)]">{t("waiting")}</p> : null}
        {fieldsOf(channel).map((f) => {
          const len = lengths.find((l) => l.field === f);
          const over = len && len.limit !== null && len.length > len.limit;
          const value = parts[f] ?? "";
          const fid = `v${props.variant}-${f}`;
          return (
            <div key={f} className="flex flex-col gap-1">
              <div className="flex items-center justify-between text-xs">
                <label htmlFor={fid} className="font-medium text-[var(--color-muted)]">
                  {fieldLabel(f)}
                </label>
                {len ? (
                  <span
                    className={cn(
                      "tabular",
                      over ? "font-semibold text-[var(--color-negative)]" : "text-[var(--color-muted)]",
                    )}
                    data-testid={`variant-${props.variant}-count-${f}`}
                  >
                    {len.limit === null
                      ? t("countNoLimit", { length: len.length })
                      : t("count", { length: len.length, limit: len.limit })}
                    {len.encoding
                      ? ` · ${t("smsInfo", { encoding: len.encoding === "gsm7" ? "GSM-7" : "UCS-2", parts: len.smsParts ?? 1 })}`
                      : ""}
                  </span>
                ) : null}
              </div>
              {draft && props.canWrite ? (
                <textarea
                  id={fid}
                  className="min-h-[2.25rem] w-full resize-y rounded-md border border-[var(--color-border)] px-2 py-1.5 text-sm"
                  rows={f === "body" ? (channel === "email" || channel === "social" ? 8 : 4) : 2}
                  value={value}
                  data-testid={`variant-${props.variant}-${f}`}
                  onChange={(e) => setEdit({ ...parts, [f]: e.target.value })}
                />
              ) : (
                <p
                  id={fid}
                  className="min-h-[1.5rem] whitespace-pre-wrap text-sm"
                  data-testid={`variant-${props.variant}-${f}`}
                >
                  {value}
                  {entry.streaming ? (
                    <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-gray-400 align-middle" />
                  ) : null}
                </p>
              )}
            </div>
          );
        })}
        {draft?.status === "partial" ? (
          <p
            className="flex items-start gap-1.5 text-xs text-amber-800"
            data-testid={`variant-${props.variant}-partial`}
          >
            <AlertTriangle className="h-4 w-4 shrink-0" aria-hidden="true" />
            {t("partial", { kind: errorText(draft.error ?? "") })}
          </p>
        ) : null}
        {!draft && entry.error ? (
          <p
            className="text-xs text-[var(--color-negative)]"
            role="alert"
            title={entry.error.message}
            data-testid={`variant-${props.variant}-error`}
          >
            {t("failed", { message: errorText(entry.error.kind) })}
          </p>
        ) : null}
        {draft?.trimmed.map((tr) => (
          <p
            key={tr.field}
            className="text-xs text-[var(--color-muted)]"
            data-testid={`variant-${props.variant}-trimmed`}
          >
            {t("trimmed", { field: fieldLabel(tr.field as keyof CopyParts), from: tr.from, to: tr.to })}
          </p>
        ))}
        {draft && !dirty ? (
          problems.length ? (
            <ul
              className="flex flex-col gap-1 text-xs text-[var(--color-negative)]"
              data-testid={`variant-${props.variant}-problems`}
            >
              {problems.map((p, i) => (
                <li key={i} className="flex items-start gap-1">
                  <AlertTriangle className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
                  {problemText(p, tc, fieldLabel)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="flex items-center gap-1 text-xs text-emerald-700" data-testid={`variant-${props.variant}-ok`}>
              <Check className="h-3.5 w-3.5" aria-hidden="true" />
              {t("ok")}
            </p>
          )
        ) : null}
        {dirty ? <p className="text-xs text-amber-800">{t("unsaved")}</p> : null}
        {draft?.editedBy ? (
          <p className="text-xs text-[var(--color-muted)]">{t("edited", { name: draft.editedBy })}</p>
        ) : null}
        {saveError ? (
          <p role="alert" className="text-xs text-[var(--color-negative)]">
            {saveError}
          </p>
        ) : null}
        {draft ? (
          <div className="mt-auto flex flex-wrap gap-2 pt-1">
            {props.canWrite ? (
              <Button
                size="sm"
                variant={dirty ? "primary" : "secondary"}
                disabled={!dirty || pending}
                data-testid={`variant-${props.variant}-save`}
                onClick={() =>
                  startTransition(async () => {
                    setSaveError(null);
                    const res = await saveDraftEdit({
                      draftId: draft.id,
                      body: parts.body,
                      ...(parts.title !== undefined ? { title: parts.title } : {}),
                      ...(parts.preheader !== undefined ? { preheader: parts.preheader } : {}),
                    });
                    if (res.ok) props.onSaved(res.data);
                    else setSaveError(res.message ?? res.error);
                  })
                }
              >
                <Save className="h-4 w-4" aria-hidden="true" />
                {dirty ? t("save") : t("saved")}
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="secondary"
              data-testid={`variant-${props.variant}-copy`}
              onClick={() => {
                const text = copyText(parts, channel, draft.language);
                void navigator.clipboard?.writeText(text).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                });
              }}
            >
              {copied ? (
                <Check className="h-4 w-4" aria-hidden="true" />
              ) : (
                <Copy className="h-4 w-4" aria-hidden="true" />
              )}
              {copied ? t("copied") : t("copy")}
            </Button>
            {props.canWrite ? (
              <>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={props.busy}
                  onClick={props.onRegenerate}
                  data-testid={`variant-${props.variant}-regenerate`}
                >
                  <RefreshCw className="h-4 w-4" aria-hidden="true" />
                  {t("regenerate")}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={props.busy || dirty}
                  onClick={() => props.onTranslate(draft)}
                  data-testid={`variant-${props.variant}-translate`}
                >
                  <Languages className="h-4 w-4" aria-hidden="true" />
                  {t("translate", { language: tc(`languages.${other}`) })}
                </Button>
              </>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

type Translator = ReturnType<typeof useTranslations<"campaigns">>;

function problemText(p: Problem, t: Translator, fieldLabel: (f: keyof CopyParts) => string): string {
  switch (p.code) {
    case "too_long":
      return t("problems.too_long", { field: fieldLabel(p.field), length: p.length, limit: p.limit });
    case "missing_opt_out":
      return t("problems.missing_opt_out", { footer: p.footer });
    case "banned_word":
      return t("problems.banned_word", { word: p.word });
    case "unsupplied_number":
      return t("problems.unsupplied_number", { value: p.value });
    case "unknown_product":
      return t("problems.unknown_product", { name: p.name });
  }
}

function RecentCampaigns({
  campaigns,
}: {
  campaigns: { id: number; name: string; drafts: number; createdBy: string | null; updatedAt: string }[];
}) {
  const t = useTranslations("campaigns");
  const format = useFormatter();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("recent")}</CardTitle>
      </CardHeader>
      <CardContent>
        {campaigns.length === 0 ? (
          <p className="text-sm text-[var(--color-muted)]" data-testid="studio-recent-empty">
            {t("recentEmpty")}
          </p>
        ) : (
          <ul className="divide-y divide-gray-100 text-sm" data-testid="studio-recent">
            {campaigns.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3 py-2">
                <Link
                  href={`/campaigns?campaign=${c.id}`}
                  className="min-w-0 truncate text-[var(--color-accent)] hover:underline"
                >
                  {c.name}
                </Link>
                <span className="shrink-0 text-xs text-[var(--color-muted)]">
                  {t("draftsCount", { count: c.drafts })} · {c.createdBy ?? "—"} ·{" "}
                  {format.dateTime(new Date(c.updatedAt), { dateStyle: "medium", timeStyle: "short" })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

type DraftParams = {
  goal?: Goal;
  tone?: Tone;
  segment?: number | null;
  offer?: { kind: "percent" | "amount" | "none"; value?: number; code?: string; starts?: string; ends?: string };
};

function offerSummary(o: DraftParams["offer"]): string | null {
  if (!o) return null;
  const value = o.kind === "percent" ? `${o.value}%` : o.kind === "amount" ? `−${o.value}` : null;
  const when = o.starts || o.ends ? `${o.starts ?? ""}–${o.ends ?? ""}` : null;
  return [value, o.code, when].filter(Boolean).join(" ") || null;
}

function History({
  campaign,
  segmentName,
}: {
  campaign: CampaignInfo;
  segmentName: (segment: number | null) => string;
}) {
  const t = useTranslations("campaigns");
  const format = useFormatter();
  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between">
        <CardTitle>{t("history.title")}</CardTitle>
        <a
          href={`/api/campaigns/${campaign.id}/export`}
          className="rounded-md border border-[var(--color-border)] px-3 py-1.5 text-sm hover:bg-gray-50"
          data-testid="studio-export"
          download
        >
          {t("history.export")}
        </a>
      </CardHeader>
      <CardContent className="overflow-x-auto px-0">
        {campaign.drafts.length === 0 ? (
          <p className="px-5 text-sm text-[var(--color-muted)]">{t("history.empty")}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="studio-history">
            <thead className="text-xs text-[var(--color-muted)]">
              <tr>
                <th className="px-5 py-2 font-medium">{t("history.when")}</th>
                <th className="px-2 py-2 font-medium">{t("history.who")}</th>
                <th className="px-2 py-2 font-medium">{t("history.params")}</th>
                <th className="px-2 py-2 font-medium">{t("history.status")}</th>
                <th className="px-2 py-2 pr-5 font-medium">{t("history.text")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {campaign.drafts.map((d) => {
                const p = d.params as DraftParams | null;
                return (
                  <tr key={d.id} className="align-top">
                    <td className="whitespace-nowrap px-5 py-2 text-xs">
                      {format.dateTime(new Date(d.editedAt ?? d.createdAt), { dateStyle: "short", timeStyle: "short" })}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2 text-xs">{d.editedBy ?? d.createdBy ?? "—"}</td>
                    <td className="px-2 py-2 text-xs">
                      {[
                        t(`channels.${d.channel}`),
                        t(`languages.${d.language}`),
                        p?.goal ? t(`goals.${p.goal}`) : null,
                        p?.tone ? t(`tones.${p.tone}`) : null,
                        p && p.segment !== undefined ? segmentName(p.segment) : null,
                        offerSummary(p?.offer),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                      {" · #"}
                      {d.variant + 1}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2 text-xs">
                      <Badge tone={d.status === "complete" ? "neutral" : "warning"}>
                        {t(
                          `history.status${d.status === "complete" ? "Complete" : d.status === "partial" ? "Partial" : "Failed"}`,
                        )}
                      </Badge>
                    </td>
                    <td className="max-w-md px-2 py-2 pr-5 text-xs">
                      <span className="line-clamp-2">{[d.parts.title, d.parts.body].filter(Boolean).join(" — ")}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
