// The campaign studio and the language-model settings end to end, as an operator (or an attacker)
// would reach them: real sessions, real databases, the real `openai` client against a local
// OpenAI-compatible server, the real streaming route. Every request the server receives is checked
// for the store's customers' personal data.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { installConnection } from "../db/client";
import { testDatabaseKinds, useTestDatabase } from "../db/testing/databases";
import { createStore } from "../db/stores";
import { upsertMembership, upsertUserWithPassword } from "../db/users";
import { seedDemoData } from "../demo/load";
import { resetEnvCache } from "../env";
import { assertNoPersonalData } from "../llm/privacy";
import { personaReply, startTestServer, type Scripted, type TestServer } from "../llm/testing/openai-test-server";
import type { StudioEvent } from "../pipeline/campaign";

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: request.cookie }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// Export headers come from the message files through next-intl; here the key stands in for the text.
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("react", async (original) => ({ ...(await original<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const PASSWORD = "correct horse battery";
const ORIGIN = "http://localhost:3000";

const SMS_OK = "BODY:\n【鲜选】好久不见，回来看看新品吧。回T退订";
const SMS_LONG = `BODY:\n【鲜选】${"好久不见，想念您，".repeat(12)}回来看看吧。回T退订`;

async function readEvents(res: Response): Promise<StudioEvent[]> {
  const text = await res.text();
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StudioEvent);
}

describe.each(testDatabaseKinds())("campaign studio on %s", (kind) => {
  const db = useTestDatabase(kind);
  let server: TestServer;
  let storeA = 0;
  let storeB = 0;
  let known: string[] = [];
  let personaCount = 0;

  async function as(email: string): Promise<void> {
    const { getAuth } = await import("../auth/auth");
    const res = await (
      await getAuth()
    ).handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: ORIGIN,
          "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}`,
        },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    );
    expect(res.status).toBe(200);
    request.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  async function post(body: unknown): Promise<Response> {
    const { POST } = await import("@/app/api/campaigns/generate/route");
    return POST(
      new Request(`${ORIGIN}/api/campaigns/generate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  }

  const baseRequest = (over: Record<string, unknown> = {}) => ({
    segment: 0,
    goal: "win_back",
    channel: "sms",
    tone: "warm",
    language: "zh-CN",
    variants: 3,
    offer: { kind: "percent", value: 20, code: "BACK20", starts: "2026-11-20", ends: "2026-12-31" },
    ...over,
  });

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-29T08:00:00Z") });
    process.env.AUTH_SECRET = "test-secret-test-secret-test-secret-42";
    process.env.LLM_MAX_RETRIES = "1";
    delete process.env.OPENAI_API_KEY;
    resetEnvCache();
    installConnection(db());
    server = await startTestServer();
    server.handler = (req) => {
      const system = req.messages[0]?.content ?? "";
      if (system.includes("you write a persona"))
        return { kind: "reply", text: personaReply(personaCount++, { zh: "实用派", en: "Practical " }) };
      return { kind: "reply", text: SMS_OK };
    };
    const a = await createStore({ name: "鲜选", slug: "a", currency: "CNY", timezone: "Asia/Shanghai" });
    const b = await createStore({ name: "B", slug: "b", currency: "USD", timezone: "UTC" });
    storeA = a.id;
    storeB = b.id;
    await seedDemoData(db().sql, {
      storeId: storeA,
      customers: 300,
      seed: 5,
      asOf: new Date("2026-11-01T00:00:00Z"),
      currency: "CNY",
      timezone: "Asia/Shanghai",
      language: "zh",
    });
    const prisma = db().prisma;
    const customers = await prisma.customer.findMany({ where: { storeId: storeA } });
    known = customers.flatMap((c) =>
      [c.name, c.email, c.phone, c.externalId].filter((v): v is string => !!v && v.length >= 4),
    );
    const orders = await prisma.order.findMany({ where: { storeId: storeA }, select: { externalId: true } });
    known.push(...orders.map((o) => o.externalId).filter((v) => v.length >= 6));
    for (const [email, store, role] of [
      ["owner-a@test.dev", storeA, "owner"],
      ["marketer-a@test.dev", storeA, "marketer"],
      ["viewer-a@test.dev", storeA, "viewer"],
      ["owner-b@test.dev", storeB, "owner"],
    ] as const) {
      const u = await upsertUserWithPassword({ email, name: email.split("@")[0] as string, password: PASSWORD });
      await upsertMembership(u.id, store, role);
    }
  });

  afterAll(async () => {
    vi.useRealTimers();
    await server.close();
    installConnection(undefined);
    vi.resetModules();
  });

  beforeEach(() => {
    request.cookie = "";
    server.script.length = 0;
  });

  /** No request the provider ever received carried a customer's personal data. */
  function expectNoPersonalData() {
    expect(server.requests.length).toBeGreaterThan(0);
    for (const r of server.requests)
      for (const m of r.messages) expect(() => assertNoPersonalData(m.content, { values: known })).not.toThrow();
  }

  it("keeps the provider owner-only, stores the key encrypted and shows it masked, and tests the connection", async () => {
    const { saveLlmProvider, testLlmConnection } = await import("./llm-settings");
    await as("marketer-a@test.dev");
    expect(await saveLlmProvider({ baseURL: server.baseURL, model: "m" })).toEqual({ ok: false, error: "forbidden" });
    await as("owner-a@test.dev");
    expect(await saveLlmProvider({ baseURL: "ftp://x", model: "m" })).toMatchObject({ ok: false, error: "invalid" });
    expect(
      await saveLlmProvider({ baseURL: server.baseURL, model: "test-model", apiKey: "sk-test-abcdef123456" }),
    ).toEqual({
      ok: true,
      data: undefined,
    });
    const row = await db().prisma.llmSettings.findUniqueOrThrow({ where: { storeId: storeA } });
    expect(row.apiKeyEnc).toBeTruthy();
    expect(row.apiKeyEnc).not.toContain("abcdef123456");
    // Saving again without a key keeps the stored one.
    expect(await saveLlmProvider({ baseURL: server.baseURL, model: "test-model", timeoutSeconds: 10 })).toMatchObject({
      ok: true,
    });
    expect((await db().prisma.llmSettings.findUniqueOrThrow({ where: { storeId: storeA } })).apiKeyEnc).toBe(
      row.apiKeyEnc,
    );
    server.script.push({ kind: "reply", text: "OK" });
    const test = await testLlmConnection();
    expect(test).toMatchObject({ ok: true, data: { model: "test-model", reply: "OK" } });
    server.script.push({ kind: "status", status: 401 });
    expect(await testLlmConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^auth:/) });
    // Store B has no provider of its own, and A's is out of its reach.
    await as("owner-b@test.dev");
    expect(await testLlmConnection()).toMatchObject({ ok: false, error: "not-found" });
  });

  it("writes AI persona names in the pipeline from aggregates only, and records every call", async () => {
    const { executeRun } = await import("../pipeline/run");
    const { createRun } = await import("../db/runs");
    const runId = await createRun(storeA, null, { kRange: [2, 5], nInit: 3 });
    const before = server.requests.length;
    const outcome = await executeRun(storeA, runId);
    expect(outcome).toEqual({ status: "succeeded" });
    const segments = await db().prisma.runSegment.findMany({
      where: { storeId: storeA, runId },
      orderBy: { segment: "asc" },
    });
    const named = segments.filter((s) => s.segment >= 0);
    expect(named.length).toBeGreaterThan(1);
    for (const s of named) {
      const ai = s.aiText as { model: string; "zh-CN": { name: string; strategies: unknown[] }; en: { name: string } };
      expect(ai.model).toBe("test-model");
      expect(ai["zh-CN"].name).toMatch(/^实用派[A-P]$/);
      expect(ai["zh-CN"].strategies).toHaveLength(3);
    }
    const run = await db().prisma.pipelineRun.findUniqueOrThrow({
      where: { storeId_id: { storeId: storeA, id: runId } },
    });
    expect((run.summary as { personas: unknown }).personas).toEqual({
      source: "llm",
      model: "test-model",
      written: named.length,
      failed: [],
    });
    const personaRequests = server.requests.slice(before);
    expect(personaRequests).toHaveLength(named.length);
    // The prompt carries the segment's figures.
    expect(personaRequests[0]!.messages[1]!.content).toMatch(/customers/i);
    expectNoPersonalData();
    const calls = await db().prisma.llmCall.findMany({ where: { storeId: storeA, purpose: "persona" } });
    expect(calls).toHaveLength(named.length);
    expect(calls.every((c) => c.outcome === "ok" && c.promptTokens! > 0 && c.model === "test-model")).toBe(true);
  });

  it("streams variants, keeps each as a draft, trims what is too long and says so, and passes the guardrails", async () => {
    await as("marketer-a@test.dev");
    server.script.push(
      { kind: "reply", text: SMS_OK, firstTokenDelayMs: 30 },
      { kind: "reply", text: SMS_LONG },
      { kind: "reply", text: "BODY:\n【鲜选】全场立减50%！回T退订" },
    );
    const before = server.requests.length;
    const res = await post(baseRequest());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/ndjson/);
    const events = await readEvents(res);
    expect(events[0]).toMatchObject({ type: "start", mode: "llm", model: "test-model", variants: [0, 1, 2] });
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(3);
    expect(events.at(-1)).toEqual({ type: "done" });
    const drafts = events.filter((e) => e.type === "draft").map((e) => e.draft);
    expect(drafts.map((d) => d.variant).sort()).toEqual([0, 1, 2]);
    // The three replies reach the variants in whichever order the requests arrive.
    const clean = drafts.filter((d) => d.problems.length === 0 && d.trimmed.length === 0);
    const trimmed = drafts.filter((d) => d.trimmed.length > 0);
    const flagged = drafts.filter((d) => d.problems.length > 0);
    expect([clean.length, trimmed.length, flagged.length]).toEqual([1, 1, 1]);
    expect(clean[0]).toMatchObject({ status: "complete", source: "llm" });
    // Too long for one SMS part: trimmed at a sentence boundary, the footer kept, and the trim recorded.
    const long = trimmed[0]!;
    expect(long.parts.body.length).toBeLessThanOrEqual(70);
    expect(long.parts.body.endsWith("回T退订")).toBe(true);
    expect(long.problems).toEqual([]);
    expect(long.trimmed).toEqual([{ field: "body", from: expect.any(Number), to: long.parts.body.length }]);
    expect(long.trimmed[0]!.from).toBeGreaterThan(70);
    // A discount the operator did not give is flagged.
    expect(flagged[0]!.problems).toEqual([{ code: "unsupplied_number", value: "50" }]);
    // All three prompts carried the offer verbatim and the segment's figures, and no personal data.
    const prompts = server.requests.slice(before);
    expect(prompts).toHaveLength(3);
    for (const p of prompts) expect(p.messages.map((m) => m.content).join("\n")).toContain("BACK20");
    expectNoPersonalData();
    const rows = await db().prisma.campaignDraft.findMany({ where: { storeId: storeA } });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.campaignId)).size).toBe(1);
    const calls = await db().prisma.llmCall.findMany({ where: { storeId: storeA, purpose: "campaign_copy" } });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.firstTokenMs !== null && c.outcome === "ok")).toBe(true);
  });

  it("keeps a draft that broke off mid-stream or stalled, marked partial; reports a 429 storm, a 500, a bad key and a provider that is down", async () => {
    await as("marketer-a@test.dev");
    const storm: Scripted[] = [
      { kind: "status", status: 429, retryAfterSeconds: 0 },
      { kind: "status", status: 429, retryAfterSeconds: 0 },
    ];
    server.script.push({ kind: "drop", after: "BODY:\n【鲜选】好久不见" }, ...storm);
    const events = await readEvents(await post(baseRequest({ variants: 2 })));
    const drafts = events.filter((e) => e.type === "draft").map((e) => e.draft);
    const errors = events.filter((e) => e.type === "variant-error");
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: "partial", error: "unavailable", parts: { body: "【鲜选】好久不见" } });
    // The partial draft lacks the footer; the guardrail says so instead of hiding it.
    expect(drafts[0]!.problems).toContainEqual({ code: "missing_opt_out", footer: "回T退订" });
    expect(errors.map((e) => e.kind).sort()).toEqual(["rate_limited", "unavailable"]);

    server.script.push({ kind: "status", status: 500 }, { kind: "status", status: 500 });
    const e500 = await readEvents(await post(baseRequest({ variants: 1 })));
    expect(e500.find((e) => e.type === "variant-error")).toMatchObject({ kind: "unavailable" });

    server.script.push({ kind: "status", status: 401 });
    const e401 = await readEvents(await post(baseRequest({ variants: 1 })));
    expect(e401.find((e) => e.type === "variant-error")).toMatchObject({ kind: "auth" });
    expect(e401.some((e) => e.type === "draft")).toBe(false);

    // The provider is down (nothing listens): said per variant, recorded, nothing half-saved.
    const { saveLlmProvider } = await import("./llm-settings");
    await as("owner-a@test.dev");
    await saveLlmProvider({ baseURL: "http://127.0.0.1:9/v1", model: "test-model", timeoutSeconds: 5 });
    await as("marketer-a@test.dev");
    const down = await readEvents(await post(baseRequest({ variants: 1 })));
    expect(down.find((e) => e.type === "variant-error")).toMatchObject({
      kind: "unavailable",
      message: expect.stringMatching(/unavailable/),
    });
    expect(down.some((e) => e.type === "draft")).toBe(false);
    const failed = await db().prisma.llmCall.findMany({
      where: { storeId: storeA, purpose: "campaign_copy", outcome: "error" },
    });
    expect(failed.map((c) => c.error).sort()).toEqual([
      "auth",
      "rate_limited",
      "unavailable",
      "unavailable",
      "unavailable",
    ]);
  }, 30_000);

  it("stops a stalled stream at the store's timeout and keeps what arrived", async () => {
    await as("owner-a@test.dev");
    const { saveLlmProvider } = await import("./llm-settings");
    await saveLlmProvider({ baseURL: server.baseURL, model: "test-model", timeoutSeconds: 5 });
    await as("marketer-a@test.dev");
    server.script.push({ kind: "stall", after: "BODY:\n【鲜选】新品到了" });
    const events = await readEvents(await post(baseRequest({ variants: 1 })));
    const draft = events.find((e) => e.type === "draft");
    expect(draft && draft.type === "draft" && draft.draft).toMatchObject({
      status: "partial",
      error: "timeout",
      parts: { body: "【鲜选】新品到了" },
    });
  }, 20_000);

  it("refuses bad input with a specific message before any model call", async () => {
    await as("marketer-a@test.dev");
    const before = server.requests.length;
    const bad = async (over: Record<string, unknown>) => {
      const res = await post(baseRequest(over));
      return { status: res.status, body: (await res.json()) as { error: string; message: string } };
    };
    expect(
      await bad({ offer: { kind: "percent", value: 20, starts: "2026-12-10", ends: "2026-12-01" } }),
    ).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/ends .*before it starts|before the start/i) },
    });
    expect(await bad({ offer: { kind: "percent", value: 20, ends: "2026-02-30" } })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("2026-02-30") },
    });
    expect(await bad({ offer: { kind: "percent", value: 20, ends: "2026-10-01" } })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("2026-10-01") },
    });
    expect(await bad({ segment: 42 })).toMatchObject({ status: 404, body: { error: "segment_not_found" } });
    // A product of another store is not one of this store's products.
    const otherProduct = await db().prisma.product.create({
      data: { storeId: storeB, sku: "B-1", title: "B thing", category: "x", priceMinor: 100 },
    });
    expect(await bad({ productIds: [otherProduct.id] })).toMatchObject({
      status: 422,
      body: { error: "unknown_products" },
    });
    expect(server.requests.length).toBe(before);
  });

  it("answers an empty segment clearly", async () => {
    await as("marketer-a@test.dev");
    const store = await db().prisma.store.findUniqueOrThrow({ where: { id: storeA } });
    await db().sql.query("UPDATE run_segment SET size = 0 WHERE store_id = $1 AND run_id = $2 AND segment = 1", [
      storeA,
      store.currentRunId,
    ]);
    await db().sql.query("UPDATE run_customer SET segment = 0 WHERE store_id = $1 AND run_id = $2 AND segment = 1", [
      storeA,
      store.currentRunId,
    ]);
    const res = await post(baseRequest({ segment: 1 }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: "empty_segment",
      message: "Segment 2 has no customers in the current analysis.",
    });
  });

  it("translates a draft, saves an edit with who and when, and re-checks it", async () => {
    const { loadCampaign, saveDraftEdit } = await import("./campaigns");
    const { saveBrandVoice } = await import("./llm-settings");
    await as("viewer-a@test.dev");
    expect(await saveBrandVoice({ description: "x", wordsToUse: [], wordsToAvoid: [] })).toEqual({
      ok: false,
      error: "forbidden",
    });
    await as("marketer-a@test.dev");
    expect(
      await saveBrandVoice({ description: "温暖、真诚", wordsToUse: "好物", wordsToAvoid: "最便宜, 秒杀" }),
    ).toEqual({
      ok: true,
      data: undefined,
    });
    const first = await readEvents(await post(baseRequest({ variants: 1 })));
    const draft = first.find((e) => e.type === "draft");
    if (!draft || draft.type !== "draft") throw new Error("no draft");
    // The brand voice travels with the prompt.
    expect(
      server.requests
        .at(-1)!
        .messages.map((m) => m.content)
        .join("\n"),
    ).toContain("秒杀");
    server.script.push({
      kind: "reply",
      text: "BODY:\nXianxuan: We miss you - come back and see what's new. Reply STOP to opt out",
    });
    const translated = await readEvents(await post({ translate: { draftId: draft.draft.id, to: "en" } }));
    const t = translated.find((e) => e.type === "draft");
    expect(t && t.type === "draft" && t.draft).toMatchObject({
      source: "translation",
      language: "en",
      translatedFromId: draft.draft.id,
      problems: [],
    });
    expect(server.requests.at(-1)!.messages[0]!.content).toMatch(/translate/i);

    const edited = await saveDraftEdit({ draftId: draft.draft.id, body: "【鲜选】秒杀开始！回T退订" });
    expect(edited).toMatchObject({
      ok: true,
      data: {
        parts: { body: "【鲜选】秒杀开始！回T退订" },
        editedBy: "marketer-a",
        problems: [{ code: "banned_word", word: "秒杀" }],
      },
    });
    const loaded = await loadCampaign((first[0] as { campaignId: number }).campaignId);
    expect(loaded.ok && loaded.data.drafts.map((d) => d.source).sort()).toEqual(["llm", "translation"]);
  });

  it("writes offline drafts, plainly marked, when no provider is configured", async () => {
    const { removeLlmProvider } = await import("./llm-settings");
    await as("owner-a@test.dev");
    expect(await removeLlmProvider()).toEqual({ ok: true, data: undefined });
    await as("marketer-a@test.dev");
    const before = server.requests.length;
    for (const language of ["zh-CN", "en"] as const) {
      const events = await readEvents(await post(baseRequest({ language, channel: "push" })));
      expect(events[0]).toMatchObject({ type: "start", mode: "offline", model: null });
      const drafts = events.filter((e) => e.type === "draft").map((e) => e.draft);
      expect(drafts).toHaveLength(3);
      for (const d of drafts) {
        expect(d).toMatchObject({ source: "offline", status: "complete", problems: [], language });
        expect(d.parts.body).toContain(language === "zh-CN" ? "立减20%" : "20% off");
      }
    }
    expect(server.requests.length).toBe(before);
  });

  it("keeps one store's campaigns, drafts and exports out of another store's reach", async () => {
    const { loadCampaign, saveDraftEdit, renameCampaign } = await import("./campaigns");
    const { GET } = await import("@/app/api/campaigns/[id]/export/route");
    const aDraft = await db().prisma.campaignDraft.findFirstOrThrow({ where: { storeId: storeA } });
    const exportOf = (id: number) =>
      GET(new Request(`${ORIGIN}/api/campaigns/${id}/export`), { params: Promise.resolve({ id: String(id) }) });
    await as("marketer-a@test.dev");
    const csv = await exportOf(aDraft.campaignId);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toContain("body");
    expect(text).toContain("回T退订");

    await as("owner-b@test.dev");
    expect(await loadCampaign(aDraft.campaignId)).toEqual({ ok: false, error: "not-found" });
    expect(await saveDraftEdit({ draftId: aDraft.id, body: "hijack" })).toEqual({ ok: false, error: "not-found" });
    expect(await renameCampaign({ campaignId: aDraft.campaignId, name: "x" })).toEqual({
      ok: false,
      error: "not-found",
    });
    expect((await exportOf(aDraft.campaignId)).status).toBe(404);
    const res = await post({ ...baseRequest({ segment: null }), campaignId: aDraft.campaignId });
    expect(res.status).toBe(404);
    expect((await post({ translate: { draftId: aDraft.id, to: "en" } })).status).toBe(404);
    expect(
      (await db().prisma.campaignDraft.findUniqueOrThrow({ where: { storeId_id: { storeId: storeA, id: aDraft.id } } }))
        .body,
    ).not.toBe("hijack");

    await as("viewer-a@test.dev");
    expect((await post(baseRequest())).status).toBe(403);
    request.cookie = "";
    expect((await post(baseRequest())).status).toBe(401);
  });
});
