// npm run bench:llm -- [--delay 200] [--runs 30] [--customers 2000]
//
// Time to first token that ShopLens adds over the provider's own: the local OpenAI-compatible test
// server answers every streamed request after a fixed delay; we time (a) a raw HTTP request to the
// first SSE content chunk, (b) lib/llm's client (privacy check, openai SDK, parsing) to its first
// delta, and (c) the campaign studio's engine (lib/pipeline/campaign.ts: the segment's aggregates, the
// catalogue, the brand voice and the campaign row read or written on an embedded database holding an
// analysed demo store, the prompt, then the client) to its first token event. We report the medians
// and the differences from (a) (goal ≤ 50 ms).
import http from "node:http";
import { z } from "zod";
import { installConnection } from "../lib/db/client";
import { saveLlmProvider } from "../lib/db/llm";
import { createRun } from "../lib/db/runs";
import { createTestDatabase } from "../lib/db/testing/scratch";
import { seedDemoData } from "../lib/demo/load";
import { createLlmClient } from "../lib/llm/client";
import { generateCopy } from "../lib/pipeline/campaign";
import { executeRun } from "../lib/pipeline/run";
import { generateRequestSchemaFor } from "../lib/validation/campaign";
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
    { delay: { type: "string" }, runs: { type: "string" }, customers: { type: "string" } },
    z.object({
      delay: z.coerce.number().int().min(0).max(10_000).default(200),
      runs: z.coerce.number().int().min(3).max(1000).default(30),
      customers: z.coerce.number().int().min(200).max(100_000).default(2000),
    }),
    "Usage: npm run bench:llm -- [--delay 200] [--runs 30] [--customers 2000]",
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
  // (c) The studio's engine on an analysed store.
  const db = await createTestDatabase("pglite", undefined);
  installConnection(db.conn);
  const store = await db.conn.prisma.store.create({
    data: { name: "Bench", slug: "bench", currency: "CNY", timezone: "Asia/Shanghai" },
  });
  await seedDemoData(db.conn.sql, {
    storeId: store.id,
    customers: flags.customers,
    seed: 1,
    asOf: new Date("2026-11-01T00:00:00Z"),
    currency: "CNY",
    timezone: "Asia/Shanghai",
    language: "zh",
  });
  const runId = await createRun(store.id, null, { kRange: [3, 6], nInit: 3 });
  const outcome = await executeRun(store.id, runId);
  if (outcome.status !== "succeeded") throw new Error(`the analysis failed: ${outcome.error}`);
  const user = await db.conn.prisma.user.create({ data: { id: "bench", name: "Bench", email: "bench@example.com" } });
  await saveLlmProvider(store.id, user.id, { baseUrl: server.baseURL, model: "m", timeoutSeconds: 30 });
  const ctx = {
    storeId: store.id,
    userId: user.id,
    storeName: "Bench",
    currency: "CNY",
    runId,
    label: (segment: number | null) => (segment === null ? "All" : `Segment ${segment + 1}`),
  };
  const request = generateRequestSchemaFor("2026-11-29").parse({
    segment: 0,
    goal: "win_back",
    channel: "sms",
    tone: "warm",
    language: "zh-CN",
    variants: 1,
    offer: { kind: "percent", value: 20, code: "BACK20", starts: "2026-11-29", ends: "2026-12-31" },
  });
  const studio: number[] = [];
  for (let i = 0; i < flags.runs + 3; i++) {
    const abort = new AbortController();
    const t0 = performance.now();
    const events = generateCopy(ctx, request, "bench", abort.signal);
    for await (const e of events) {
      if (e.type === "delta") {
        if (i >= 3) studio.push(performance.now() - t0);
        break;
      }
    }
    // Let the variant finish and be saved before the next one.
    await new Promise((r) => setTimeout(r, flags.delay + 100));
  }
  await server.close();
  installConnection(undefined);
  await db.drop();
  const overhead = median(ours) - median(raw);
  const studioOverhead = median(studio) - median(raw);
  console.log(
    JSON.stringify({
      providerDelayMs: flags.delay,
      runs: flags.runs,
      rawFirstTokenMs: Number(median(raw).toFixed(1)),
      clientFirstTokenMs: Number(median(ours).toFixed(1)),
      clientOverheadMs: Number(overhead.toFixed(1)),
      studioCustomers: flags.customers,
      studioFirstTokenMs: Number(median(studio).toFixed(1)),
      studioOverheadMs: Number(studioOverhead.toFixed(1)),
      goalMs: 50,
      withinGoal: overhead <= 50 && studioOverhead <= 50,
    }),
  );
});
