import "server-only";
// Campaigns of the copy studio and their drafts. Every read and write is scoped by the store id the
// caller took from the session; a draft or campaign id of another store is simply not found.
import { getSql } from "./client";

export type DraftParts = { title: string | null; preheader: string | null; body: string };

export type CampaignSummary = {
  id: number;
  name: string;
  drafts: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CampaignDetail = CampaignSummary & { params: unknown };

export type DraftRow = DraftParts & {
  id: number;
  campaignId: number;
  variant: number;
  channel: string;
  language: string;
  source: "llm" | "offline" | "translation";
  status: "complete" | "partial" | "failed";
  error: string | null;
  model: string | null;
  problems: unknown[];
  trimmed: { field: string; from: number; to: number }[];
  params: unknown;
  translatedFromId: number | null;
  createdBy: string | null;
  createdAt: Date;
  editedBy: string | null;
  editedAt: Date | null;
};

type DraftDb = {
  id: number;
  campaign_id: number;
  variant: number;
  channel: string;
  language: string;
  title: string | null;
  preheader: string | null;
  body: string;
  source: DraftRow["source"];
  status: DraftRow["status"];
  error: string | null;
  model: string | null;
  problems: unknown[];
  trimmed: DraftRow["trimmed"];
  params: unknown;
  translated_from_id: number | null;
  created_by: string | null;
  created_at: Date;
  edited_by: string | null;
  edited_at: Date | null;
};

const DRAFT_SELECT = `SELECT d.id, d.campaign_id, d.variant, d.channel, d.language, d.title, d.preheader, d.body,
       d.source, d.status, d.error, d.model, d.problems, d.trimmed, d.params, d.translated_from_id,
       cu.name AS created_by, d.created_at, eu.name AS edited_by, d.edited_at
  FROM campaign_draft d
  LEFT JOIN "user" cu ON cu.id = d.created_by_id
  LEFT JOIN "user" eu ON eu.id = d.edited_by_id`;

function toDraft(r: DraftDb): DraftRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    variant: r.variant,
    channel: r.channel,
    language: r.language,
    title: r.title,
    preheader: r.preheader,
    body: r.body,
    source: r.source,
    status: r.status,
    error: r.error,
    model: r.model,
    problems: r.problems ?? [],
    trimmed: r.trimmed ?? [],
    params: r.params,
    translatedFromId: r.translated_from_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    editedBy: r.edited_by,
    editedAt: r.edited_at,
  };
}

export async function createCampaign(storeId: number, userId: string, name: string, params: unknown): Promise<number> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO campaign (store_id, name, params, created_by_id) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`,
    [storeId, name, JSON.stringify(params), userId],
  );
  return (rows[0] as { id: number }).id;
}

/** Records the parameters of the campaign's latest generation; false when the campaign is not the store's. */
export async function touchCampaign(storeId: number, campaignId: number, params: unknown): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `UPDATE campaign SET params = $3::jsonb, updated_at = now() WHERE store_id = $1 AND id = $2 RETURNING id`,
    [storeId, campaignId, JSON.stringify(params)],
  );
  return rows.length > 0;
}

export async function renameCampaign(storeId: number, campaignId: number, name: string): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `UPDATE campaign SET name = $3, updated_at = now() WHERE store_id = $1 AND id = $2 RETURNING id`,
    [storeId, campaignId, name],
  );
  return rows.length > 0;
}

export async function listCampaigns(storeId: number, limit = 50): Promise<CampaignSummary[]> {
  const sql = await getSql();
  const rows = await sql.query<{
    id: number;
    name: string;
    drafts: number;
    created_by: string | null;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT c.id, c.name, (SELECT count(*)::int FROM campaign_draft d WHERE d.store_id = c.store_id
                                                                     AND d.campaign_id = c.id) AS drafts,
            u.name AS created_by, c.created_at, c.updated_at
     FROM campaign c LEFT JOIN "user" u ON u.id = c.created_by_id
     WHERE c.store_id = $1 ORDER BY c.updated_at DESC, c.id DESC LIMIT $2`,
    [storeId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    drafts: r.drafts,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function getCampaign(storeId: number, campaignId: number): Promise<CampaignDetail | null> {
  const sql = await getSql();
  const rows = await sql.query<{
    id: number;
    name: string;
    params: unknown;
    drafts: number;
    created_by: string | null;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT c.id, c.name, c.params, (SELECT count(*)::int FROM campaign_draft d WHERE d.store_id = c.store_id
                                                                               AND d.campaign_id = c.id) AS drafts,
            u.name AS created_by, c.created_at, c.updated_at
     FROM campaign c LEFT JOIN "user" u ON u.id = c.created_by_id
     WHERE c.store_id = $1 AND c.id = $2`,
    [storeId, campaignId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    params: r.params,
    drafts: r.drafts,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type NewDraft = DraftParts & {
  campaignId: number;
  variant: number;
  channel: string;
  language: string;
  source: DraftRow["source"];
  status: DraftRow["status"];
  error: string | null;
  model: string | null;
  problems: unknown[];
  trimmed: DraftRow["trimmed"];
  params: unknown;
  translatedFromId: number | null;
};

export async function insertDraft(storeId: number, userId: string, d: NewDraft): Promise<number> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO campaign_draft (store_id, campaign_id, variant, channel, language, title, preheader, body, source,
                                 status, error, model, problems, trimmed, params, translated_from_id, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17)
     RETURNING id`,
    [
      storeId,
      d.campaignId,
      d.variant,
      d.channel,
      d.language,
      d.title,
      d.preheader,
      d.body,
      d.source,
      d.status,
      d.error,
      d.model,
      JSON.stringify(d.problems),
      JSON.stringify(d.trimmed),
      JSON.stringify(d.params),
      d.translatedFromId,
      userId,
    ],
  );
  return (rows[0] as { id: number }).id;
}

/** An operator's edit: the new text and its guardrail problems. False when the draft is not the store's. */
export async function updateDraftText(
  storeId: number,
  draftId: number,
  userId: string,
  parts: DraftParts,
  problems: unknown[],
): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `UPDATE campaign_draft SET title = $3, preheader = $4, body = $5, problems = $6::jsonb, edited_by_id = $7,
            edited_at = now()
     WHERE store_id = $1 AND id = $2 RETURNING id`,
    [storeId, draftId, parts.title, parts.preheader, parts.body, JSON.stringify(problems), userId],
  );
  return rows.length > 0;
}

export async function getDraft(storeId: number, draftId: number): Promise<DraftRow | null> {
  const sql = await getSql();
  const rows = await sql.query<DraftDb>(`${DRAFT_SELECT} WHERE d.store_id = $1 AND d.id = $2`, [storeId, draftId]);
  return rows[0] ? toDraft(rows[0]) : null;
}

export async function listDrafts(storeId: number, campaignId: number): Promise<DraftRow[]> {
  const sql = await getSql();
  const rows = await sql.query<DraftDb>(
    `${DRAFT_SELECT} WHERE d.store_id = $1 AND d.campaign_id = $2 ORDER BY d.created_at DESC, d.id DESC`,
    [storeId, campaignId],
  );
  return rows.map(toDraft);
}

export async function deleteDraft(storeId: number, draftId: number): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    "DELETE FROM campaign_draft WHERE store_id = $1 AND id = $2 RETURNING id",
    [storeId, draftId],
  );
  return rows.length > 0;
}
