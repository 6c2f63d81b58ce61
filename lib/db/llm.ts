import "server-only";
// The store's language-model settings (llm_settings: provider and brand voice) and the call log
// (llm_call). The API key is stored and returned encrypted; only lib/pipeline/llm-provider.ts decrypts.
import { getSql } from "./client";

export type StoredLlmSettings = {
  baseUrl: string | null;
  model: string | null;
  apiKeyEnc: string | null;
  timeoutSeconds: number | null;
  brandDescription: string;
  wordsToUse: string[];
  wordsToAvoid: string[];
  updatedAt: Date | null;
};

export const EMPTY_LLM_SETTINGS: StoredLlmSettings = {
  baseUrl: null,
  model: null,
  apiKeyEnc: null,
  timeoutSeconds: null,
  brandDescription: "",
  wordsToUse: [],
  wordsToAvoid: [],
  updatedAt: null,
};

export async function getLlmSettings(storeId: number): Promise<StoredLlmSettings> {
  const sql = await getSql();
  const rows = await sql.query<{
    base_url: string | null;
    model: string | null;
    api_key_enc: string | null;
    timeout_seconds: number | null;
    brand_description: string;
    words_to_use: string[] | null;
    words_to_avoid: string[] | null;
    updated_at: Date;
  }>(
    `SELECT base_url, model, api_key_enc, timeout_seconds, brand_description, words_to_use, words_to_avoid,
            updated_at
     FROM llm_settings WHERE store_id = $1`,
    [storeId],
  );
  const r = rows[0];
  if (!r) return EMPTY_LLM_SETTINGS;
  return {
    baseUrl: r.base_url,
    model: r.model,
    apiKeyEnc: r.api_key_enc,
    timeoutSeconds: r.timeout_seconds,
    brandDescription: r.brand_description,
    wordsToUse: r.words_to_use ?? [],
    wordsToAvoid: r.words_to_avoid ?? [],
    updatedAt: r.updated_at,
  };
}

/** Sets (or, with model null, removes) the store's provider. `apiKeyEnc` undefined keeps the stored key. */
export async function saveLlmProvider(
  storeId: number,
  userId: string,
  provider: { baseUrl: string | null; model: string | null; apiKeyEnc?: string | null; timeoutSeconds: number | null },
): Promise<void> {
  const sql = await getSql();
  const keep = provider.apiKeyEnc === undefined;
  await sql.query(
    `INSERT INTO llm_settings (store_id, base_url, model, api_key_enc, timeout_seconds, words_to_use, words_to_avoid,
                               updated_by_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, '{}', '{}', $6, now())
     ON CONFLICT (store_id) DO UPDATE SET base_url = EXCLUDED.base_url, model = EXCLUDED.model,
       api_key_enc = CASE WHEN $7 THEN llm_settings.api_key_enc ELSE EXCLUDED.api_key_enc END,
       timeout_seconds = EXCLUDED.timeout_seconds, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
    [storeId, provider.baseUrl, provider.model, provider.apiKeyEnc ?? null, provider.timeoutSeconds, userId, keep],
  );
}

export async function saveBrandVoice(
  storeId: number,
  userId: string,
  voice: { description: string; wordsToUse: string[]; wordsToAvoid: string[] },
): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `INSERT INTO llm_settings (store_id, brand_description, words_to_use, words_to_avoid, updated_by_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (store_id) DO UPDATE SET brand_description = EXCLUDED.brand_description,
       words_to_use = EXCLUDED.words_to_use, words_to_avoid = EXCLUDED.words_to_avoid,
       updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
    [storeId, voice.description, voice.wordsToUse, voice.wordsToAvoid, userId],
  );
}

export type LlmCallRow = {
  purpose: string;
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
  firstTokenMs: number | null;
  outcome: "ok" | "error" | "aborted";
  error?: string | undefined;
};

export async function recordLlmCall(storeId: number, userId: string | null, call: LlmCallRow): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `INSERT INTO llm_call (store_id, purpose, model, prompt_tokens, completion_tokens, latency_ms, first_token_ms,
                           outcome, error, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      storeId,
      call.purpose,
      call.model,
      call.promptTokens,
      call.completionTokens,
      Math.round(call.latencyMs),
      call.firstTokenMs === null ? null : Math.round(call.firstTokenMs),
      call.outcome,
      call.error ?? null,
      userId,
    ],
  );
}

export type LlmUsage = {
  byPurpose: {
    purpose: string;
    calls: number;
    errors: number;
    promptTokens: number;
    completionTokens: number;
    medianLatencyMs: number | null;
    medianFirstTokenMs: number | null;
  }[];
  byDay: { day: string; calls: number; errors: number; tokens: number }[];
  recent: (LlmCallRow & { createdAt: Date })[];
};

/** The store's usage over the last `days` days (Settings). Days are UTC dates. */
export async function getLlmUsage(storeId: number, days = 30): Promise<LlmUsage> {
  const sql = await getSql();
  const [byPurpose, byDay, recent] = await Promise.all([
    sql.query<{
      purpose: string;
      calls: number;
      errors: number;
      prompt_tokens: number;
      completion_tokens: number;
      median_latency: number | null;
      median_ttft: number | null;
    }>(
      `SELECT purpose, count(*)::int AS calls, count(*) FILTER (WHERE outcome = 'error')::int AS errors,
              coalesce(sum(prompt_tokens), 0)::int AS prompt_tokens,
              coalesce(sum(completion_tokens), 0)::int AS completion_tokens,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::float8 AS median_latency,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY first_token_ms)::float8 AS median_ttft
       FROM llm_call WHERE store_id = $1 AND created_at >= now() - make_interval(days => $2)
       GROUP BY purpose ORDER BY calls DESC, purpose`,
      [storeId, days],
    ),
    sql.query<{ day: string; calls: number; errors: number; tokens: number }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS calls,
              count(*) FILTER (WHERE outcome = 'error')::int AS errors,
              coalesce(sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)), 0)::int AS tokens
       FROM llm_call WHERE store_id = $1 AND created_at >= now() - make_interval(days => $2)
       GROUP BY 1 ORDER BY 1`,
      [storeId, days],
    ),
    sql.query<{
      purpose: string;
      model: string;
      prompt_tokens: number | null;
      completion_tokens: number | null;
      latency_ms: number;
      first_token_ms: number | null;
      outcome: "ok" | "error" | "aborted";
      error: string | null;
      created_at: Date;
    }>(
      `SELECT purpose, model, prompt_tokens, completion_tokens, latency_ms, first_token_ms, outcome, error, created_at
       FROM llm_call WHERE store_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20`,
      [storeId],
    ),
  ]);
  return {
    byPurpose: byPurpose.map((r) => ({
      purpose: r.purpose,
      calls: r.calls,
      errors: r.errors,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      medianLatencyMs: r.median_latency,
      medianFirstTokenMs: r.median_ttft,
    })),
    byDay,
    recent: recent.map((r) => ({
      purpose: r.purpose,
      model: r.model,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      latencyMs: r.latency_ms,
      firstTokenMs: r.first_token_ms,
      outcome: r.outcome,
      error: r.error ?? undefined,
      createdAt: r.created_at,
    })),
  };
}
