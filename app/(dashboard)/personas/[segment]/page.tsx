import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Download } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { PersonaCard } from "@/components/personas/persona-card";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { serveSegment } from "@/lib/pipeline/serve";
import { segmentLabel } from "@/components/segments/segment-label";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/session";
import { getSegmentPredictionAverages } from "@/lib/db/predictions";
import { storedSegmentStrategies } from "@/lib/pipeline/personas";
import { getProducts } from "@/lib/db/recommendations";
import { getCurrentAnalysis, listSegmentMembers } from "@/lib/db/segments";
import { formatMoney } from "@/lib/format/money";
import { aiLocale, nameSegments } from "@/lib/format/persona";
import { maskEmail, maskName, maskPhone } from "@/lib/privacy/mask";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("personas") };
}

const PAGE_SIZE = 50;
const paramsSchema = z.object({ segment: z.coerce.number().int().min(-1).max(100) });
const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1) });

export default async function PersonaPage({
  params,
  searchParams,
}: {
  params: Promise<{ segment: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { store } = await requireSession();
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const analysis = await getCurrentAnalysis(store.id);
  const segment = analysis?.segments.find((s) => s.segment === parsed.data.segment);
  if (!analysis || !segment) notFound();
  const { page } = querySchema.parse(await searchParams);
  const t = await getTranslations("personas");
  const tSeg = await getTranslations("segments");
  const tCust = await getTranslations("customers.columns");
  const tRfm = await getTranslations("rfm");
  const format = await getFormatter();
  const tRec = await getTranslations("recommendations");
  const locale = await getLocale();
  const pageLang = aiLocale(locale);
  const names = nameSegments(
    analysis.segments.map((s) => ({
      segment: s.segment,
      persona: s.profile.persona,
      aiName: s.aiText?.[pageLang]?.name,
    })),
  );
  const averages = await getSegmentPredictionAverages(store.id, analysis.runId);
  const name = segmentLabel(names.get(segment.segment), segment.segment, t, tSeg("noise"));
  const topIds = (segment.topProducts ?? []).slice(0, 3).map((p) => p.productId);
  const topCards = await getProducts(store.id, topIds);
  const topProducts = topIds
    .map((id) => topCards.get(id))
    .filter((p) => p !== undefined)
    .map((p) => ({ title: (pageLang === "en" ? p.titleEn : p.titleZh) ?? p.title, sku: p.sku }));
  const members = await listSegmentMembers(store.id, analysis.runId, segment.segment, analysis.summary.featureNames, {
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(members.total / PAGE_SIZE));

  return (
    <>
      <Link
        href="/personas"
        className="mb-4 inline-flex items-center gap-1 text-sm text-[var(--color-accent)] hover:underline"
      >
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-3">
        <div className="max-w-2xl 2xl:max-w-none">
          <PersonaCard
            segment={segment}
            name={name}
            analysedCustomers={analysis.summary.analysedCustomers}
            currency={store.currency}
            predictions={averages.get(segment.segment)}
            strategies={storedSegmentStrategies(segment, {
              analysedCustomers: analysis.summary.analysedCustomers,
              currency: store.currency,
              averages: averages.get(segment.segment),
              topProducts,
            })}
          />
          <div className="mt-6">
            <RecommendationList
              title={tRec("topProducts")}
              items={await serveSegment(store.id, analysis.runId, segment.segment, 8)}
              href={`/recommendations?segment=${segment.segment}`}
              testId="persona-recommendations"
            />
          </div>
        </div>
        <Card className="overflow-hidden 2xl:col-span-2">
          <div className="flex items-center justify-between px-5 pt-4">
            <h2 className="text-sm font-semibold">
              {t("members")} · {format.number(members.total)}
            </h2>
            <a
              href={`/api/personas/${segment.segment}/export`}
              className={buttonVariants({ variant: "secondary", size: "sm" })}
              download
            >
              <Download className="h-4 w-4" aria-hidden="true" />
              {t("export")}
            </a>
          </div>
          <p className="px-5 pb-2 text-xs text-[var(--color-muted)]">
            {(await getTranslations("customers"))("masked")}
          </p>
          <div className="max-h-[70vh] overflow-auto">
            <Table data-testid="persona-members" className="whitespace-nowrap">
              <THead sticky>
                <tr>
                  <Th>{tCust("externalId")}</Th>
                  <Th>{tCust("customer")}</Th>
                  <Th>{(await getTranslations("customer"))("email")}</Th>
                  <Th>{(await getTranslations("customer"))("phone")}</Th>
                  <Th>RFM</Th>
                  <Th numeric>{t("recency")}</Th>
                  <Th numeric>{t("frequency")}</Th>
                  <Th numeric>{t("monetary")}</Th>
                </tr>
              </THead>
              <TBody>
                {members.rows.map((m) => (
                  <Tr key={m.customerId}>
                    <Td>
                      <Link href={`/customers/${m.customerId}`} className="text-[var(--color-accent)] hover:underline">
                        {m.externalId}
                      </Link>
                    </Td>
                    <Td>{maskName(m.name)}</Td>
                    <Td>{maskEmail(m.email)}</Td>
                    <Td>{maskPhone(m.phone)}</Td>
                    <Td className="whitespace-nowrap">{tRfm(m.rfmGroup as "champions")}</Td>
                    <Td numeric>
                      {t("recencyValue", { days: format.number(m.recencyDays, { maximumFractionDigits: 0 }) })}
                    </Td>
                    <Td numeric>{format.number(m.frequency)}</Td>
                    <Td numeric>{formatMoney(Math.round(m.monetary * 100), store.currency, locale)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
          <Pagination className="px-5 py-3" page={page} pages={pages} hrefOf={(p) => `?page=${p}`} />
        </Card>
      </div>
    </>
  );
}
