// Server actions as an attacker would call them: real Better Auth sessions (signed in through the auth
// handler, so with the real cookie), real databases; only Next's request context is stood in for.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { installConnection } from "../db/client";
import { testDatabaseKinds, useTestDatabase } from "../db/testing/databases";
import { createStore } from "../db/stores";
import { upsertMembership, upsertUserWithPassword } from "../db/users";
import { resetEnvCache } from "../env";

const request = vi.hoisted(() => ({ cookie: "", ip: "192.0.2.1" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: request.cookie, "x-forwarded-for": request.ip }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("react", async (original) => ({ ...(await original<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const PASSWORD = "correct horse battery";
const ORIGIN = "http://localhost:3000";

describe.each(testDatabaseKinds())("actions and auth on %s", (kind) => {
  const db = useTestDatabase(kind);
  let storeA = 0;
  let storeB = 0;
  let customerA = 0;
  let customerB = 0;

  async function signIn(email: string, password = PASSWORD, ip = "192.0.2.1"): Promise<Response> {
    const { getAuth } = await import("../auth/auth");
    const auth = await getAuth();
    return auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip },
        body: JSON.stringify({ email, password }),
      }),
    );
  }

  let nextIp = 10;
  async function as(email: string): Promise<void> {
    const res = await signIn(email, PASSWORD, `192.0.2.${nextIp++}`);
    expect(res.status).toBe(200);
    request.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  beforeAll(async () => {
    process.env.AUTH_SECRET = "test-secret-test-secret-test-secret-42";
    process.env.LOGIN_RATE_LIMIT_MAX = "3";
    resetEnvCache();
    installConnection(db());
    const a = await createStore({ name: "A", slug: "a", currency: "CNY", timezone: "Asia/Shanghai" });
    const b = await createStore({ name: "B", slug: "b", currency: "USD", timezone: "UTC" });
    storeA = a.id;
    storeB = b.id;
    const prisma = db().prisma;
    customerA = (
      await prisma.customer.create({
        data: {
          storeId: storeA,
          externalId: "A1",
          name: "张小三",
          email: "zs@example.com",
          phone: "13812345678",
          signupAt: new Date(),
        },
      })
    ).id;
    customerB = (
      await prisma.customer.create({
        data: { storeId: storeB, externalId: "B1", name: "Jane Roe", email: "jr@example.com", signupAt: new Date() },
      })
    ).id;
    const ownerA = await upsertUserWithPassword({ email: "owner-a@test.dev", name: "Owner A", password: PASSWORD });
    const ownerB = await upsertUserWithPassword({ email: "owner-b@test.dev", name: "Owner B", password: PASSWORD });
    const viewerA = await upsertUserWithPassword({ email: "viewer-a@test.dev", name: "Viewer A", password: PASSWORD });
    await upsertMembership(ownerA.id, storeA, "owner");
    await upsertMembership(ownerB.id, storeB, "owner");
    await upsertMembership(viewerA.id, storeA, "viewer");
  });

  afterAll(() => {
    installConnection(undefined);
    vi.resetModules();
  });

  beforeEach(() => {
    request.cookie = "";
  });

  it("refuses a wrong password and creates no session", async () => {
    const res = await signIn("owner-a@test.dev", "wrong password", "192.0.2.50");
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  it("rate-limits sign-in per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn("owner-a@test.dev", `wrong-${i}`, "192.0.2.99")).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // even the right password is refused until the window passes
    expect((await signIn("owner-a@test.dev", PASSWORD, "192.0.2.99")).status).toBe(429);
    // another address is unaffected
    expect((await signIn("owner-a@test.dev", PASSWORD, "192.0.2.100")).status).toBe(200);
  });

  it("starts a session in the user's store and reveals contact details to its owner, with an audit entry", async () => {
    const { revealCustomerContact } = await import("./customers");
    await as("owner-a@test.dev");
    const result = await revealCustomerContact({ customerId: customerA });
    expect(result).toEqual({ ok: true, data: { name: "张小三", email: "zs@example.com", phone: "13812345678" } });
    const audit = await db().prisma.auditLog.findMany({ where: { storeId: storeA } });
    expect(audit.map((a) => [a.action, a.target])).toEqual([["customer.reveal_contact", `customer:${customerA}`]]);
  });

  it("answers another store's customer id exactly like a missing one", async () => {
    const { revealCustomerContact } = await import("./customers");
    await as("owner-b@test.dev");
    expect(await revealCustomerContact({ customerId: customerA })).toEqual({ ok: false, error: "not-found" });
    expect(await revealCustomerContact({ customerId: 987654 })).toEqual({ ok: false, error: "not-found" });
    expect(await revealCustomerContact({ customerId: customerB })).toMatchObject({ ok: true });
    expect(
      await db().prisma.auditLog.count({
        where: { storeId: storeA, target: `customer:${customerA}`, user: { email: "owner-b@test.dev" } },
      }),
    ).toBe(0);
  });

  it("refuses by role, by session and by input", async () => {
    const { revealCustomerContact } = await import("./customers");
    expect(await revealCustomerContact({ customerId: customerA })).toEqual({ ok: false, error: "unauthenticated" });
    await as("viewer-a@test.dev");
    expect(await revealCustomerContact({ customerId: customerA })).toEqual({ ok: false, error: "forbidden" });
    expect(await revealCustomerContact({ customerId: "1 OR 1=1" })).toEqual({ ok: false, error: "invalid" });
    request.cookie = "better-auth.session_token=forged.value";
    expect(await revealCustomerContact({ customerId: customerA })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("treats an expired session as signed out", async () => {
    const { revealCustomerContact } = await import("./customers");
    const { getSessionState } = await import("../auth/session");
    await as("owner-a@test.dev");
    expect((await getSessionState()).status).toBe("ok");
    const token = decodeURIComponent(request.cookie.split("=")[1] ?? "").split(".")[0]!;
    await db().prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getSessionState()).status).toBe("signed-out");
    expect(await revealCustomerContact({ customerId: customerA })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("lets only owners and analysts start an analysis, and only of their own store", async () => {
    const { startPipelineRun, cancelPipelineRun } = await import("./pipeline");
    await as("viewer-a@test.dev");
    expect(await startPipelineRun({})).toEqual({ ok: false, error: "forbidden" });
    await as("owner-a@test.dev");
    expect(await startPipelineRun({ k: 99 })).toMatchObject({
      ok: false,
      error: "invalid",
      message: expect.stringMatching(/k must be at most 15/),
    });
    // A run of store A, created directly; store B's owner cannot cancel it.
    const { createRun } = await import("../db/runs");
    const runId = await createRun(storeA, null, {});
    await as("owner-b@test.dev");
    expect(await cancelPipelineRun({ runId })).toEqual({ ok: false, error: "not-found" });
    await as("owner-a@test.dev");
    expect(await cancelPipelineRun({ runId })).toEqual({ ok: true, data: undefined });
  });

  it("saves recommendation controls for owners only, with the store's own categories and SKUs", async () => {
    const { updateRecommendationSettings } = await import("./recommendations");
    const { getRecommendationSettings } = await import("../db/recommendation-settings");
    const prisma = db().prisma;
    const a1 = await prisma.product.create({
      data: { storeId: storeA, sku: "A-CUP", title: "保温杯", category: "家居", priceMinor: 9900 },
    });
    await prisma.product.create({
      data: { storeId: storeB, sku: "B-MUG", title: "Mug", category: "Home", priceMinor: 1200 },
    });
    const valid = { excludedCategories: ["家居"], boostedSkus: ["A-CUP"], diversity: 0.3 };
    await as("viewer-a@test.dev");
    expect(await updateRecommendationSettings(valid)).toEqual({ ok: false, error: "forbidden" });
    request.cookie = "";
    expect(await updateRecommendationSettings(valid)).toEqual({ ok: false, error: "unauthenticated" });

    await as("owner-a@test.dev");
    // Store B's SKU and category do not exist in store A.
    expect(await updateRecommendationSettings({ boostedSkus: ["B-MUG"] })).toEqual({
      ok: false,
      error: "invalid",
      message: "unknown SKUs: B-MUG",
    });
    expect(await updateRecommendationSettings({ excludedCategories: ["Home"] })).toEqual({
      ok: false,
      error: "invalid",
      message: "unknown categories: Home",
    });
    expect(await updateRecommendationSettings({ diversity: 2 })).toMatchObject({
      ok: false,
      error: "invalid",
      message: "diversity is between 0 and 1",
    });
    expect(
      await updateRecommendationSettings({ excludedCategories: ["家居"], boostedCategories: ["家居"] }),
    ).toMatchObject({
      ok: false,
      message: "a category cannot be both excluded and boosted",
    });
    expect(await updateRecommendationSettings({ ...valid, storeId: storeB })).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect(await updateRecommendationSettings(valid)).toEqual({ ok: true, data: undefined });
    expect(await getRecommendationSettings(storeA)).toMatchObject({
      excludedCategories: ["家居"],
      boostedProducts: [a1.id],
      diversity: expect.closeTo(0.3, 6),
      boost: expect.closeTo(0.2, 6),
    });
    // Store B is untouched, and its owner sees (and changes) only B's settings.
    expect((await getRecommendationSettings(storeB)).updatedAt).toBeNull();
    await as("owner-b@test.dev");
    expect(await updateRecommendationSettings({ boostedSkus: ["A-CUP"] })).toMatchObject({
      ok: false,
      message: "unknown SKUs: A-CUP",
    });
    expect((await getRecommendationSettings(storeA)).boostedProducts).toEqual([a1.id]);
  });

  it("switches stores only into stores the user is a member of", async () => {
    const { switchStore } = await import("./session");
    const { getSessionState } = await import("../auth/session");
    await as("owner-b@test.dev");
    expect(await switchStore({ storeId: storeA })).toEqual({ ok: false, error: "forbidden" });
    expect(await switchStore({ storeId: 424242 })).toEqual({ ok: false, error: "forbidden" });
    expect(await switchStore({ storeId: "abc" })).toEqual({ ok: false, error: "invalid" });
    const state = await getSessionState();
    expect(state.status === "ok" && state.session.store.id).toBe(storeB);
    // A member of both may switch, and the session row carries the choice.
    const ownerB = await db().prisma.user.findUniqueOrThrow({ where: { email: "owner-b@test.dev" } });
    await upsertMembership(ownerB.id, storeA, "analyst");
    expect(await switchStore({ storeId: storeA })).toEqual({ ok: true, data: undefined });
    const after = await getSessionState();
    expect(after.status === "ok" && [after.session.store.id, after.session.role]).toEqual([storeA, "analyst"]);
  });
});
