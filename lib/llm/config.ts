import "server-only";
// Which language model to talk to: any OpenAI-compatible server (OpenAI, DeepSeek, Qwen/DashScope's
// compatible mode, Moonshot, Ollama, vLLM) from OPENAI_API_KEY, OPENAI_BASE_URL and LLM_MODEL. Without a
// key there is no provider and ShopLens writes offline drafts from templates (and says so).
import { getEnv } from "../env";

export type LlmConfig = {
  apiKey: string;
  /** Undefined = OpenAI's own endpoint. */
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
  maxRetries: number;
};

export function llmConfigFromEnv(): LlmConfig | null {
  const env = getEnv();
  if (!env.OPENAI_API_KEY) return null;
  return {
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.LLM_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
  };
}
