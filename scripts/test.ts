// npm test — everything CI checks, in order, stopping at the first failure:
// type check, ESLint (no warnings), Prettier, Vitest (PGlite, plus PostgreSQL when TEST_DATABASE_URL
// is set), the production build, and the Playwright e2e suite against it (both databases when
// TEST_DATABASE_URL is set). Browser tests are required; SKIP_E2E=1 skips them outside CI only.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

type Step = { name: string; cmd: string; args: string[]; env?: NodeJS.ProcessEnv };

const steps: Step[] = [
  { name: "type check", cmd: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", cmd: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "format", cmd: bin("prettier"), args: ["--check", "--log-level", "warn", "."] },
  { name: "unit and database tests", cmd: bin("vitest"), args: ["run"] },
];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (process.env.SKIP_E2E === "1" && !process.env.CI) {
  console.warn("\n⚠ SKIP_E2E=1: browser tests skipped (never in CI).\n");
} else {
  if (!fs.existsSync(chromium)) {
    console.error(`✖ Browser tests need Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  steps.push(
    { name: "production build", cmd: bin("next"), args: ["build"], env: { NODE_ENV: "production" } },
    { name: "browser tests", cmd: bin("playwright"), args: ["test"] },
  );
}

if (!process.env.TEST_DATABASE_URL) {
  console.warn("ℹ TEST_DATABASE_URL is not set: database and browser tests run on PGlite only (CI runs both).");
}

for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: root, stdio: "inherit", env: { ...env, ...step.env } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${seconds} s)`);
}
console.log("\nAll checks passed.");
