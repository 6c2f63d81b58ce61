import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireSession } from "@/lib/auth/session";
import { CUSTOMER_SORTS, listCustomers } from "@/lib/db/customers";
import { formatMoney } from "@/lib/format/money";
import { maskName } from "@/lib/privacy/mask";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("customers") };
}

const PAGE_SIZE = 50;
const querySchema = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  sort: z.enum(CUSTOMER_SORTS).default("signup_desc").catch("signup_desc"),
});

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { store } = await requireSession();
  const t = await getTranslations("customers");
  const format = await getFormatter();
  const locale = await getLocale();
  const query = querySchema.parse(await searchParams);
  const { rows, total } = await listCustomers(store.id, {
    query: query.q || undefined,
    page: query.page,
    pageSize: PAGE_SIZE,
    sort: query.sort,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (patch: Partial<typeof query>) => {
    const p = new URLSearchParams();
    const next = { ...query, ...patch };
    if (next.q) p.set("q", next.q);
    if (next.page > 1) p.set("page", String(next.page));
    if (next.sort !== "signup_desc") p.set("sort", next.sort);
    const s = p.toString();
    return s ? `?${s}` : "?";
  };
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: store.timezone }) : "—");
  const sortHeader = (label: string, asc: (typeof CUSTOMER_SORTS)[number], desc: (typeof CUSTOMER_SORTS)[number]) => {
    const active = query.sort === asc ? "ascending" : query.sort === desc ? "descending" : "none";
    return (
      <Th aria-sort={active}>
        <Link href={href({ sort: query.sort === desc ? asc : desc, page: 1 })} className="hover:underline">
          {label} {active === "ascending" ? "↑" : active === "descending" ? "↓" : ""}
        </Link>
      </Th>
    );
  };

  if (total === 0 && !query.q) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState
          icon={<Users className="h-10 w-10" />}
          title={t("emptyTitle")}
          description={t("emptyDescription")}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" role="search" className="mb-4 flex max-w-md gap-2">
        <label htmlFor="customer-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <Input id="customer-search" name="q" defaultValue={query.q} placeholder={t("search")} />
        <Button type="submit" variant="secondary" className="shrink-0 whitespace-nowrap">
          {t("searchButton")}
        </Button>
      </form>
      <p className="mb-2 text-xs text-[var(--color-muted)]">{t("masked")}</p>
      <Card className="overflow-hidden">
        <div className="max-h-[70vh] overflow-auto">
          <Table data-testid="customer-table">
            <THead sticky>
              <tr>
                {sortHeader(t("columns.externalId"), "id_asc", "id_desc")}
                <Th>{t("columns.customer")}</Th>
                <Th>{t("columns.city")}</Th>
                {sortHeader(t("columns.signup"), "signup_asc", "signup_desc")}
                <Th numeric>{t("columns.orders")}</Th>
                <Th numeric>{t("columns.spent")}</Th>
                <Th>{t("columns.lastOrder")}</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((c) => (
                <Tr key={c.id} className="hover:bg-gray-50">
                  <Td>
                    <Link href={`/customers/${c.id}`} className="text-[var(--color-accent)] hover:underline">
                      {c.externalId}
                    </Link>
                  </Td>
                  <Td>{maskName(c.name)}</Td>
                  <Td>{c.city ?? "—"}</Td>
                  <Td>{date(c.signupAt)}</Td>
                  <Td numeric>{format.number(c.orders)}</Td>
                  <Td numeric>{formatMoney(c.spentMinor, store.currency, locale)}</Td>
                  <Td>{date(c.lastOrderAt)}</Td>
                </Tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="px-4 py-8 text-center text-[var(--color-muted)]">
                    {t("none")}
                  </td>
                </tr>
              ) : null}
            </TBody>
          </Table>
        </div>
      </Card>
      <Pagination className="mt-4" page={query.page} pages={pages} hrefOf={(page) => href({ page })} />
    </>
  );
}
