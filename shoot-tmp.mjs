import { chromium } from "playwright-core";
const [email, prefix, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto("http://localhost:3000/login");
await page.locator("#email").fill(email);
await page.locator("#password").fill("shoplens-demo");
await page.locator('form button[type="submit"]').click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
for (const p of paths) {
  await page.goto("http://localhost:3000" + p);
  await page.waitForTimeout(1500);
  const name = `/tmp/shots/${prefix}-${p.replace(/[^a-z0-9]+/gi, "_")}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(name);
}
await browser.close();
