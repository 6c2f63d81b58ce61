import { expect, test } from "@playwright/test";
import { login, USERS } from "./support/session";

// Runs after predictions.spec.ts (one worker, files in order), which analysed the Harbor store.
test.describe("recommendations", () => {
  test("an owner previews a customer's recommendations and steers them from Settings", async ({ page }) => {
    await login(page, USERS.harborOwner);
    await page.goto("/recommendations");
    await expect(page.getByTestId("rec-model-table")).toContainText("Best-sellers");
    await expect(page.getByTestId("rec-takeaway")).toContainText("NDCG@10");
    await expect(page.getByTestId("explicit-table")).toContainText("SVD");

    await page.getByLabel("Customer ID or name").fill("C000001");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByTestId("customer-matches").getByRole("link").first().click();
    const cards = page.getByTestId("recommendation-cards").getByRole("listitem");
    await expect(cards.first()).toBeVisible();
    const previewUrl = page.url();
    expect(await cards.count()).toBeGreaterThan(3);
    await expect(page.getByTestId("recommendation-reason").first()).not.toBeEmpty();
    // The first card's category, and the SKU of the fourth card.
    const firstCategory = ((await cards.first().locator("span").first().innerText()).split("·")[1] ?? "").trim();
    const fourthSku = ((await cards.nth(3).locator("p").nth(1).innerText()).split("·")[1] ?? "").trim();
    expect(firstCategory).not.toBe("");

    // What is bought together with that product.
    await page.goto(`/recommendations?sku=${encodeURIComponent(fourthSku)}`);
    await expect(page.getByTestId("recommendation-reason").first()).toContainText("Often bought with");

    await page.goto("/settings");
    const controls = page.getByTestId("recommendation-controls");
    await controls.getByRole("group", { name: "Never recommend these categories" }).getByLabel(firstCategory).check();
    await controls.getByLabel("Boost these products (SKUs)").fill(fourthSku);
    await controls.getByLabel(/^Boost ·/).fill("1");
    await controls.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("recommendation-controls-message")).toHaveText(
      "Saved. Recommendations follow the new settings now.",
    );

    await page.goto(previewUrl);
    await expect(cards.first()).toBeVisible();
    for (const text of await cards.allInnerTexts()) expect(text).not.toContain(`· ${firstCategory}\n`);
    if (!fourthSku.includes(firstCategory)) {
      const boosted = cards.filter({ hasText: fourthSku });
      await expect(boosted).toContainText("Boosted");
    }

    // Customer 360 and the persona page carry recommendations too.
    await page.goto(previewUrl.replace(/.*customer=(\d+).*/, "/customers/$1"));
    await expect(page.getByTestId("customer-recommendations").getByRole("listitem").first()).toBeVisible();
    await page.goto("/personas/0");
    await expect(page.getByTestId("persona-recommendations").getByRole("listitem").first()).toBeVisible();

    // Unknown SKUs are refused with their names, and nothing changes.
    await page.goto("/settings");
    await controls.getByLabel("Never recommend these products (SKUs)").fill("NOPE-1");
    await controls.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("recommendation-controls-message")).toHaveText("Not saved: unknown SKUs: NOPE-1");
  });

  test("a viewer sees the controls but cannot change them", async ({ page }) => {
    await login(page, USERS.viewer);
    await page.goto("/settings");
    await expect(page.getByTestId("recommendation-controls")).toContainText("只有店主可以修改这些设置。");
    await expect(page.getByTestId("recommendation-controls").getByRole("button", { name: "保存" })).toBeDisabled();
  });
});
