import "server-only";
// Customer reads. Every function takes the storeId of the session; a customer id from the URL is
// only ever looked up together with it, so another store's customer is simply "not found".
import { getPrisma, getSql } from "./client";
import type { Gender, OrderStatus } from "../generated/prisma/enums";

export type CustomerListRow = {
  id: number;
  externalId: string;
  name: string | null;
  city: string | null;
  signupAt: Date;
  orders: number;
  spentMinor: number;
  lastOrderAt: Date | null;
};

export const CUSTOMER_SORTS = ["signup_desc", "signup_asc", "id_asc", "id_desc"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const ORDER_BY: Record<CustomerSort, string> = {
  signup_desc: "c.signup_at DESC, c.id DESC",
  signup_asc: "c.signup_at ASC, c.id ASC",
  id_asc: "c.external_id ASC",
  id_desc: "c.external_id DESC",
};

export async function listCustomers(
  storeId: number,
  options: { query?: string; page: number; pageSize: number; sort: CustomerSort; matchName?: boolean },
): Promise<{ rows: CustomerListRow[]; total: number }> {
  const sql = await getSql();
  const pattern = options.query ? `%${options.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const [rows, count] = await Promise.all([
    sql.query<{
      id: number;
      external_id: string;
      name: string | null;
      city: string | null;
      signup_at: Date;
      orders: number;
      spent_minor: number;
      last_order_at: Date | null;
    }>(
      // ORDER BY comes from a closed list (CustomerSort), never from the request text.
      `SELECT c.id, c.external_id, c.name, c.city, c.signup_at, a.orders, a.spent_minor, a.last_order_at
       FROM customer c
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS orders, coalesce(sum(o.total_minor), 0)::float8 AS spent_minor, max(o.placed_at) AS last_order_at
         FROM "order" o WHERE o.store_id = c.store_id AND o.customer_id = c.id AND o.status = 'paid'
       ) a ON true
       WHERE c.store_id = $1 AND ($2::text IS NULL OR c.external_id ILIKE $2 OR ($5 AND c.name ILIKE $2))
       ORDER BY ${ORDER_BY[options.sort]}
       LIMIT $3 OFFSET $4`,
      [storeId, pattern, options.pageSize, (options.page - 1) * options.pageSize, options.matchName ?? false],
    ),
    sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customer c
       WHERE c.store_id = $1 AND ($2::text IS NULL OR c.external_id ILIKE $2 OR ($3 AND c.name ILIKE $2))`,
      [storeId, pattern, options.matchName ?? false],
    ),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      name: r.name,
      city: r.city,
      signupAt: r.signup_at,
      orders: r.orders,
      spentMinor: r.spent_minor,
      lastOrderAt: r.last_order_at,
    })),
    total: count[0]?.n ?? 0,
  };
}

export type CustomerDetail = {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  gender: Gender | null;
  birthYear: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
  signupAt: Date;
  acquisitionChannel: string | null;
  stats: { orders: number; spentMinor: number; firstOrderAt: Date | null; lastOrderAt: Date | null; reviews: number };
  recentOrders: {
    id: number;
    externalId: string;
    placedAt: Date;
    status: OrderStatus;
    items: number;
    totalMinor: number;
    channel: string | null;
  }[];
};

export async function getCustomer(storeId: number, customerId: number): Promise<CustomerDetail | null> {
  const prisma = await getPrisma();
  const customer = await prisma.customer.findUnique({ where: { storeId_id: { storeId, id: customerId } } });
  if (!customer) return null;
  const [paid, reviews, recent] = await Promise.all([
    prisma.order.aggregate({
      where: { storeId, customerId, status: "paid" },
      _count: { _all: true },
      _sum: { totalMinor: true },
      _min: { placedAt: true },
      _max: { placedAt: true },
    }),
    prisma.review.count({ where: { storeId, customerId } }),
    prisma.order.findMany({
      where: { storeId, customerId },
      orderBy: { placedAt: "desc" },
      take: 20,
      select: {
        id: true,
        externalId: true,
        placedAt: true,
        status: true,
        totalMinor: true,
        channel: true,
        items: { select: { quantity: true } },
      },
    }),
  ]);
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    gender: customer.gender,
    birthYear: customer.birthYear,
    city: customer.city,
    region: customer.region,
    country: customer.country,
    signupAt: customer.signupAt,
    acquisitionChannel: customer.acquisitionChannel,
    stats: {
      orders: paid._count._all,
      spentMinor: paid._sum.totalMinor ?? 0,
      firstOrderAt: paid._min.placedAt,
      lastOrderAt: paid._max.placedAt,
      reviews,
    },
    recentOrders: recent.map((o) => ({
      id: o.id,
      externalId: o.externalId,
      placedAt: o.placedAt,
      status: o.status,
      items: o.items.reduce((s, i) => s + i.quantity, 0),
      totalMinor: o.totalMinor,
      channel: o.channel,
    })),
  };
}

/** Contact details for an owner who asked to see them; the caller writes the audit entry. */
export async function getCustomerContact(
  storeId: number,
  customerId: number,
): Promise<{ name: string | null; email: string | null; phone: string | null } | null> {
  const prisma = await getPrisma();
  return prisma.customer.findUnique({
    where: { storeId_id: { storeId, id: customerId } },
    select: { name: true, email: true, phone: true },
  });
}
