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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("settings") };
}

export default async function SettingsPage() {
  const session = await requireSession();
  const { store } = session;
  const t = await getTranslations("settings");
  const tRoles = await getTranslations("common.roles");
  const tRec = await getTranslations("settings.recommendations");
  const [members, categories, rec] = await Promise.all([
    listMembers(store.id),
    listCategories(store.id),
    getRecommendationSettings(store.id),
  ]);
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
