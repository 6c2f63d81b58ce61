import { expect, test } from "@playwright/test";
import { assertNoPersonalData } from "../lib/llm/privacy";
import { personaReply, startTestServer, type TestServer } from "../lib/llm/testing/openai-test-server";
import { fixturesFor, login, USERS } from "./support/session";

// The campaign studio in the browser, against a local OpenAI-compatible server that this spec starts
// (the store's owner connects it in Settings, as a merchant would) and with no provider at all.
// Runs after segments.spec.ts: the demo store has been analysed; Harbor is analysed again here with
// the provider connected, so its personas are AI-written.

/** An ISO date `days` from now (the offer must end after today and within a year of its start). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const SMS_EN =
  "BODY:\nHarbor & Pine: We miss you! 15% off with code BACK15 - come back for a look. Reply STOP to opt out";

test.describe.serial("campaign studio", () => {
  let server: TestServer;
  let personas = 0;

  test.beforeAll(async () => {
    server = await startTestServer();
    server.handler = (req) => {
      const system = req.messages[0]?.content ?? "";
      if (system.includes("you write a persona"))
        return { kind: "reply", text: personaReply(personas++, { zh: "精打细算派", en: "Savvy planners " }) };
      if (system.includes("You translate"))
        return { kind: "reply", text: "BODY:\n【Harbor & Pine】好久不见！凭券码BACK15立减15%。回T退订", chunkSize: 2 };
      return { kind: "reply", text: SMS_EN, firstTokenDelayMs: 150, chunkSize: 4 };
    };
  });

  test.afterAll(async () => {
    await server.close();
  });

  test("an owner connects the provider, tests it, and the key is never shown again", async ({ page }) => {
    await login(page, USERS.harborOwner);
    await page.goto("/settings");
    await expect(page.getByTestId("llm-in-use")).toHaveText(
      "None connected: the studio writes offline drafts from templates.",
    );
    await page.getByTestId("llm-base-url").fill(server.baseURL);
    await page.getByTestId("llm-model").fill("e2e-model");
    await page.getByTestId("llm-api-key").fill("sk-e2e-secret-key-987654");
    await page.getByTestId("llm-save").click();
    await expect(page.getByTestId("llm-message")).toHaveText("Saved.");
    await expect(page.getByTestId("llm-in-use")).toHaveText("In use: e2e-model (this store's provider)");
    await expect(page.getByTestId("llm-key-state")).toContainText("Stored:");
    await expect(page.locator("body")).not.toContainText("sk-e2e-secret-key-987654");
    expect(await page.content()).not.toContain("987654");
    await page.getByTestId("llm-test").click();
    await expect(page.getByTestId("llm-message")).toContainText("Connected: e2e-model answered in");
    // A bad key is reported in the provider's terms.
    server.script.push({ kind: "status", status: 401 });
    await page.getByTestId("llm-test").click();
    await expect(page.getByTestId("llm-message")).toContainText("Failed — auth:");
  });

  test("after a run with the provider, persona cards show AI-written names and strategies that open the studio", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await login(page, USERS.harborOwner);
    await page.goto("/segments");
    await page.getByRole("button", { name: "Run analysis" }).click();
    await expect(page.getByTestId("run-message")).toHaveText("Analysis finished. Showing the new segments.", {
      timeout: 120_000,
    });
    await page.goto("/personas");
    const badge = page.locator('[data-testid$="-ai"]').first();
    await expect(badge).toHaveText("AI-written");
    await expect(page.locator('[data-testid$="-name"]').first()).toHaveText(/^Savvy planners [A-P]$/);
    const strategies = page.locator('[data-testid$="-strategies"]').first();
    await expect(strategies).toContainText("Wake the sleepers");
    await strategies.getByRole("link", { name: /Win back · SMS/ }).click();
    await expect(page).toHaveURL(/\/campaigns\?segment=\d+&goal=win_back&channel=sms/);
    await expect(page.getByTestId("studio-goal")).toHaveValue("win_back");
    await expect(page.getByTestId("studio-segment")).not.toHaveValue("all");
  });

  test("a persona's copy streams in as variants within the SMS limit; edited, saved, translated and exported", async ({
    page,
  }, testInfo) => {
    await login(page, USERS.harborOwner);
    await page.goto("/campaigns");
    await expect(page.getByTestId("studio-mode")).toHaveText("Writing with e2e-model (this store's provider).");
    // Pick the first persona, win back by SMS in English, 15% off with a code.
    const segment = page.getByTestId("studio-segment");
    const first = await segment.locator("option").nth(1).getAttribute("value");
    await segment.selectOption(first!);
    await expect(page.getByTestId("studio-products").locator("li").first()).toBeVisible();
    await page.getByTestId("studio-language").selectOption("en");
    await page.getByTestId("studio-offer-value").fill("15");
    await page.getByTestId("studio-offer-code").fill("BACK15");
    // Nonsense dates are refused on the spot, and the button stays disabled.
    await page.getByTestId("studio-offer-ends").fill("2020-01-01");
    await expect(page.getByTestId("studio-offer-ends-error")).toContainText("before it starts");
    await expect(page.getByTestId("studio-generate")).toBeDisabled();
    await page.getByTestId("studio-offer-ends").fill(inDays(800));
    await expect(page.getByTestId("studio-offer-ends-error")).toContainText("keep it within a year");
    await page.getByTestId("studio-offer-ends").fill(inDays(30));
    await expect(page.getByTestId("studio-generate")).toBeEnabled();
    await page.getByTestId("studio-generate").click();
    // Tokens arrive before the variants finish (the first token is delayed 150 ms, then 4 characters a chunk).
    await expect(page.getByTestId("variant-0-body")).toContainText("Harbor");
    for (const v of [0, 1, 2]) {
      await expect(page.getByTestId(`variant-${v}-ok`)).toHaveText("Passes every check");
      await expect(page.getByTestId(`variant-${v}-source`)).toHaveText("AI-written · e2e-model");
      await expect(page.getByTestId(`variant-${v}-count-body`)).toContainText(`${SMS_EN.length - 6}/160`);
    }
    // Edit: the count follows every keystroke; saving re-checks the guardrails.
    const body = page.getByTestId("variant-1-body");
    const edited = "Harbor & Pine: 50% off everything! Reply STOP to opt out";
    await body.fill(edited);
    await expect(page.getByTestId("variant-1-count-body")).toContainText(`${edited.length}/160 · GSM-7, 1 part`);
    await page.getByTestId("variant-1-save").click();
    await expect(page.getByTestId("variant-1-problems")).toContainText("Mentions 50, which is not in the offer");
    // Translate variant 0 into Chinese: it streams into the card, with the Chinese footer.
    await page.getByTestId("variant-0-translate").click();
    await expect(page.getByTestId("variant-0-source")).toHaveText("Translation · e2e-model");
    await expect(page.getByTestId("variant-0-body")).toHaveValue(/回T退订$/);
    await expect(page.getByTestId("variant-0-count-body")).toContainText("/70");
    // The campaign's drafts, with who and when, and the CSV.
    await expect(page.getByTestId("studio-history").locator("tbody tr")).toHaveCount(4);
    const href = await page.getByTestId("studio-export").getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = (await csv.body()).toString("utf8");
    expect(text).toContain("50% off everything");
    expect(text).toContain("回T退订");
    // No request the provider received carried any customer's personal data.
    const { personal } = fixturesFor(testInfo);
    expect(server.requests.length).toBeGreaterThan(5);
    for (const r of server.requests) for (const m of r.messages) assertNoPersonalData(m.content, { values: personal });
  });

  test("a stream that breaks off keeps its partial draft, marked", async ({ page }) => {
    await login(page, USERS.harborOwner);
    await page.goto("/campaigns");
    await page.getByTestId("studio-language").selectOption("en");
    await page.getByTestId("studio-variants").selectOption("1");
    server.script.push({ kind: "drop", after: "BODY:\nHarbor & Pine: We miss" });
    await page.getByTestId("studio-generate").click();
    await expect(page.getByTestId("variant-0-partial")).toContainText("Partial — the stream broke off");
    await expect(page.getByTestId("variant-0-body")).toHaveValue("Harbor & Pine: We miss");
    await expect(page.getByTestId("variant-0-problems")).toContainText("opt-out footer");
  });

  test("leaving the page cancels the model call, and Settings shows the usage", async ({ page }) => {
    await login(page, USERS.harborOwner);
    await page.goto("/campaigns");
    await page.getByTestId("studio-variants").selectOption("1");
    server.script.push({ kind: "reply", text: SMS_EN, firstTokenDelayMs: 4000 });
    await page.getByTestId("studio-generate").click();
    await expect(page.getByTestId("variant-0")).toBeVisible();
    await page.goto("/settings");
    const usage = page.getByTestId("llm-usage");
    await expect(usage).toContainText("Campaign copy");
    await expect(usage).toContainText("Personas");
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("llm-recent")).toContainText("aborted", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  });

  test("with no provider, the studio writes offline drafts in Chinese and English and says so plainly", async ({
    page,
  }) => {
    await login(page, USERS.owner);
    await page.goto("/campaigns");
    await expect(page.getByTestId("studio-mode")).toContainText("离线草稿 — 未连接语言模型");
    await expect(page.getByTestId("studio-mode")).toContainText("不是 AI 写的");
    const before = server.requests.length;
    await page.getByTestId("studio-segment").selectOption({ index: 1 });
    await page.getByTestId("studio-offer-code").fill("HUI20");
    await page.getByTestId("studio-offer-value").fill("20");
    await page.getByTestId("studio-offer-ends").fill(inDays(20));
    await page.getByTestId("studio-generate").click();
    for (const v of [0, 1, 2]) {
      await expect(page.getByTestId(`variant-${v}-source`)).toHaveText("离线草稿");
      await expect(page.getByTestId(`variant-${v}-ok`)).toHaveText("通过全部检查");
      await expect(page.getByTestId(`variant-${v}-body`)).toHaveValue(/回T退订$/);
    }
    await expect(page.getByTestId("variant-0-body")).toHaveValue(/立减20%/);
    // The same campaign in English: still offline, still labelled, with the English footer.
    await page.getByTestId("studio-language").selectOption("en");
    await page.getByTestId("studio-generate").click();
    // Wait for the whole generation: the history lists the three new drafts once the stream has ended.
    await expect(page.getByTestId("studio-history").locator("tbody tr")).toHaveCount(6);
    for (const v of [0, 1, 2]) {
      // The card shows an editable text once its draft is saved.
      await expect(page.getByTestId(`variant-${v}-ok`)).toHaveText("通过全部检查");
      await expect(page.getByTestId(`variant-${v}-source`)).toHaveText("离线草稿");
      await expect(page.getByTestId(`variant-${v}-body`)).toHaveValue(
        /20% off with code HUI20.*Reply STOP to opt out$/s,
      );
    }
    expect(server.requests.length).toBe(before);
  });

  test("a viewer can read the studio but not write, and cannot call the endpoint", async ({ page }) => {
    await login(page, USERS.viewer);
    await page.goto("/campaigns");
    await expect(page.getByText("您的角色可以查看活动，但不能撰写。")).toBeVisible();
    await expect(page.getByTestId("studio-generate")).toBeDisabled();
    const res = await page.request.post("/api/campaigns/generate", { data: { segment: null } });
    expect(res.status()).toBe(403);
  });
});
