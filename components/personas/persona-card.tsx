import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { segmentColor } from "@/components/charts/palette";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { SegmentRow } from "@/lib/db/segments";
import { formatFeature } from "@/lib/format/feature";
import type { RuleStrategy } from "@/lib/llm/persona";

export async function PersonaCard({
  segment,
  name,
  analysedCustomers,
  currency,
  predictions,
  strategies,
}: {
  segment: SegmentRow;
  /** The rule-based name; the AI-written one replaces it when the run has one. */
  name: string;
  analysedCustomers: number;
  currency: string;
  /** Average churn risk and CLV of the segment's members, when the run has them. */
  predictions?: { churnProb: number | null; clv: number | null } | undefined;
  /** Rule-based strategies (shown when the language model wrote none). */
  strategies?: RuleStrategy[];
}) {
  const t = await getTranslations("personas");
  const tRfm = await getTranslations("rfm");
  const tChannel = await getTranslations("channels");
  const format = await getFormatter();
  const locale = await getLocale();
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const c = segment.centroid;
  const figures: [string, string][] = [
    [t("recency"), t("recencyValue", { days: format.number(c.recency_days ?? 0, { maximumFractionDigits: 0 }) })],
    [t("frequency"), format.number(c.frequency ?? 0, { maximumFractionDigits: 1 })],
    [t("monetary"), formatFeature("monetary", c.monetary, locale, currency)],
    [t("aov"), formatFeature("aov", c.aov, locale, currency)],
    [t("discount"), formatFeature("discount_share", c.discount_share, locale, currency)],
    [t("festival"), formatFeature("festival_share", c.festival_share, locale, currency)],
  ];
  if (predictions?.churnProb !== null && predictions?.churnProb !== undefined)
    figures.push([t("churnRisk"), pct(predictions.churnProb)]);
  if (predictions?.clv !== null && predictions?.clv !== undefined)
    figures.push([t("clv"), formatFeature("monetary", predictions.clv, locale, currency)]);
  const kind = segment.profile.persona as "vip";
  const lang = locale === "en" ? "en" : "zh-CN";
  const ai = segment.aiText?.[lang] ?? null;
  const tAi = await getTranslations("personas.ai");
  const tRules = await getTranslations("personas.rules");
  const tGoal = await getTranslations("campaigns.goals");
  const tCh = await getTranslations("campaigns.channels");
  const money = (v: number) => format.number(v, { style: "currency", currency, maximumFractionDigits: 0 });
  const ruleValue = (k: string, v: string | number) =>
    typeof v === "string"
      ? v
      : k === "valueAtRisk"
        ? money(v)
        : /Share$|Rate$/.test(k)
          ? pct(v)
          : format.number(v, { maximumFractionDigits: 0 });
  const shownStrategies = ai
    ? ai.strategies.map((s) => ({ title: s.title, detail: s.rationale, goal: s.goal, channel: s.channel }))
    : (strategies ?? []).map((s) => ({
        title: tRules(s.key, Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, ruleValue(k, v)]))),
        detail: null,
        goal: s.goal,
        channel: s.channel,
      }));
  return (
    <Card className="flex flex-col gap-3 p-5" data-testid={`persona-${segment.segment}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="flex items-center gap-2 text-base font-semibold">
            <span
              className="inline-block h-3 w-3 shrink-0 rounded-full"
              style={{ background: segmentColor(segment.segment) }}
              aria-hidden="true"
            />
            <span data-testid={`persona-${segment.segment}-name`}>{ai?.name ?? name}</span>
          </h2>
          <p className="mt-1 text-sm text-[var(--color-muted)]">{ai?.description ?? t(`descriptions.${kind}`)}</p>
        </div>
        {ai ? (
          <Badge
            tone="info"
            className="shrink-0"
            title={tAi("badgeTitle", { model: segment.aiText?.model ?? "" })}
            data-testid={`persona-${segment.segment}-ai`}
          >
            {tAi("badge")}
          </Badge>
        ) : (
          <Badge tone="neutral" className="shrink-0" title={t("ruleBased")}>
            {t("ruleBadge")}
          </Badge>
        )}
      </div>
      <p className="text-sm">
        <span className="font-medium">
          {t("size", { count: format.number(segment.size), share: pct(segment.size / analysedCustomers) })}
        </span>
        <span className="text-[var(--color-muted)]"> · {t("revenue", { share: pct(segment.revenueShare) })}</span>
      </p>
      <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
        {figures.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs text-[var(--color-muted)]">{k}</dt>
            <dd className="tabular font-medium">{v}</dd>
          </div>
        ))}
      </dl>
      <div>
        <p className="mb-1 text-xs text-[var(--color-muted)]">{t("topCategories")}</p>
        <ul className="flex flex-wrap gap-1.5">
          {segment.profile.topCategories.map((cat) => (
            <li key={cat.category}>
              <Badge tone="info">
                {cat.category} {pct(cat.share)}
              </Badge>
            </li>
          ))}
        </ul>
      </div>
      {segment.profile.channels?.length ? (
        <p className="text-xs text-[var(--color-muted)]">
          {t("channels")}:{" "}
          {segment.profile.channels
            .slice(0, 3)
            .map(
              (c) => `${tChannel.has(c.channel as "web") ? tChannel(c.channel as "web") : c.channel} ${pct(c.share)}`,
            )
            .join(" · ")}
        </p>
      ) : null}
      <div>
        <p className="mb-1 text-xs text-[var(--color-muted)]">{t("rfmMix")}</p>
        <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-gray-100" aria-hidden="true">
          {segment.profile.rfmMix.map((m, i) => (
            <div
              key={m.group}
              style={{ width: `${m.share * 100}%`, background: segmentColor(segment.segment), opacity: 1 - i * 0.12 }}
            />
          ))}
        </div>
        <p className="mt-1 text-xs text-[var(--color-muted)]">
          {segment.profile.rfmMix
            .slice(0, 3)
            .map((m) => `${tRfm(m.group as "champions")} ${pct(m.share)}`)
            .join(" · ")}
        </p>
      </div>
      {shownStrategies.length ? (
        <div>
          <p className="mb-1 text-xs text-[var(--color-muted)]">{tAi("strategies")}</p>
          <ol className="flex flex-col gap-1.5 text-sm" data-testid={`persona-${segment.segment}-strategies`}>
            {shownStrategies.map((s, i) => (
              <li key={i} className="flex flex-col">
                <span>
                  {i + 1}. {s.title}
                </span>
                {s.detail ? <span className="text-xs text-[var(--color-muted)]">{s.detail}</span> : null}
                <Link
                  href={`/campaigns?segment=${segment.segment}&goal=${s.goal}&channel=${s.channel}`}
                  className="text-xs text-[var(--color-accent)] hover:underline"
                >
                  {tAi("write")}:{" "}
                  {tAi("goalChannel", { goal: tGoal(s.goal as "win_back"), channel: tCh(s.channel as "sms") })} →
                </Link>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <Link
        href={`/personas/${segment.segment}`}
        className="mt-auto text-sm font-medium text-[var(--color-accent)] hover:underline"
      >
        {t("viewMembers")} →
      </Link>
    </Card>
  );
}
