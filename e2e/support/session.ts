import fs from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PASSWORD, type E2EFixtures } from "./config";

export const USERS = {
  owner: "demo@shoplens.dev",
  viewer: "viewer@shoplens.dev",
  analyst: "analyst@shoplens.dev",
  harborOwner: "owner@harbor.example",
} as const;

export function fixturesFor(testInfo: TestInfo): E2EFixtures {
  const file = path.join(E2E_DATA_DIR, testInfo.project.name, "fixtures.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2EFixtures;
}

let clients = 0;

/**
 * Signs in through the login form, as a person would. Each sign-in comes from a client address of its
 * own (x-forwarded-for, which Next passes to the auth handler), so the suite's many sign-ins do not
 * trip the per-address sign-in rate limit that one spec tests on purpose.
 */
export async function login(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  clients += 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${(process.pid + clients) % 250}` });
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}
