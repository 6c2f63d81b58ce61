import { expect, test } from "@playwright/test";
import { login, USERS } from "./support/session";

// Runs before segments.spec.ts (one worker, files in order): the demo store has no analysis yet, and
// this spec analyses the small Harbor store (500 customers, English) on its own.
test.describe("predictions", () => {
  test("before any analysis the page says what it will show", async ({ page }) => {
    await login(page, USERS.viewer);
    await page.goto("/predictions");
    await expect(page.getByText("尚未分析 —— 请运行分析流程")).toBeVisible();
    // No analysis, no export — and certainly not another store's.
    const res = await page.request.get("/api/predictions/at-risk/export");
    expect(res.status()).toBe(404);
  });

  test("an owner runs the analysis and reads churn, spend and CLV with reasons", async ({ page }) => {
    test.setTimeout(150_000);
    await login(page, USERS.harborOwner);
    await page.goto("/segments");
    await page.getByRole("button", { name: "Run analysis" }).click();
    await expect(page.getByTestId("run-message")).toHaveText("Analysis finished. Showing the new segments.", {
      timeout: 120_000,
    });

    await page.goto("/predictions");
    await expect(page.getByRole("heading", { name: "Predictions", level: 1 })).toBeVisible();
    await expect(page.getByTestId("churn-takeaway")).toContainText("AUC");
    const table = page.getByRole("table").filter({ hasText: "ROC AUC" });
    for (const model of [
      "Logistic regression",
      "Linear SVM (Platt)",
      "Decision tree",
      "Gradient boosting",
      "Recency only",
    ]) {
      await expect(table).toContainText(model);
    }
    await expect(table.getByText("Chosen")).toHaveCount(1);
    await expect(page.getByTestId("confusion-matrix")).toBeVisible();
    // The threshold is the merchant's choice: keyboard or pointer, the matrix follows.
    await expect(page.getByTestId("threshold-value")).toHaveText("50%");
    const atHalf = await page.getByTestId("confusion-matrix").innerText();
    await page.getByTestId("threshold-slider").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("threshold-value")).toHaveText("55%");
    await page.getByTestId("threshold-slider").fill("0.9");
    await expect(page.getByTestId("threshold-value")).toHaveText("90%");
    await expect(page.getByTestId("threshold-summary")).toContainText("At a risk of 90% or more");
    expect(await page.getByTestId("confusion-matrix").innerText()).not.toBe(atHalf);
    await expect(page.locator(".recharts-line").first()).toBeVisible();
    await expect(page.getByTestId("importance-by-model")).toContainText("Days since last order");
    await expect(page.getByTestId("spend-takeaway")).toContainText("RMSE");
    await expect(page.getByTestId("clv-takeaway")).toContainText("80% interval");
    await expect(page.getByTestId("bgnbd-params")).toContainText("α");
    await expect(page.getByTestId("kpi-at-risk")).not.toContainText("—");

    // The at-risk list: ranked by value at risk, filterable, exportable, masked.
    await page.getByRole("link", { name: /^All .* customers$/ }).click();
    await expect(page.getByRole("heading", { name: "At-risk customers" })).toBeVisible();
    const count = async () => Number((await page.getByTestId("at-risk-count").innerText()).replace(/\D/g, ""));
    const all = await count();
    expect(all).toBeGreaterThan(0);
    await page.getByLabel("Churn risk").selectOption("70");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/min=70/);
    expect(await count()).toBeLessThanOrEqual(all);
    await expect(page.getByTestId("at-risk-table")).not.toContainText(/[a-z0-9]{2,}@/);
    const exportHref = await page.getByTestId("at-risk-export").getAttribute("href");
    expect(exportHref).toContain("min=70");
    const csv = await page.request.get(exportHref!);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").trim().split("\r\n");
    expect(lines[0]).toContain("Churn risk");
    expect(lines.length - 1).toBe(await count());

    // Customer 360 carries the predictions and their reasons.
    await page.getByTestId("at-risk-table").getByRole("link").first().click();
    await expect(page.getByTestId("customer-predictions")).toBeVisible();
    await expect(page.getByTestId("prediction-churn")).toContainText("%");
    await expect(page.getByTestId("prediction-clv")).toContainText("80% interval");
    await expect(page.getByTestId("customer-predictions").getByRole("listitem").first()).toBeVisible();

    // Persona cards show the segment's average churn risk and CLV.
    await page.goto("/personas");
    await expect(page.locator('[data-testid^="persona-"]').first()).toContainText("Avg. churn risk");
  });

  test("Harbor's at-risk list stays out of other stores' and signed-out reach", async ({ page, browser }) => {
    // Harbor now has predictions (previous test); the demo store still has none.
    await login(page, USERS.viewer);
    expect((await page.request.get("/api/predictions/at-risk/export")).status()).toBe(404);
    await page.goto("/predictions/at-risk");
    await expect(page.getByTestId("at-risk-table")).toHaveCount(0);
    const anonymous = await browser.newContext();
    const res = await anonymous.request.get(new URL("/api/predictions/at-risk/export", page.url()).toString());
    expect(res.status()).toBe(401);
    await anonymous.close();
  });
});
