import { expect, test } from "@playwright/test";
import { login, USERS } from "./support/session";

test.describe("segments and personas", () => {
  test("a viewer sees the controls but cannot start an analysis", async ({ page }) => {
    await login(page, USERS.viewer);
    await page.goto("/segments");
    await expect(page.getByRole("button", { name: "运行分析" })).toBeDisabled();
    await expect(page.getByText("只有店主和分析师可以启动分析。")).toBeVisible();
  });

  test("an analyst starts a run, watches it, and gets segments and personas", async ({ page }) => {
    await login(page, USERS.analyst);
    await page.goto("/segments");
    await expect(page.getByText("尚未分析 —— 请运行分析流程")).toBeVisible();
    await page.getByRole("button", { name: "运行分析" }).click();
    // The progress bar appears while the worker computes; then the page switches to the results.
    await expect(page.getByRole("progressbar")).toBeVisible();
    await expect(page.getByTestId("run-message")).toHaveText("分析完成，已显示新的客群。", { timeout: 60_000 });
    await expect(page.getByTestId("segments-summary")).toContainText("k-means");
    await expect(page.locator(".recharts-scatter").first()).toBeVisible();
    await expect(page.getByTestId("run-history")).toContainText("已完成");

    await page.goto("/personas");
    const cards = page.locator('[data-testid^="persona-"]');
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    await cards
      .first()
      .getByRole("link", { name: /查看成员/ })
      .click();
    await expect(page.getByTestId("persona-members")).toBeVisible();
    // Masked on screen: no full email address appears in the member list.
    await expect(page.getByTestId("persona-members")).not.toContainText(/[a-z0-9]{2,}@/);
    const exportHref = await page.getByRole("link", { name: "导出 CSV" }).getAttribute("href");
    const csv = await page.request.get(exportHref!);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    expect(body.toString("utf8")).toContain("编号");
  });

  test("another store's runs and personas are out of reach", async ({ browser }) => {
    // The demo store's runs, as its analyst sees them (the Harbor store may have runs of its own:
    // predictions.spec.ts analyses it).
    const demo = await browser.newPage();
    await login(demo, USERS.analyst);
    const demoRuns: number[] = [];
    for (let id = 1; id <= 4; id++) if ((await demo.request.get(`/api/runs/${id}`)).status() === 200) demoRuns.push(id);
    expect(demoRuns.length).toBeGreaterThan(0);
    await demo.close();

    const page = await browser.newPage();
    await login(page, USERS.harborOwner);
    for (const id of demoRuns) expect((await page.request.get(`/api/runs/${id}`)).status()).toBe(404);
    // Personas are addressed by segment within the session's store only: a segment Harbor does not
    // have is not found, page and export alike.
    await page.goto("/personas/42");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.request.get("/api/personas/42/export")).status()).toBe(404);
    await page.close();
  });
});
