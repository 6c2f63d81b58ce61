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
