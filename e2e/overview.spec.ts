import { expect, test } from "@playwright/test";
import { E2E_PERIOD } from "./support/config";
import { fixturesFor, login, USERS } from "./support/session";

test.describe("overview", () => {
  test("shows the figures the database holds, formatted for the locale", async ({ page }, testInfo) => {
    const { overview } = fixturesFor(testInfo);
    expect(overview.orders).toBeGreaterThan(20); // the seeded month is not empty
    await login(page, USERS.owner);
    await page.goto(`/?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`);
    const value = async (id: string) => Number(await page.getByTestId(`kpi-${id}`).getAttribute("data-value"));
    expect(await value("customers")).toBe(overview.customers);
    expect(await value("active-customers")).toBe(overview.activeCustomers);
    expect(await value("orders")).toBe(overview.orders);
    expect(await value("revenue")).toBe(overview.revenueMinor);
    expect(await value("aov")).toBeCloseTo(overview.revenueMinor / overview.orders, 6);
    expect(await value("repeat-rate")).toBeCloseTo(overview.returningCustomers / overview.activeCustomers, 9);
    const revenueText = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" }).format(
      overview.revenueMinor / 100,
    );
    await expect(page.getByTestId("kpi-revenue")).toContainText(revenueText);
    await expect(page.getByTestId("kpi-orders")).toContainText(new Intl.NumberFormat("zh-CN").format(overview.orders));
    // The trend chart is drawn and summarised in words.
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("trend-takeaway")).toContainText("销售额较上一周期");
  });

  test("a nonsense period in the URL falls back and says why", async ({ page }) => {
    await login(page, USERS.owner);
    await page.goto("/?from=2026-13-45");
    await expect(page.getByTestId("range-error")).toContainText("地址中的周期无效");
    await expect(page.getByTestId("kpi-revenue")).toBeVisible();
  });

  test("switching language re-renders in English and is remembered for the user", async ({
    page,
    browser,
    baseURL,
  }) => {
    await login(page, USERS.owner);
    await page.getByRole("button", { name: "English" }).first().click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Customers" }),
    ).toBeVisible();
    // Another browser with a Chinese Accept-Language still gets English: the choice is the user's.
    const other = await browser.newContext({ baseURL, locale: "zh-CN" });
    const page2 = await other.newPage();
    await login(page2, USERS.owner);
    await expect(page2.getByRole("heading", { name: "Overview" })).toBeVisible();
    await other.close();
    await page.getByRole("button", { name: "中文" }).first().click();
    await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
  });
});
