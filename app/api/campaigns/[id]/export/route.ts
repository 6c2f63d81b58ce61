// GET /api/campaigns/:id/export — every draft of a campaign of the session's store as CSV (UTF-8 with
// BOM): variant, channel, language, where it came from, status, the text, its length against the
// channel's limit, the guardrail problems, and who wrote or edited it when.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { writeAuditLog } from "@/lib/db/audit";
import { getCampaign, listDrafts } from "@/lib/db/campaigns";
import { toCsv } from "@/lib/format/csv";
import { fieldLengths, type Channel } from "@/lib/llm/guardrails";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  let session;
  try {
    session = await authorize("store.view");
  } catch (err) {
    if (err instanceof AuthorizationError)
      return Response.json({ error: err.kind }, { status: err.kind === "unauthenticated" ? 401 : 403 });
    throw err;
  }
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await params).id);
  if (!id.success) return Response.json({ error: "invalid" }, { status: 400 });
  const campaign = await getCampaign(session.store.id, id.data);
  if (!campaign) return Response.json({ error: "not found" }, { status: 404 });
  const drafts = await listDrafts(session.store.id, campaign.id);
  const t = await getTranslations("campaigns.export");
  const header = [
    t("draft"),
    t("variant"),
    t("channel"),
    t("language"),
    t("source"),
    t("status"),
    t("title"),
    t("preheader"),
    t("body"),
    t("lengths"),
    t("problems"),
    t("createdBy"),
    t("createdAt"),
    t("editedBy"),
    t("editedAt"),
  ];
  const body = drafts.map((d) => {
    const lengths = fieldLengths(
      {
        body: d.body,
        ...(d.title !== null ? { title: d.title } : {}),
        ...(d.preheader !== null ? { preheader: d.preheader } : {}),
      },
      d.channel as Channel,
      (d.params as { smsParts?: number } | null)?.smsParts ?? 1,
    );
    return [
      d.id,
      d.variant + 1,
      d.channel,
      d.language,
      d.source,
      d.status,
      d.title ?? "",
      d.preheader ?? "",
      d.body,
      lengths.map((l) => `${l.field} ${l.length}${l.limit === null ? "" : `/${l.limit}`}`).join("; "),
      (d.problems as { code: string }[]).map((p) => p.code).join(" "),
      d.createdBy ?? "",
      d.createdAt.toISOString(),
      d.editedBy ?? "",
      d.editedAt ? d.editedAt.toISOString() : "",
    ];
  });
  await writeAuditLog({
    storeId: session.store.id,
    userId: session.user.id,
    action: "campaign.export",
    target: `campaign:${campaign.id}`,
    detail: { rows: body.length },
  });
  return new Response(toCsv(header, body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="campaign-${campaign.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
