"use server";
import { z } from "zod";
import { authorize } from "../auth/session";
import { writeAuditLog } from "../db/audit";
import { getCustomerContact } from "../db/customers";
import { runAction, type ActionResult } from "./result";

const revealSchema = z.object({ customerId: z.coerce.number().int().positive() });

export type CustomerContact = { name: string | null; email: string | null; phone: string | null };

/**
 * Owner only: the unmasked name, email and phone of one customer of the session's store, written to
 * the audit log. A customer id of another store is "not found", exactly like one that does not exist.
 */
export async function revealCustomerContact(input: {
  customerId: number | string;
}): Promise<ActionResult<CustomerContact>> {
  return runAction(async () => {
    const parsed = revealSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid" };
    const session = await authorize("pii.unmask");
    const contact = await getCustomerContact(session.store.id, parsed.data.customerId);
    if (!contact) return { ok: false, error: "not-found" };
    await writeAuditLog({
      storeId: session.store.id,
      userId: session.user.id,
      action: "customer.reveal_contact",
      target: `customer:${parsed.data.customerId}`,
    });
    return { ok: true, data: contact };
  });
}
