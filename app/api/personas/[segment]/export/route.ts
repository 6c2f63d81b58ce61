// GET /api/personas/:segment/export — the members of one segment of the current analysis as CSV
// (UTF-8 with BOM). Personal data is masked, as on screen; customer IDs let a marketer join the
// list with their own CRM.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { writeAuditLog } from "@/lib/db/audit";
import { getCurrentAnalysis, listSegmentMembers } from "@/lib/db/segments";
import { toCsv } from "@/lib/format/csv";
import { maskEmail, maskName, maskPhone } from "@/lib/privacy/mask";

export const dynamic = "force-dynamic";

const segmentSchema = z.coerce.number().int().min(-1).max(100);

export async function GET(_request: Request, { params }: { params: Promise<{ segment: string }> }) {
  const parsed = segmentSchema.safeParse((await params).segment);
  if (!parsed.success) return Response.json({ error: "invalid segment" }, { status: 400 });
  let session;
  try {
    session = await authorize("store.view");
  } catch (err) {
    if (err instanceof AuthorizationError)
      return Response.json({ error: err.kind }, { status: err.kind === "unauthenticated" ? 401 : 403 });
    throw err;
  }
  const storeId = session.store.id;
  const analysis = await getCurrentAnalysis(storeId);
  if (!analysis || !analysis.segments.some((s) => s.segment === parsed.data)) {
    return Response.json({ error: "not found" }, { status: 404 });
  }
  const members = await listSegmentMembers(storeId, analysis.runId, parsed.data, analysis.summary.featureNames, {
    all: true,
  });
  const t = await getTranslations();
  const rows = members.rows.map((m) => [
    m.externalId,
    maskName(m.name),
    maskEmail(m.email),
    maskPhone(m.phone),
    m.city,
    t(`rfm.${m.rfmGroup as "champions"}`),
    Math.round(m.recencyDays),
    m.frequency,
    Math.round(m.monetary * 100) / 100,
  ]);
  const header = [
    t("customers.columns.externalId"),
    t("customers.columns.customer"),
    t("customer.email"),
    t("customer.phone"),
    t("customers.columns.city"),
    "RFM",
    t("features.recency_days"),
    t("features.frequency"),
    `${t("features.monetary")} (${session.store.currency})`,
  ];
  await writeAuditLog({
    storeId,
    userId: session.user.id,
    action: "persona.export",
    target: `run:${analysis.runId}/segment:${parsed.data}`,
    detail: { rows: rows.length },
  });
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="segment-${parsed.data + 1}-run-${analysis.runId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
