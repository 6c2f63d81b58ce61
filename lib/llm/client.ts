import "server-only";
// The language-model client: the `openai` package pointed at any OpenAI-compatible server, with a
// timeout, retries with exponential backoff on 429 and 5xx (the client's own, honouring Retry-After),
// cancellation through an AbortSignal, and a privacy check on every request. Each call reports what
// happened — purpose, model, tokens, latency, outcome — to the caller's recorder, never the prompt.
import OpenAI from "openai";
import type { LlmConfig } from "./config";
import { assertNoPersonalData, type KnownPersonalData } from "./privacy";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type LlmCallRecord = {
  purpose: string;
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
  /** Time to the first streamed token (streaming calls). */
  firstTokenMs: number | null;
  outcome: "ok" | "error" | "aborted";
  error?: string;
};

export type CallOptions = {
  purpose: string;
  signal?: AbortSignal;
  /** Values that must not appear in the prompt (the customers in view, for example). */
  known?: KnownPersonalData;
  /** Ask for a JSON object (response_format json_object). */
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
};

export class LlmError extends Error {
  override name = "LlmError";
  constructor(
    message: string,
    readonly kind: "auth" | "rate_limited" | "unavailable" | "timeout" | "aborted" | "invalid_response",
    /** Text received before a stream broke off. */
    readonly partial = "",
  ) {
    super(message);
  }
}

function classify(err: unknown, partial = ""): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof OpenAI.APIUserAbortError) return new LlmError("The request was cancelled.", "aborted", partial);
  if (err instanceof OpenAI.APIConnectionTimeoutError)
    return new LlmError("The language model did not answer in time.", "timeout", partial);
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError)
    return new LlmError("The language model refused the API key.", "auth", partial);
  if (err instanceof OpenAI.RateLimitError)
    return new LlmError("The language model is rate-limiting requests; try again shortly.", "rate_limited", partial);
  if (err instanceof OpenAI.APIError || err instanceof OpenAI.APIConnectionError)
    return new LlmError(`The language model is unavailable: ${(err as Error).message}`, "unavailable", partial);
  if (err instanceof SyntaxError)
    return new LlmError("The language model sent an invalid response.", "invalid_response", partial);
  return new LlmError(`The language model call failed: ${(err as Error).message}`, "unavailable", partial);
}

export type LlmClient = {
  readonly model: string;
  complete(messages: ChatMessage[], options: CallOptions): Promise<string>;
  /** Streams text deltas; the full text is the concatenation. Throws LlmError with the partial text. */
  stream(messages: ChatMessage[], options: CallOptions): AsyncGenerator<string, void, void>;
};

export function createLlmClient(config: LlmConfig, record: (r: LlmCallRecord) => void = () => undefined): LlmClient {
  const openai = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  const check = (messages: ChatMessage[], options: CallOptions) => {
    for (const m of messages) assertNoPersonalData(m.content, options.known);
  };
  return {
    model: config.model,
    async complete(messages, options) {
      check(messages, options);
      const t0 = performance.now();
      try {
        const res = await openai.chat.completions.create(
          {
            model: config.model,
            messages,
            ...(options.json ? { response_format: { type: "json_object" as const } } : {}),
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
            ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
          },
          { signal: options.signal },
        );
        const text = res.choices[0]?.message.content;
        if (typeof text !== "string") throw new LlmError("The language model sent no text.", "invalid_response");
        record({
          purpose: options.purpose,
          model: config.model,
          promptTokens: res.usage?.prompt_tokens ?? null,
          completionTokens: res.usage?.completion_tokens ?? null,
          latencyMs: performance.now() - t0,
          firstTokenMs: null,
          outcome: "ok",
        });
        return text;
      } catch (err) {
        const e = classify(err);
        record({
          purpose: options.purpose,
          model: config.model,
          promptTokens: null,
          completionTokens: null,
          latencyMs: performance.now() - t0,
          firstTokenMs: null,
          outcome: e.kind === "aborted" ? "aborted" : "error",
          error: e.kind,
        });
        throw e;
      }
    },
    async *stream(messages, options) {
      check(messages, options);
      const t0 = performance.now();
      let first: number | null = null;
      let text = "";
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      // The client's timeout covers the wait for the response; a stream that stalls after it has
      // begun is stopped by an idle timer of the same length, keeping what arrived.
      const idle = new AbortController();
      let stalled = false;
      const onAbort = () => idle.abort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stalled = true;
          idle.abort();
        }, config.timeoutMs);
      };
      try {
        if (options.signal?.aborted) idle.abort();
        const stream = await openai.chat.completions.create(
          {
            model: config.model,
            messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
            ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
          },
          { signal: idle.signal },
        );
        arm();
        for await (const chunk of stream) {
          arm();
          if (chunk.usage) usage = chunk.usage;
          const delta = chunk.choices[0]?.delta.content;
          if (!delta) continue;
          if (first === null) first = performance.now() - t0;
          text += delta;
          yield delta;
        }
        // The SDK ends an aborted stream quietly; an abort is not a finished answer.
        if (idle.signal.aborted) throw new LlmError("The request was cancelled.", "aborted", text);
        record({
          purpose: options.purpose,
          model: config.model,
          promptTokens: usage?.prompt_tokens ?? null,
          completionTokens: usage?.completion_tokens ?? null,
          latencyMs: performance.now() - t0,
          firstTokenMs: first,
          outcome: "ok",
        });
      } catch (err) {
        const e = stalled
          ? new LlmError("The language model stopped sending in the middle of its answer.", "timeout", text)
          : classify(err, text);
        record({
          purpose: options.purpose,
          model: config.model,
          promptTokens: null,
          completionTokens: null,
          latencyMs: performance.now() - t0,
          firstTokenMs: first,
          outcome: e.kind === "aborted" ? "aborted" : "error",
          error: e.kind,
        });
        throw e;
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}
