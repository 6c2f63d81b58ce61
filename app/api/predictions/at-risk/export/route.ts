// GET /api/predictions/at-risk/export?segment=&min= — the at-risk list of the current run as CSV
// (UTF-8 with BOM), ranked by value at risk, with the same filters as the page. Personal data is
// masked as on screen; reasons are written out in the user's language.
import { getFormatter, getTranslations } from "next-intl/server";
import { reasonText } from "@/components/predictions/reason-text";
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { writeAuditLog } from "@/lib/db/audit";
import { getCurrentPredictions, listAtRisk } from "@/lib/db/predictions";
import { toCsv } from "@/lib/format/csv";
import { maskName } from "@/lib/privacy/mask";
import { atRiskQuerySchema } from "@/lib/validation/at-risk";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  let session;
  try {
    session = await authorize("store.view");
  } catch (err) {
    if (err instanceof AuthorizationError)
      return Response.json({ error: err.kind }, { status: err.kind === "unauthenticated" ? 401 : 403 });
    throw err;
  }
  const url = new URL(request.url);
  const query = atRiskQuerySchema.parse(Object.fromEntries(url.searchParams));
  const storeId = session.store.id;
  const current = await getCurrentPredictions(storeId);
  if (!current || "skipped" in current.predictions.churn) return Response.json({ error: "not found" }, { status: 404 });
  const { rows } = await listAtRisk(
    storeId,
    current.runId,
    current.featureNames,
    { segment: query.segment, minProb: query.min === undefined ? undefined : query.min / 100 },
    { all: true },
  );
  const t = await getTranslations("predictions.atRisk");
  const tReason = await getTranslations("reasons");
  const format = await getFormatter();
  const currency = session.store.currency;
  const money = (v: number) => format.number(v, { style: "currency", currency, maximumFractionDigits: 0 });
  const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const header = [
    t("externalId"),
    t("customer"),
    t("segment"),
    t("risk"),
    `${t("clv")} (${currency})`,
    `${t("clvLow")} (${currency})`,
    `${t("clvHigh")} (${currency})`,
    `${t("valueAtRisk")} (${currency})`,
    t("lastOrderDays"),
    t("why"),
  ];
  const body = rows.map((r) => [
    r.externalId,
    maskName(r.name),
    r.segment + 1,
    Math.round(r.churnProb * 1000) / 1000,
    round2(r.clv),
    round2(r.clvLow),
    round2(r.clvHigh),
    round2(r.valueAtRisk),
    Math.round(r.recencyDays),
    r.reasons
      .map(
        (x) =>
          `${x.sign > 0 ? "↑" : "↓"} ${reasonText(x, (k, v) => tReason(k as "recency", v as Record<string, string>), money)}`,
      )
      .join("; "),
  ]);
  await writeAuditLog({
    storeId,
    userId: session.user.id,
    action: "at-risk.export",
    target: `run:${current.runId}`,
    detail: { rows: body.length, segment: query.segment ?? null, min: query.min ?? null },
  });
  return new Response(toCsv(header, body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="at-risk-run-${current.runId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
