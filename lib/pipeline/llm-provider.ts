import "server-only";
// Which language model a store talks to: its own provider from Settings (key decrypted here and only
// here), else the server's environment (OPENAI_*), else none — and then ShopLens writes offline drafts
// and says so. Every call made through the client this returns is recorded in llm_call.
import { getEnv } from "../env";
import { getLlmSettings, recordLlmCall, type StoredLlmSettings } from "../db/llm";
import { createLlmClient, type LlmClient } from "../llm/client";
import { llmConfigFromEnv, type LlmConfig } from "../llm/config";
import { decryptSecret, SecretError } from "../llm/secret";

/** Ollama and vLLM take no key; the client still needs a non-empty one. */
const NO_KEY = "not-needed";

export type ProviderSource = "store" | "environment";

export type ResolvedProvider =
  | { kind: "configured"; source: ProviderSource; config: LlmConfig }
  | { kind: "none" }
  /** The store's key cannot be decrypted (the server secret changed): re-enter it in Settings. */
  | { kind: "broken"; reason: string };

export function providerFromSettings(settings: StoredLlmSettings): ResolvedProvider | null {
  if (!settings.model) return null;
  const env = getEnv();
  let apiKey = NO_KEY;
  if (settings.apiKeyEnc) {
    try {
      apiKey = decryptSecret(settings.apiKeyEnc, env.authSecret);
    } catch (err) {
      if (err instanceof SecretError)
        return { kind: "broken", reason: "The stored API key cannot be read with this server's secret." };
      throw err;
    }
  } else if (!settings.baseUrl) {
    // OpenAI's own endpoint without a key cannot work.
    return { kind: "broken", reason: "No API key is stored for OpenAI's endpoint." };
  }
  return {
    kind: "configured",
    source: "store",
    config: {
      apiKey,
      baseURL: settings.baseUrl ?? undefined,
      model: settings.model,
      timeoutMs: (settings.timeoutSeconds ?? env.LLM_TIMEOUT_MS / 1000) * 1000,
      maxRetries: env.LLM_MAX_RETRIES,
    },
  };
}

/** The store's provider from its settings, else the environment's, else none. */
export function resolveFromSettings(settings: StoredLlmSettings): ResolvedProvider {
  const fromStore = providerFromSettings(settings);
  if (fromStore) return fromStore;
  const env = llmConfigFromEnv();
  return env ? { kind: "configured", source: "environment", config: env } : { kind: "none" };
}

export async function resolveProvider(storeId: number): Promise<ResolvedProvider> {
  return resolveFromSettings(await getLlmSettings(storeId));
}

/**
 * A client whose every call is written to the store's call log (a failure to log is reported, not
 * fatal). `flush` waits for the records written so far.
 */
export function recordedClient(
  config: LlmConfig,
  storeId: number,
  userId: string | null,
): { client: LlmClient; flush: () => Promise<void> } {
  const pending = new Set<Promise<void>>();
  const client = createLlmClient(config, (call) => {
    const p = recordLlmCall(storeId, userId, call)
      .catch((err: unknown) => {
        console.error("[llm] could not record a call:", err instanceof Error ? err.message : err);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    client,
    flush: async () => {
      await Promise.all([...pending]);
    },
  };
}
