import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CampaignStudio, type StudioProduct } from "@/components/campaigns/studio";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { storeToday } from "@/lib/actions/studio-context";
import { listCatalog } from "@/lib/db/briefs";
import { getCampaign, listCampaigns, listDrafts } from "@/lib/db/campaigns";
import { getLlmSettings } from "@/lib/db/llm";
import { getStoreTopProducts } from "@/lib/db/recommendations";
import { getCurrentAnalysis } from "@/lib/db/segments";
import { currencyDigits } from "@/lib/format/money";
import { nameSegments } from "@/lib/format/persona";
import { draftView, titleIn } from "@/lib/pipeline/campaign";
import { resolveFromSettings } from "@/lib/pipeline/llm-provider";
import { segmentLabel } from "@/components/segments/segment-label";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("campaigns") };
}

const querySchema = z.object({
  campaign: z.coerce.number().int().positive().optional().catch(undefined),
  segment: z.coerce.number().int().min(-1).max(100).optional().catch(undefined),
  goal: z.enum(["win_back", "upsell", "new_arrival", "festival_sale", "loyalty_reward"]).optional().catch(undefined),
  channel: z.enum(["sms", "push", "email", "social"]).optional().catch(undefined),
});

export default async function CampaignsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requireSession();
  const { store } = session;
  const storeId = store.id;
  const query = querySchema.parse(await searchParams);
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const t = await getTranslations("campaigns");
  const tPersona = await getTranslations("personas");
  const tSeg = await getTranslations("segments");
  const [analysis, catalog, settings, campaigns] = await Promise.all([
    getCurrentAnalysis(storeId),
    listCatalog(storeId),
    getLlmSettings(storeId),
    listCampaigns(storeId),
  ]);
  const names = nameSegments(
    (analysis?.segments ?? []).map((s) => ({ segment: s.segment, persona: s.profile.persona })),
  );
  const segments = (analysis?.segments ?? []).map((s) => ({
    segment: s.segment,
    size: s.size,
    label: s.aiText?.[locale]?.name ?? segmentLabel(names.get(s.segment), s.segment, tPersona, tSeg("noise")),
  }));
  const storeTop = analysis ? await getStoreTopProducts(storeId, analysis.runId, 3) : [];
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const digits = currencyDigits(store.currency);
  const products: StudioProduct[] = catalog
    .filter((p) => p.active)
    .map((p) => ({
      id: p.id,
      sku: p.sku,
      title: titleIn(p, locale),
      category: p.category,
      price: p.priceMinor / 10 ** digits,
    }));
  const topBySegment: Record<string, number[]> = { all: storeTop.map((p) => p.productId) };
  for (const s of analysis?.segments ?? []) {
    topBySegment[String(s.segment)] = (s.topProducts ?? [])
      .map((p) => p.productId)
      .filter((id) => byId.get(id)?.active)
      .slice(0, 3);
  }
  const provider = resolveFromSettings(settings);
  const mode =
    provider.kind === "configured"
      ? ({ kind: "llm", model: provider.config.model, source: provider.source } as const)
      : provider.kind === "broken"
        ? ({ kind: "broken", reason: provider.reason } as const)
        : ({ kind: "offline" } as const);
  const open = query.campaign ? await getCampaign(storeId, query.campaign) : null;
  const openDrafts = open ? (await listDrafts(storeId, open.id)).map(draftView) : [];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <CampaignStudio
        canWrite={can(session.role, "campaign.write")}
        canManageSettings={can(session.role, "settings.manage")}
        mode={mode}
        locale={locale}
        currency={store.currency}
        today={storeToday(store.timezone)}
        segments={segments}
        hasAnalysis={analysis !== null}
        products={products}
        topBySegment={topBySegment}
        brandVoice={{
          description: settings.brandDescription,
          wordsToUse: settings.wordsToUse,
          wordsToAvoid: settings.wordsToAvoid,
        }}
        campaigns={campaigns.map((c) => ({
          id: c.id,
          name: c.name,
          drafts: c.drafts,
          createdBy: c.createdBy,
          updatedAt: c.updatedAt.toISOString(),
        }))}
        initialCampaign={open ? { id: open.id, name: open.name, params: open.params, drafts: openDrafts } : null}
        prefill={{
          ...(query.segment !== undefined ? { segment: query.segment } : {}),
          ...(query.goal ? { goal: query.goal } : {}),
          ...(query.channel ? { channel: query.channel } : {}),
        }}
      />
    </>
  );
}
