// npm run bench:llm -- [--delay 200] [--runs 30]
//
// Time to first token that ShopLens adds over the provider's own: the local OpenAI-compatible test
// server answers every streamed request after a fixed delay; we time (a) a raw HTTP request to the
// first SSE content chunk and (b) lib/llm's client (privacy check, openai SDK, parsing) to its first
// delta, and report the medians and their difference (goal ≤ 50 ms).
import http from "node:http";
import { z } from "zod";
import { createLlmClient } from "../lib/llm/client";
import { startTestServer } from "../lib/llm/testing/openai-test-server";
import { parseFlags, runScript } from "./cli";

function rawFirstChunk(baseURL: string): Promise<number> {
  const body = JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "Hello" }] });
  const url = new URL(`${baseURL}/chat/completions`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let seen = "";
        res.on("data", (c: Buffer) => {
          seen += c.toString("utf8");
          // The first chunk with text (the role-only opening chunk has an empty content).
          if (/"content":"[^"]/.test(seen)) {
            resolve(performance.now() - t0);
            res.destroy();
          }
        });
        res.on("error", () => undefined);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { delay: { type: "string" }, runs: { type: "string" } },
    z.object({
      delay: z.coerce.number().int().min(0).max(10_000).default(200),
      runs: z.coerce.number().int().min(3).max(1000).default(30),
    }),
    "Usage: npm run bench:llm -- [--delay 200] [--runs 30]",
  );
  const server = await startTestServer({
    kind: "reply",
    text: "Welcome back: 20% off this week.",
    firstTokenDelayMs: flags.delay,
  });
  const client = createLlmClient({
    apiKey: "k",
    baseURL: server.baseURL,
    model: "m",
    timeoutMs: 30_000,
    maxRetries: 0,
  });
  const raw: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < flags.runs + 3; i++) {
    const r = await rawFirstChunk(server.baseURL);
    const t0 = performance.now();
    const it = client.stream([{ role: "user", content: "Write a win-back line for loyal customers." }], {
      purpose: "bench",
    });
    await it.next();
    const o = performance.now() - t0;
    await it.return(undefined);
    if (i >= 3) {
      raw.push(r);
      ours.push(o);
    }
  }
  await server.close();
  const overhead = median(ours) - median(raw);
  console.log(
    JSON.stringify({
      providerDelayMs: flags.delay,
      runs: flags.runs,
      rawFirstTokenMs: Number(median(raw).toFixed(1)),
      shoplensFirstTokenMs: Number(median(ours).toFixed(1)),
      overheadMs: Number(overhead.toFixed(1)),
      goalMs: 50,
      withinGoal: overhead <= 50,
    }),
  );
});
