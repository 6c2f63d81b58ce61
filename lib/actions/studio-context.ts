import "server-only";
// What the campaign studio's engine needs from the request's session: the store (from the session,
// never the request), the current run and the segments' display names in either language.
import type { AppSession } from "../auth/session";
import { getCurrentAnalysis } from "../db/segments";
import { nameSegments } from "../format/persona";
import type { Language } from "../llm/guardrails";
import type { StudioContext } from "../pipeline/campaign";
import en from "../i18n/messages/en.json";
import zh from "../i18n/messages/zh-CN.json";

// Read straight from the message files (no request locale involved): the studio names segments in the
// language of the copy, which need not be the operator's.
const MESSAGES = { "zh-CN": zh, en } as const;

/** A default campaign name: goal · audience · date, in the copy's language. */
export function defaultCampaignName(
  goal: keyof typeof en.campaigns.goals,
  audience: string,
  language: Language,
  date: string,
) {
  return `${MESSAGES[language].campaigns.goals[goal]} · ${audience} · ${date}`;
}

/** Today in the store's time zone, YYYY-MM-DD (offers may not end before it). */
export function storeToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export async function studioContext(session: AppSession): Promise<StudioContext> {
  const analysis = await getCurrentAnalysis(session.store.id);
  const segments = analysis?.segments ?? [];
  const names = nameSegments(segments.map((s) => ({ segment: s.segment, persona: s.profile.persona })));
  return {
    storeId: session.store.id,
    userId: session.user.id,
    storeName: session.store.name,
    currency: session.store.currency,
    runId: analysis?.runId ?? null,
    label: (segment: number | null, _persona: string | null, language: Language) => {
      const m = MESSAGES[language];
      if (segment === null) return m.personas.allCustomers;
      if (segment < 0) return m.segments.noise;
      const ai = segments.find((s) => s.segment === segment)?.aiText?.[language]?.name;
      if (ai) return ai;
      const naming = names.get(segment);
      if (!naming) return `#${segment + 1}`;
      const base = m.personas.kinds[naming.kind as keyof typeof m.personas.kinds] ?? naming.kind;
      return naming.ordinal ? `${base} ${naming.ordinal}` : base;
    },
  };
}
