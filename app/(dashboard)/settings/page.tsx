import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getRecommendationSettings, listCategories, skusOf } from "@/lib/db/recommendation-settings";
import { listMembers } from "@/lib/db/stores";
import { RecommendationControls } from "@/components/settings/recommendation-controls";
import { BrandVoiceForm } from "@/components/settings/brand-voice-form";
import { LlmProviderForm } from "@/components/settings/llm-provider-form";
import { LlmUsageReport } from "@/components/settings/llm-usage";
import { getLlmSettings, getLlmUsage } from "@/lib/db/llm";
import { getEnv } from "@/lib/env";
import { resolveFromSettings } from "@/lib/pipeline/llm-provider";
import { decryptSecret, maskApiKey } from "@/lib/llm/secret";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("settings") };
}

export default async function SettingsPage() {
  const session = await requireSession();
  const { store } = session;
  const t = await getTranslations("settings");
  const tRoles = await getTranslations("common.roles");
  const tRec = await getTranslations("settings.recommendations");
  const tLlm = await getTranslations("settings.llm");
  const tVoice = await getTranslations("settings.voice");
  const [members, categories, rec, llm, usage] = await Promise.all([
    listMembers(store.id),
    listCategories(store.id),
    getRecommendationSettings(store.id),
    getLlmSettings(store.id),
    getLlmUsage(store.id),
  ]);
  let maskedKey: string | null = null;
  if (llm.apiKeyEnc) {
    try {
      maskedKey = maskApiKey(decryptSecret(llm.apiKeyEnc, getEnv().authSecret));
    } catch {
      maskedKey = "••••";
    }
  }
  const provider = resolveFromSettings(llm);
  const inUse =
    provider.kind === "configured"
      ? {
          model: provider.config.model,
          source: tLlm(provider.source === "store" ? "sourceStore" : "sourceEnvironment"),
        }
      : provider.kind === "broken"
        ? { model: llm.model ?? "", source: tLlm("sourceStore") }
        : null;
  const [excludedSkus, boostedSkus] = await Promise.all([
    skusOf(store.id, rec.excludedProducts),
    skusOf(store.id, rec.boostedProducts),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("store")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-[var(--color-muted)]">{t("name")}</dt>
              <dd>{store.name}</dd>
              <dt className="text-[var(--color-muted)]">{t("currency")}</dt>
              <dd>{store.currency}</dd>
              <dt className="text-[var(--color-muted)]">{t("timezone")}</dt>
              <dd>{store.timezone}</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("preferences")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            <LanguageSwitcher />
            <p className="text-xs text-[var(--color-muted)]">{t("languageHint")}</p>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{tRec("title")}</CardTitle>
            <p className="text-sm text-[var(--color-muted)]">{tRec("description")}</p>
          </CardHeader>
          <CardContent>
            <RecommendationControls
              categories={categories}
              canEdit={can(session.role, "settings.manage")}
              initial={{
                excludedCategories: rec.excludedCategories,
                excludedSkus,
                boostedCategories: rec.boostedCategories,
                boostedSkus,
                replenishableCategories: rec.replenishableCategories,
                boost: rec.boost,
                diversity: rec.diversity,
              }}
            />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2" id="llm">
          <CardHeader>
            <CardTitle>{tLlm("title")}</CardTitle>
            <p className="text-sm text-[var(--color-muted)]">{tLlm("description")}</p>
            <p className="text-sm font-medium" data-testid="llm-in-use">
              {inUse ? tLlm("current", inUse) : tLlm("none")}
            </p>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <LlmProviderForm
              canEdit={can(session.role, "settings.manage")}
              initial={{
                baseURL: llm.baseUrl ?? "",
                model: llm.model ?? "",
                maskedKey,
                timeoutSeconds: llm.timeoutSeconds,
                saved: llm.model !== null,
              }}
            />
            <div className="min-w-0">
              <h3 className="mb-2 text-sm font-semibold">{tLlm("usage")}</h3>
              <LlmUsageReport usage={usage} />
            </div>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2" id="brand-voice">
          <CardHeader>
            <CardTitle>{tVoice("title")}</CardTitle>
            <p className="text-sm text-[var(--color-muted)]">{tVoice("description")}</p>
          </CardHeader>
          <CardContent>
            <BrandVoiceForm
              canEdit={can(session.role, "campaign.write")}
              initial={{
                description: llm.brandDescription,
                wordsToUse: llm.wordsToUse,
                wordsToAvoid: llm.wordsToAvoid,
              }}
            />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t("members")}</CardTitle>
          </CardHeader>
          <CardContent className="px-0">
            <ul className="divide-y divide-gray-100 text-sm">
              {members.map((m) => (
                <li key={m.user.id} className="flex items-center justify-between px-5 py-2">
                  <span>
                    {m.user.name} <span className="text-[var(--color-muted)]">· {m.user.email}</span>
                    {m.user.id === session.user.id ? (
                      <span className="text-[var(--color-muted)]"> ({t("you")})</span>
                    ) : null}
                  </span>
                  <Badge tone={m.role === "owner" ? "info" : "neutral"}>{tRoles(m.role)}</Badge>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
