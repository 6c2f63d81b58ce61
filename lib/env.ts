// Every environment variable ShopLens reads, parsed once with zod. A bad value fails with a message
// that names the variable. Used by the server and by the command-line scripts (never by the browser).
import path from "node:path";
import { z } from "zod";

const DEV_AUTH_SECRET = "shoplens-development-secret-not-for-production-use!";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, {
          message:
            "must be a PostgreSQL URL (postgres://user:password@host:5432/db); unset it to use the embedded database",
        })
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    AUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, { message: "must be at least 32 characters (e.g. `openssl rand -base64 32`)" }).optional(),
    ),
    APP_URL: z.preprocess(
      emptyToUndefined,
      z.url({ message: "must be a URL such as https://shoplens.example.com" }).optional(),
    ),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    DEMO_EMAIL: z.preprocess(emptyToUndefined, z.email().default("demo@shoplens.dev")),
    DEMO_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8).default("shoplens-demo")),
    LOGIN_RATE_LIMIT_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(5)),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60)),
    // The language model (lib/llm): any OpenAI-compatible server. Without a key ShopLens writes offline drafts.
    OPENAI_API_KEY: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    OPENAI_BASE_URL: z.preprocess(
      emptyToUndefined,
      z.url({ message: "must be a URL such as https://api.deepseek.com/v1" }).optional(),
    ),
    LLM_MODEL: z.preprocess(emptyToUndefined, z.string().min(1).default("gpt-4o-mini")),
    LLM_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(600_000).default(60_000)),
    LLM_MAX_RETRIES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message:
          "is required in production: set it to a random string of at least 32 characters (e.g. `openssl rand -base64 32`). `npm run demo` creates one for you.",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { authSecret: string; pgliteDir: string };

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"} ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    authSecret: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    pgliteDir: path.resolve(env.DATA_DIR, "pglite"),
  };
}

let cached: Env | undefined;

/** The process environment, parsed on first use (not at import, so `next build` never needs it). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests and scripts that change process.env call this so the next getEnv() re-reads it. */
export function resetEnvCache(): void {
  cached = undefined;
}
