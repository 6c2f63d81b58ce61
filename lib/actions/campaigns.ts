"use server";
import { z } from "zod";
import { authorize } from "../auth/session";
import { getCampaign, getDraft, listDrafts, renameCampaign as rename, updateDraftText } from "../db/campaigns";
import { checkEdited, draftView, type DraftView } from "../pipeline/campaign";
import { draftEditSchema } from "../validation/campaign";
import { runAction, type ActionResult } from "./result";
import { studioContext } from "./studio-context";

const idSchema = z.coerce.number().int().positive();

export type CampaignDrafts = { id: number; name: string; params: unknown; drafts: DraftView[] };

/** A campaign of the session's store with its drafts, newest first. */
export async function loadCampaign(campaignId: unknown): Promise<ActionResult<CampaignDrafts>> {
  return runAction(async () => {
    const session = await authorize("store.view");
    const id = idSchema.safeParse(campaignId);
    if (!id.success) return { ok: false, error: "invalid", message: "campaign id must be a positive integer" };
    const campaign = await getCampaign(session.store.id, id.data);
    if (!campaign) return { ok: false, error: "not-found" };
    const drafts = await listDrafts(session.store.id, campaign.id);
    return {
      ok: true,
      data: { id: campaign.id, name: campaign.name, params: campaign.params, drafts: drafts.map(draftView) },
    };
  });
}

/** An operator's edit of a draft: saved with who and when, and checked again by every guardrail. */
export async function saveDraftEdit(input: unknown): Promise<ActionResult<DraftView>> {
  return runAction(async () => {
    const session = await authorize("campaign.write");
    const parsed = draftEditSchema.safeParse(input ?? {});
    if (!parsed.success)
      return { ok: false, error: "invalid", message: parsed.error.issues.map((i) => i.message).join("; ") };
    const storeId = session.store.id;
    const draft = await getDraft(storeId, parsed.data.draftId);
    if (!draft) return { ok: false, error: "not-found" };
    const parts = {
      body: parsed.data.body,
      ...(parsed.data.title !== undefined ? { title: parsed.data.title } : {}),
      ...(parsed.data.preheader !== undefined ? { preheader: parsed.data.preheader } : {}),
    };
    const { problems } = await checkEdited(await studioContext(session), draft, parts);
    await updateDraftText(
      storeId,
      draft.id,
      session.user.id,
      { title: parts.title ?? null, preheader: parts.preheader ?? null, body: parts.body },
      problems,
    );
    const saved = await getDraft(storeId, draft.id);
    return saved ? { ok: true, data: draftView(saved) } : { ok: false, error: "not-found" };
  });
}

export async function renameCampaign(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const session = await authorize("campaign.write");
    const parsed = z
      .object({ campaignId: idSchema, name: z.string().trim().min(1, "name is required").max(80) })
      .safeParse(input ?? {});
    if (!parsed.success)
      return { ok: false, error: "invalid", message: parsed.error.issues.map((i) => i.message).join("; ") };
    const ok = await rename(session.store.id, parsed.data.campaignId, parsed.data.name);
    return ok ? { ok: true, data: undefined } : { ok: false, error: "not-found" };
  });
}
