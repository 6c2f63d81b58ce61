import "server-only";
// Better Auth: email + password, sessions in the database (table "session"), database-backed rate
// limits. No public sign-up: users are created by the seed script or by an owner.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getPrisma } from "../db/client";
import { getEnv } from "../env";
import type { PrismaClient } from "../generated/prisma/client";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;

function trustedOrigins(): string[] {
  const env = getEnv();
  const origins = new Set([`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`]);
  if (env.APP_URL) origins.add(new URL(env.APP_URL).origin);
  return [...origins];
}

function buildAuth(prisma: PrismaClient) {
  const env = getEnv();
  return betterAuth({
    appName: "ShopLens",
    secret: env.authSecret,
    // Without APP_URL, the local address; origins of both localhost and 127.0.0.1 are trusted below.
    baseURL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    trustedOrigins: trustedOrigins(),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, autoSignIn: false },
    user: {
      additionalFields: { locale: { type: "string", required: false, input: false } },
    },
    session: {
      expiresIn: SESSION_MAX_AGE_SECONDS,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeStoreId: { type: "number", required: false, input: false } },
    },
    databaseHooks: {
      session: {
        create: {
          // A new session starts in the user's first store (by membership age); the store switcher
          // changes it later after a membership check.
          before: async (session) => {
            const first = await prisma.membership.findFirst({
              where: { userId: session.userId },
              orderBy: [{ createdAt: "asc" }, { id: "asc" }],
              select: { storeId: true },
            });
            return { data: { ...session, activeStoreId: first?.storeId ?? null } };
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 200,
      customRules: {
        "/sign-in/email": { window: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS, max: env.LOGIN_RATE_LIMIT_MAX },
      },
    },
    advanced: {
      useSecureCookies: env.APP_URL?.startsWith("https://") ?? false,
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

type Holder = { __shoplensAuth?: { prisma: PrismaClient; auth: Auth } };
const holder = globalThis as Holder;

/**
 * The Better Auth instance, built on first use (never at import: `next build` must not open the
 * database), and rebuilt if the process's database connection was replaced (tests).
 */
export async function getAuth(): Promise<Auth> {
  const prisma = await getPrisma();
  if (holder.__shoplensAuth?.prisma !== prisma) holder.__shoplensAuth = { prisma, auth: buildAuth(prisma) };
  return holder.__shoplensAuth.auth;
}
