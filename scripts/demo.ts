// npm run demo — from a fresh clone to a running dashboard: migrate the embedded database (or
// DATABASE_URL), seed the demo store if it is empty, build if the build is missing or stale, and
// serve on PORT (default 3000). Prints the URL and the demo login.
//
// Each step runs in its own process, one after the other, so only one process ever opens the
// embedded database (shared/STACK.md).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../lib/env";
import { runScript } from "./cli";

const root = path.resolve(import.meta.dirname, "..");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** AUTH_SECRET from the environment, else one generated once and kept beside the embedded database. */
function ensureAuthSecret(dataDir: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.resolve(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  console.log(`Generated AUTH_SECRET in ${path.relative(root, file)} (set AUTH_SECRET to use your own).`);
  return secret;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "next.config.js", "package-lock.json", "instrumentation.ts"];
  return sources.some((s) => {
    const p = path.join(root, s);
    if (!fs.existsSync(p)) return false;
    return (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs) > built;
  });
}

async function waitForServer(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

runScript(async () => {
  const started = performance.now();
  const dataDir = process.env.DATA_DIR || ".data";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    AUTH_SECRET: ensureAuthSecret(dataDir),
  };
  const tsx = [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server"];
  await run(process.execPath, [...tsx, "scripts/seed.ts", "--if-empty", ...process.argv.slice(2)], env);
  // The first analysis of the demo store, so Segments and Personas have something to show.
  await run(process.execPath, [...tsx, "scripts/pipeline.ts", "--store", "demo", "--if-never-run"], env);
  if (buildIsStale()) {
    console.log("Building the dashboard…");
    await run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      ...env,
      NODE_ENV: "production",
    });
  }
  const { PORT, DEMO_EMAIL, DEMO_PASSWORD } = getEnv();
  const url = `http://localhost:${PORT}`;
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)],
    {
      cwd: root,
      env: { ...env, NODE_ENV: "production" },
      stdio: "inherit",
    },
  );
  const forward = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const up = await waitForServer(`${url}/login`, 120_000);
  if (up) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `\n  ShopLens is running at ${url}  (ready in ${seconds} s)\n  Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n  Stop with Ctrl+C.\n`,
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.on("exit", (code, signal) =>
      code === 0 || signal ? resolve() : reject(new Error(`next start exited with ${code}`)),
    );
  });
});
