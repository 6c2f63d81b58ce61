import fs from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PASSWORD, type E2EFixtures } from "./config";

export const USERS = {
  owner: "demo@shoplens.dev",
  viewer: "viewer@shoplens.dev",
  harborOwner: "owner@harbor.example",
} as const;

export function fixturesFor(testInfo: TestInfo): E2EFixtures {
  const file = path.join(E2E_DATA_DIR, testInfo.project.name, "fixtures.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2EFixtures;
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}
