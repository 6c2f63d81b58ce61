import { expect, test } from "@playwright/test";
import { E2E_PASSWORD } from "./support/config";
import { login, USERS } from "./support/session";

test.describe("sign-in", () => {
  test("an unauthenticated visit goes to the login page", async ({ page }) => {
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "登录商家洞察" })).toBeVisible();
  });

  test("a wrong password is refused with a clear message and no session", async ({ page }) => {
    await page.goto("/login");
    await page.locator("#email").fill(USERS.owner);
    await page.locator("#password").fill("not-the-password");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("login-error")).toHaveText("邮箱或密码错误。");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("bad input is answered before it is sent", async ({ page }) => {
    await page.goto("/login");
    await page.locator("#email").fill("not an email");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();
    await expect(page.getByText("请输入密码。")).toBeVisible();
  });

  test("sign in, then sign out ends the session", async ({ page }) => {
    await login(page, USERS.owner);
    await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
    await page.getByRole("button", { name: "账户菜单" }).click();
    await page.getByRole("menuitem", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out/);
    await expect(page.getByRole("status")).toHaveText("你已退出登录。");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an expired or tampered session cookie sends the user to sign in again", async ({ page, context }) => {
    await login(page, USERS.owner);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes("session_token"));
    expect(session).toBeDefined();
    await context.clearCookies();
    await context.addCookies([{ ...session!, value: `${session!.value.slice(0, -4)}AAAA` }]);
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/login\?reason=expired/);
    await expect(page.getByRole("status")).toHaveText("登录已过期，请重新登录。");
  });

  test("repeated failures are rate limited", async ({ browser, baseURL }) => {
    // A client address of its own, so this test's failures do not lock out the others' sign-ins.
    const context = await browser.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23" },
      locale: "en-US",
    });
    const page = await context.newPage();
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.locator("#email").fill(USERS.owner);
      await page.locator("#password").fill(`wrong-${i}`);
      await page.locator('form button[type="submit"]').click();
      await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
    }
    await page.locator("#password").fill(E2E_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts");
    await context.close();
  });
});
