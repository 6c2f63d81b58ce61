"use server";
import { authorize } from "../auth/session";
import { writeAuditLog } from "../db/audit";
import { getLlmSettings, saveBrandVoice as saveVoice, saveLlmProvider as saveProvider } from "../db/llm";
import { getEnv } from "../env";
import { LlmError } from "../llm/client";
import { encryptSecret } from "../llm/secret";
import { providerFromSettings, recordedClient } from "../pipeline/llm-provider";
import { brandVoiceSchema, llmProviderSchema } from "../validation/campaign";
import { runAction, type ActionResult } from "./result";

const invalid = (issues: { message: string }[]) =>
  ({ ok: false, error: "invalid", message: issues.map((i) => i.message).join("; ") }) as const;

/** Owner only: the store's provider. An empty key keeps the stored one; the key is stored encrypted. */
export async function saveLlmProvider(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const session = await authorize("settings.manage");
    const parsed = llmProviderSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(parsed.error.issues);
    const p = parsed.data;
    await saveProvider(session.store.id, session.user.id, {
      baseUrl: p.baseURL ?? null,
      model: p.model,
      ...(p.apiKey ? { apiKeyEnc: encryptSecret(p.apiKey, getEnv().authSecret) } : {}),
      timeoutSeconds: p.timeoutSeconds ?? null,
    });
    await writeAuditLog({
      storeId: session.store.id,
      userId: session.user.id,
      action: "llm.provider",
      detail: { baseURL: p.baseURL ?? null, model: p.model, keyChanged: Boolean(p.apiKey) },
    });
    return { ok: true, data: undefined };
  });
}

/** Owner only: forget the store's provider (and its key); the environment's or offline drafts apply. */
export async function removeLlmProvider(): Promise<ActionResult> {
  return runAction(async () => {
    const session = await authorize("settings.manage");
    await saveProvider(session.store.id, session.user.id, {
      baseUrl: null,
      model: null,
      apiKeyEnc: null,
      timeoutSeconds: null,
    });
    await writeAuditLog({ storeId: session.store.id, userId: session.user.id, action: "llm.provider.remove" });
    return { ok: true, data: undefined };
  });
}

export type ConnectionTest = { model: string; latencyMs: number; reply: string };

/**
 * Owner only: one short request to the stored provider. The answer says what went wrong in the
 * provider's terms: the key refused, unreachable, too slow, rate-limited.
 */
export async function testLlmConnection(): Promise<ActionResult<ConnectionTest>> {
  return runAction(async () => {
    const session = await authorize("settings.manage");
    const provider = providerFromSettings(await getLlmSettings(session.store.id));
    if (!provider) return { ok: false, error: "not-found", message: "No provider is saved for this store." };
    if (provider.kind !== "configured")
      return { ok: false, error: "conflict", message: (provider as { reason: string }).reason };
    const { client, flush } = recordedClient(
      { ...provider.config, maxRetries: 0, timeoutMs: Math.min(provider.config.timeoutMs, 20_000) },
      session.store.id,
      session.user.id,
    );
    const t0 = performance.now();
    try {
      const reply = await client.complete(
        [
          { role: "system", content: "You are a connectivity check. Answer with the single word OK." },
          { role: "user", content: "Reply with OK." },
        ],
        { purpose: "test_connection", maxTokens: 5, temperature: 0 },
      );
      return {
        ok: true,
        data: { model: client.model, latencyMs: Math.round(performance.now() - t0), reply: reply.slice(0, 40) },
      };
    } catch (err) {
      if (err instanceof LlmError) return { ok: false, error: "conflict", message: `${err.kind}: ${err.message}` };
      throw err;
    } finally {
      await flush();
    }
  });
}

/** Marketers and owners (campaign.write): the brand voice every campaign prompt carries. */
export async function saveBrandVoice(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const session = await authorize("campaign.write");
    const parsed = brandVoiceSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(parsed.error.issues);
    await saveVoice(session.store.id, session.user.id, parsed.data);
    await writeAuditLog({ storeId: session.store.id, userId: session.user.id, action: "brand.voice" });
    return { ok: true, data: undefined };
  });
}
