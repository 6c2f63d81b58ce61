import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { RevealContact } from "@/components/customers/reveal-contact";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getCustomer } from "@/lib/db/customers";
import { getCustomerAnalysis } from "@/lib/db/segments";
import { CustomerAnalysisCard } from "@/components/customers/customer-analysis";
import { CustomerPredictionsCard } from "@/components/customers/customer-predictions";
import { getCurrentPredictions, getCustomerPredictions } from "@/lib/db/predictions";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { serveCustomer } from "@/lib/pipeline/serve";
import { formatMoney } from "@/lib/format/money";
import { maskEmail, maskName, maskPhone } from "@/lib/privacy/mask";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("customers") };
}

const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { store } = session;
  const parsed = idSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  // Looked up with the session's store: another store's customer id is indistinguishable from a missing one.
  const customer = await getCustomer(store.id, parsed.data);
  if (!customer) notFound();

  const [analysis, current] = await Promise.all([
    getCustomerAnalysis(store.id, customer.id),
    getCurrentPredictions(store.id),
  ]);
  const predictions = current ? await getCustomerPredictions(store.id, current.runId, customer.id) : null;
  const churnReport = current && !("skipped" in current.predictions.churn) ? current.predictions.churn : null;
  const clvReport = current && !("skipped" in current.predictions.clv) ? current.predictions.clv : null;
  const recommended = current ? await serveCustomer(store.id, current.runId, customer.id, 8) : null;
  const tRec = await getTranslations("recommendations");
  const t = await getTranslations("customer");
  const tData = await getTranslations("data.status");
  const format = await getFormatter();
  const locale = await getLocale();
  const money = (m: number) => formatMoney(m, store.currency, locale);
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: store.timezone }) : "—");
  const dateTime = (d: Date) =>
    format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: store.timezone });
  const { stats } = customer;

  const facts: [string, string][] = [
    [t("email"), maskEmail(customer.email) || "—"],
    [t("phone"), maskPhone(customer.phone) || "—"],
    [t("gender"), customer.gender ? t(`genders.${customer.gender}`) : "—"],
    [t("birthYear"), customer.birthYear ? String(customer.birthYear) : "—"],
    [t("location"), [customer.city, customer.region, customer.country].filter(Boolean).join(", ") || "—"],
    [t("channel"), customer.acquisitionChannel ?? "—"],
    [t("signup"), date(customer.signupAt)],
  ];
  const figures: [string, string, string][] = [
    ["orders", t("orders"), format.number(stats.orders)],
    ["spent", t("totalSpent"), money(stats.spentMinor)],
    ["aov", t("aov"), stats.orders ? money(stats.spentMinor / stats.orders) : "—"],
    ["first", t("firstOrder"), date(stats.firstOrderAt)],
    ["last", t("lastOrder"), date(stats.lastOrderAt)],
    ["reviews", t("reviews"), format.number(stats.reviews)],
  ];

  return (
    <>
      <Link
        href="/customers"
        className="mb-4 inline-flex items-center gap-1 text-sm text-[var(--color-accent)] hover:underline"
      >
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <div className="mb-6 flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold" data-testid="customer-name">
          {maskName(customer.name) || customer.externalId}
        </h1>
        <span className="text-sm text-[var(--color-muted)]">{customer.externalId}</span>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>{t("profile")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-[var(--color-muted)]">{k}</dt>
                  <dd className="tabular">{v}</dd>
                </div>
              ))}
            </dl>
            {can(session.role, "pii.unmask") ? (
              <div className="mt-4">
                <RevealContact customerId={customer.id} />
              </div>
            ) : null}
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6 lg:col-span-2">
          <CustomerAnalysisCard analysis={analysis} currency={store.currency} />
          {current ? (
            <CustomerPredictionsCard
              predictions={predictions}
              currency={store.currency}
              horizonDays={current.predictions.horizonDays}
              clvMonths={clvReport?.horizonMonths ?? 12}
              threshold={churnReport?.threshold ?? 0.5}
            />
          ) : null}
          {recommended ? (
            <RecommendationList
              title={tRec("forThisCustomer")}
              items={recommended.items}
              coldStart={recommended.coldStart}
              href={`/recommendations?customer=${customer.id}`}
              testId="customer-recommendations"
            />
          ) : null}
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-3">
            {figures.map(([id, label, value]) => (
              <Card key={id} className="px-4 py-3" data-testid={`customer-${id}`}>
                <p className="text-xs text-[var(--color-muted)]">{label}</p>
                <p className="tabular mt-1 text-lg font-semibold">{value}</p>
              </Card>
            ))}
          </div>
          <Card>
            <CardHeader>
              <CardTitle>{t("recentOrders")}</CardTitle>
            </CardHeader>
            <CardContent className="px-0">
              {customer.recentOrders.length === 0 ? (
                <p className="px-5 text-sm text-[var(--color-muted)]">{t("noOrders")}</p>
              ) : (
                <Table>
                  <THead>
                    <tr>
                      <Th className="px-5">{t("order")}</Th>
                      <Th className="px-5">{t("placedAt")}</Th>
                      <Th className="px-5">{t("status")}</Th>
                      <Th numeric className="px-5">
                        {t("items")}
                      </Th>
                      <Th numeric className="px-5">
                        {t("total")}
                      </Th>
                    </tr>
                  </THead>
                  <TBody>
                    {customer.recentOrders.map((o) => (
                      <Tr key={o.id}>
                        <Td className="px-5">{o.externalId}</Td>
                        <Td className="px-5">{dateTime(o.placedAt)}</Td>
                        <Td className="px-5">
                          <Badge
                            tone={o.status === "paid" ? "success" : o.status === "refunded" ? "warning" : "neutral"}
                          >
                            {tData(o.status)}
                          </Badge>
                        </Td>
                        <Td numeric className="px-5">
                          {format.number(o.items)}
                        </Td>
                        <Td numeric className="px-5">
                          {money(o.totalMinor)}
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
