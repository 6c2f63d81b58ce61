// A local OpenAI-compatible HTTP server for tests: POST /v1/chat/completions, streamed (SSE) or not,
// scripted per request — a reply, a JSON reply, 429 (then whatever comes next), 500, a slow first
// token, malformed JSON, or a connection dropped mid-stream. Every request body is kept, so tests can
// check what ShopLens sends (privacy) and how often (retries).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Scripted =
  | { kind: "reply"; text: string; firstTokenDelayMs?: number; chunkSize?: number }
  | { kind: "status"; status: 429 | 500 | 401 | 503; retryAfterSeconds?: number }
  | { kind: "malformed" }
  | { kind: "drop"; after: string }
  /** Sends `after`, then nothing more and never ends (a provider that stalls mid-stream). */
  | { kind: "stall"; after: string };

export type TestServer = {
  baseURL: string;
  /** Bodies of the requests received, in order. */
  requests: { model: string; stream: boolean; messages: { role: string; content: string }[] }[];
  /** Replies for the next requests (FIFO); when empty, `handler`, then the default reply, is used. */
  script: Scripted[];
  /** Chooses a reply from the request (e.g. by its system prompt); undefined falls through. */
  handler?: (request: TestServer["requests"][number]) => Scripted | undefined;
  close(): Promise<void>;
};

const usage = (prompt: string, completion: string) => ({
  prompt_tokens: Math.ceil(prompt.length / 4),
  completion_tokens: Math.ceil(completion.length / 4),
  total_tokens: Math.ceil(prompt.length / 4) + Math.ceil(completion.length / 4),
});

export async function startTestServer(defaultReply: Scripted = { kind: "reply", text: "OK" }): Promise<TestServer> {
  const state: Omit<TestServer, "baseURL" | "close"> = { requests: [], script: [] };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body) as TestServer["requests"][number];
      state.requests.push({ model: parsed.model, stream: Boolean(parsed.stream), messages: parsed.messages });
      const step = state.script.shift() ?? state.handler?.(state.requests[state.requests.length - 1]!) ?? defaultReply;
      const prompt = parsed.messages.map((m) => m.content).join("\n");
      if (step.kind === "status") {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (step.retryAfterSeconds !== undefined) headers["retry-after"] = String(step.retryAfterSeconds);
        res
          .writeHead(step.status, headers)
          .end(JSON.stringify({ error: { message: `scripted ${step.status}`, type: "test" } }));
        return;
      }
      if (step.kind === "malformed") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"id": "x", "choices": [');
        return;
      }
      const text = step.kind === "reply" ? step.text : step.after;
      if (step.kind === "stall" && !parsed.stream) return; // never answers
      const delay = step.kind === "reply" ? (step.firstTokenDelayMs ?? 0) : 0;
      if (!parsed.stream) {
        if (step.kind === "drop") {
          res.socket?.destroy();
          return;
        }
        const reply = () =>
          res.writeHead(200, { "content-type": "application/json" }).end(
            JSON.stringify({
              id: "chatcmpl-test",
              object: "chat.completion",
              created: 0,
              model: parsed.model,
              choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
              usage: usage(prompt, text),
            }),
          );
        if (delay > 0) setTimeout(reply, delay);
        else reply();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const size = step.kind === "reply" ? (step.chunkSize ?? 3) : 3;
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size),
      );
      const send = (delta: Record<string, unknown>, finish: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model: parsed.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
        );
      const run = () => {
        send({ role: "assistant", content: "" });
        for (const c of chunks) send({ content: c });
        if (step.kind === "stall") return;
        if (step.kind === "drop") {
          // Let the chunks reach the client, then cut the connection without finishing the stream.
          setTimeout(() => res.socket?.destroy(), 50);
          return;
        }
        send({}, "stop");
        res.write(
          `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model: parsed.model, choices: [], usage: usage(prompt, text) })}\n\n`,
        );
        res.end("data: [DONE]\n\n");
      };
      if (delay > 0) setTimeout(run, delay);
      else run();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * A valid persona answer (lib/llm/persona.ts schema) whose names end in a letter per call, so names
 * differ, and with no figures for the number check to object to.
 */
export function personaReply(n: number, prefix: { zh: string; en: string }): string {
  const l = "ABCDEFGHIJKLMNOP"[n % 16];
  const lang = (zh: boolean) => ({
    name: zh ? `${prefix.zh}${l}` : `${prefix.en}${l}`,
    description: zh ? "看重性价比，常在大促时下单。" : "Value-minded shoppers who stock up in big sales.",
    strategies: [
      {
        title: zh ? "大促提前锁客" : "Early access to the sale",
        goal: "festival_sale",
        channel: "push",
        rationale: zh ? "订单多在节日期间。" : "Most of their orders fall in festivals.",
      },
      {
        title: zh ? "沉睡召回" : "Wake the sleepers",
        goal: "win_back",
        channel: "sms",
        rationale: zh ? "一段时间未下单。" : "They have gone quiet for a while.",
      },
      {
        title: zh ? "搭配加购" : "Bundle upsell",
        goal: "upsell",
        channel: "email",
        rationale: zh ? "推荐常一起买的商品。" : "Suggest what is bought together.",
      },
    ],
  });
  return JSON.stringify({ "zh-CN": lang(true), en: lang(false) });
}
