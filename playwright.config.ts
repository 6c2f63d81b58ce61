// End-to-end tests against the production build, on both databases: the "pglite" project against a
// server on the embedded database, the "postgres" project (when TEST_DATABASE_URL is set) against a
// server on a fresh PostgreSQL database. Each server is seeded by scripts/e2e-server.ts.
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORTS } from "./e2e/support/config";

const legs = (process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"]) as ("pglite" | "postgres")[];
const tsx = "node node_modules/tsx/dist/cli.mjs --conditions=react-server";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1, // one PGlite-backed server under test (shared/STACK.md)
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: legs.map((leg) => ({
    name: leg,
    use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS[leg]}`, locale: "zh-CN" },
  })),
  webServer: legs.map((leg) => ({
    command: `${tsx} scripts/e2e-server.ts --db ${leg} --port ${E2E_PORTS[leg]}`,
    url: `http://127.0.0.1:${E2E_PORTS[leg]}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  })),
});
