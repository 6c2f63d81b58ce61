import "server-only";
import { getPrisma } from "./client";
import type { Role } from "../generated/prisma/enums";

export type StoreSummary = { id: number; name: string; slug: string; currency: string; timezone: string };
export type MembershipSummary = { store: StoreSummary; role: Role };

const storeSelect = { id: true, name: true, slug: true, currency: true, timezone: true } as const;

export async function listMembershipsForUser(userId: string): Promise<MembershipSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { role: true, store: { select: storeSelect } },
  });
  return rows;
}

/** The membership of userId in storeId, or null: the one check behind every store switch. */
export async function getMembership(userId: string, storeId: number): Promise<MembershipSummary | null> {
  const prisma = await getPrisma();
  return prisma.membership.findUnique({
    where: { userId_storeId: { userId, storeId } },
    select: { role: true, store: { select: storeSelect } },
  });
}

export async function setSessionStore(sessionId: string, storeId: number): Promise<void> {
  const prisma = await getPrisma();
  await prisma.session.update({ where: { id: sessionId }, data: { activeStoreId: storeId } });
}

export async function setUserLocale(userId: string, locale: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export type NewStore = { name: string; slug: string; currency: string; timezone: string };

export async function getStoreBySlug(slug: string): Promise<StoreSummary | null> {
  const prisma = await getPrisma();
  return prisma.store.findUnique({ where: { slug }, select: storeSelect });
}

export async function createStore(input: NewStore): Promise<StoreSummary> {
  const prisma = await getPrisma();
  return prisma.store.create({ data: input, select: storeSelect });
}

/** Removes a store and everything in it (cascades). Used by `db:seed --reset`. */
export async function deleteStore(storeId: number): Promise<void> {
  const prisma = await getPrisma();
  await prisma.store.delete({ where: { id: storeId } });
}

export async function listMembers(storeId: number) {
  const prisma = await getPrisma();
  return prisma.membership.findMany({
    where: { storeId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
}
