import { expect, test } from "@playwright/test";
import { fixturesFor, login, USERS } from "./support/session";

test.describe("store isolation", () => {
  test("a user of store B gets not-found for a store A customer URL", async ({ page }, testInfo) => {
    const { stores } = fixturesFor(testInfo);
    await login(page, USERS.harborOwner);
    await page.goto(`/customers/${stores.harbor!.customerId}`);
    await expect(page.getByTestId("customer-orders")).toBeVisible();
    await page.goto(`/customers/${stores.demo!.customerId}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByTestId("customer-orders")).toHaveCount(0);
  });

  test("a store A server action refuses a user of store B, even with a tampered id", async ({ page }, testInfo) => {
    const { stores } = fixturesFor(testInfo);
    await login(page, USERS.harborOwner);
    await page.goto(`/customers/${stores.harbor!.customerId}`);
    // The control is enabled once the page has hydrated; tamper only after that.
    await expect(page.getByRole("button", { name: "Reveal contact details" })).toBeEnabled();
    // Point the owner-only "reveal contact" form at store A's customer, as an attacker would.
    await page
      .locator('input[name="customerId"]')
      .evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), stores.demo!.customerId);
    await page.getByRole("button", { name: "Reveal contact details" }).click();
    await expect(page.getByTestId("reveal-error")).toHaveText("Customer not found.");
    await expect(page.getByTestId("revealed-contact")).toHaveCount(0);
    // The same form untampered works for B's own customer.
    await page.reload();
    await page.getByRole("button", { name: "Reveal contact details" }).click();
    await expect(page.getByTestId("revealed-contact")).toBeVisible();
  });

  test("the store switcher refuses a store the user is not a member of", async ({ page }, testInfo) => {
    const { stores } = fixturesFor(testInfo);
    await login(page, USERS.harborOwner);
    const switcher = page.getByTestId("store-switcher");
    await expect(switcher.locator("option")).toHaveCount(1);
    await switcher.evaluate((el, id) => {
      const option = document.createElement("option");
      option.value = String(id);
      option.text = "forged";
      el.appendChild(option);
    }, stores.demo!.id);
    await switcher.selectOption(String(stores.demo!.id));
    await expect(page.getByTestId("store-switch-error")).toHaveText("You are not a member of that store.");
    await page.reload();
    await expect(page.getByTestId("store-switcher")).toHaveValue(String(stores.harbor!.id));
  });

  test("a member of two stores switches between them and sees each store's own data", async ({ page }, testInfo) => {
    const { stores } = fixturesFor(testInfo);
    await login(page, USERS.owner);
    await page.goto("/data");
    const demoCustomers = await page.getByTestId("data-customers").getAttribute("data-value");
    await page.getByTestId("store-switcher").selectOption(String(stores.harbor!.id));
    await expect(page.getByTestId("store-switcher")).toHaveValue(String(stores.harbor!.id));
    await expect(page.getByTestId("data-customers")).not.toHaveAttribute("data-value", demoCustomers!);
    // As a viewer of Harbor, the owner-only control is gone.
    await page.goto(`/customers/${stores.harbor!.customerId}`);
    await expect(page.getByRole("button", { name: "查看联系方式" })).toHaveCount(0);
    await page.getByTestId("store-switcher").selectOption(String(stores.demo!.id));
    await expect(page.getByTestId("store-switcher")).toHaveValue(String(stores.demo!.id));
  });

  test("a viewer does not get the owner-only control", async ({ page }, testInfo) => {
    const { stores } = fixturesFor(testInfo);
    await login(page, USERS.viewer);
    await page.goto(`/customers/${stores.demo!.customerId}`);
    await expect(page.getByTestId("customer-orders")).toBeVisible();
    await expect(page.getByRole("button", { name: "查看联系方式" })).toHaveCount(0);
  });
});
