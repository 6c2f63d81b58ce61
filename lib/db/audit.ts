import "server-only";
import { getPrisma } from "./client";
import type { Prisma } from "../generated/prisma/client";

export async function writeAuditLog(entry: {
  storeId: number;
  userId: string;
  action: string;
  target?: string;
  detail?: Prisma.InputJsonValue;
}): Promise<void> {
  const prisma = await getPrisma();
  await prisma.auditLog.create({ data: entry });
}

export async function listAuditLog(storeId: number, limit = 50) {
  const prisma = await getPrisma();
  return prisma.auditLog.findMany({
    where: { storeId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, action: true, target: true, createdAt: true, user: { select: { name: true, email: true } } },
  });
}
