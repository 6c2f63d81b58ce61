// The real `openai` client against a local OpenAI-compatible server: plain and streamed replies, JSON,
// retries on 429 and 500, a slow first token, malformed JSON, a dropped stream (partial text kept),
// cancellation — and no request ever carries personal data.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLlmClient, LlmError, type LlmCallRecord } from "./client";
import { assertNoPersonalData, PersonalDataError } from "./privacy";
import { startTestServer, type TestServer } from "./testing/openai-test-server";

let server: TestServer;
let records: LlmCallRecord[];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.script.length = 0;
  server.requests.length = 0;
  records = [];
});

const client = (maxRetries = 2, timeoutMs = 5000) =>
  createLlmClient({ apiKey: "test-key", baseURL: server.baseURL, model: "test-model", timeoutMs, maxRetries }, (r) =>
    records.push(r),
  );
const ask = [{ role: "user" as const, content: "Write a line for loyal customers, 12 products, AOV ¥420." }];

describe("createLlmClient", () => {
  it("returns a plain completion and records the call without the prompt", async () => {
    server.script.push({ kind: "reply", text: "你好，感谢一路相伴！" });
    expect(await client().complete(ask, { purpose: "copy" })).toBe("你好，感谢一路相伴！");
    expect(server.requests[0]).toMatchObject({ model: "test-model", stream: false });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ purpose: "copy", model: "test-model", outcome: "ok" });
    expect(records[0]!.promptTokens).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain("loyal customers");
  });

  it("streams tokens exactly and times the first one", async () => {
    server.script.push({
      kind: "reply",
      text: "Come back for 20% off this week.",
      chunkSize: 4,
      firstTokenDelayMs: 150,
    });
    const parts: string[] = [];
    for await (const d of client().stream(ask, { purpose: "copy" })) parts.push(d);
    expect(parts.join("")).toBe("Come back for 20% off this week.");
    expect(parts.length).toBeGreaterThan(5);
    expect(records[0]!.firstTokenMs).toBeGreaterThanOrEqual(140);
    expect(records[0]!.completionTokens).toBeGreaterThan(0);
  });

  it("retries 429 and 500, then succeeds; gives up with a clear error after the retries", async () => {
    server.script.push(
      { kind: "status", status: 429, retryAfterSeconds: 0 },
      { kind: "status", status: 500 },
      { kind: "reply", text: "ok" },
    );
    expect(await client(2).complete(ask, { purpose: "copy" })).toBe("ok");
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    server.script.push(
      ...Array.from({ length: 3 }, () => ({ kind: "status" as const, status: 429 as const, retryAfterSeconds: 0 })),
    );
    await expect(client(2).complete(ask, { purpose: "copy" })).rejects.toMatchObject({ kind: "rate_limited" });
    expect(server.requests).toHaveLength(3);
    server.script.push({ kind: "status", status: 401 });
    await expect(client(0).complete(ask, { purpose: "copy" })).rejects.toMatchObject({ kind: "auth" });
    expect(records.at(-1)).toMatchObject({ outcome: "error", error: "auth" });
  });

  it("answers malformed JSON and a timeout clearly", async () => {
    server.script.push({ kind: "malformed" });
    await expect(client(0).complete(ask, { purpose: "copy" })).rejects.toBeInstanceOf(LlmError);
    server.script.push({ kind: "reply", text: "late", firstTokenDelayMs: 1500 });
    await expect(client(0, 1000).stream(ask, { purpose: "copy" }).next()).rejects.toMatchObject({ kind: "timeout" });
  });

  it("keeps the partial text of a stream that breaks off, and can be cancelled", async () => {
    server.script.push({ kind: "drop", after: "Dear valued customer, your" });
    const parts: string[] = [];
    let error: LlmError | null = null;
    try {
      for await (const d of client(0).stream(ask, { purpose: "copy" })) parts.push(d);
    } catch (err) {
      error = err as LlmError;
    }
    expect(error).toBeInstanceOf(LlmError);
    expect(error!.partial).toBe(parts.join(""));
    expect(parts.join("")).toBe("Dear valued customer, your");

    server.script.push({ kind: "reply", text: "never", firstTokenDelayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(client(0).complete(ask, { purpose: "copy", signal: controller.signal })).rejects.toMatchObject({
      kind: "aborted",
    });
    expect(records.at(-1)).toMatchObject({ outcome: "aborted" });
  });

  it("refuses to send personal data, and no request the server received carried any", async () => {
    const leaky = [{ role: "user" as const, content: "Write to jane.roe@example.com about her order" }];
    await expect(client().complete(leaky, { purpose: "copy" })).rejects.toBeInstanceOf(PersonalDataError);
    await expect(
      client().complete([{ role: "user", content: "Call 13812345678" }], { purpose: "copy" }),
    ).rejects.toThrow("the prompt contains a phone number");
    await expect(
      client().complete([{ role: "user", content: "For 张小三 only" }], {
        purpose: "copy",
        known: { values: ["张小三"] },
      }),
    ).rejects.toThrow("the prompt contains a customer's personal data");
    expect(server.requests).toHaveLength(0);
    // Aggregates pass: revenue figures, counts, prices, dates.
    expect(() =>
      assertNoPersonalData("Revenue ¥1234567.89 from 4,771 customers; 2026-11-11 sale, SKU-HOM-001 ¥299"),
    ).not.toThrow();
  });

  it("stops a stream that stalls after it began, with a timeout error that keeps the partial text", async () => {
    server.script.push({ kind: "stall", after: "半截的文案" });
    const got: string[] = [];
    const err = await (async () => {
      try {
        for await (const d of client(0, 300).stream([{ role: "user", content: "x" }], { purpose: "copy" })) got.push(d);
      } catch (e) {
        return e as LlmError;
      }
    })();
    expect(err).toBeInstanceOf(LlmError);
    expect(err?.kind).toBe("timeout");
    expect(err?.partial).toBe("半截的文案");
    expect(got.join("")).toBe("半截的文案");
  });
});
