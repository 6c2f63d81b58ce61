import "server-only";
// Users are created here (seed, and later owner invitations), the same way Better Auth's sign-up
// does it: a user row plus a "credential" account holding the scrypt hash from better-auth/crypto.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { getPrisma } from "./client";
import type { Role } from "../generated/prisma/enums";

export type NewUser = { email: string; name: string; password: string; locale?: string | null };

/** Creates the user, or updates name and password of an existing one with that email. */
export async function upsertUserWithPassword(input: NewUser): Promise<{ id: string; created: boolean }> {
  const prisma = await getPrisma();
  const email = input.email.trim().toLowerCase();
  const hash = await hashPassword(input.password);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    await prisma.$transaction([
      prisma.user.update({ where: { id: existing.id }, data: { name: input.name } }),
      prisma.account.updateMany({ where: { userId: existing.id, providerId: "credential" }, data: { password: hash } }),
    ]);
    return { id: existing.id, created: false };
  }
  const id = randomUUID();
  await prisma.user.create({
    data: {
      id,
      email,
      name: input.name,
      emailVerified: true,
      locale: input.locale ?? null,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password: hash } },
    },
  });
  return { id, created: true };
}

export async function upsertMembership(userId: string, storeId: number, role: Role): Promise<void> {
  const prisma = await getPrisma();
  await prisma.membership.upsert({
    where: { userId_storeId: { userId, storeId } },
    create: { userId, storeId, role },
    update: { role },
  });
}
