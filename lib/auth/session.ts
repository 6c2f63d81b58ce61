import "server-only";
// The session as pages and actions see it: who, in which store, with which role. The store always
// comes from the session row (active_store_id, changed only after a membership check), never from
// the request.
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth";
import { can, type Permission } from "./roles";
import { listMembershipsForUser, setSessionStore, type MembershipSummary, type StoreSummary } from "../db/stores";
import type { Role } from "../generated/prisma/enums";

export type AppSession = {
  sessionId: string;
  user: { id: string; name: string; email: string; locale: string | null };
  store: StoreSummary;
  role: Role;
  memberships: MembershipSummary[];
};

export type SessionState =
  { status: "signed-out" } | { status: "no-store"; user: AppSession["user"] } | { status: "ok"; session: AppSession };

/** Resolved once per request (React cache). */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: await headers() });
  if (!result) return { status: "signed-out" };
  const u = result.user as typeof result.user & { locale?: string | null };
  const user = { id: u.id, name: u.name, email: u.email, locale: u.locale ?? null };
  const memberships = await listMembershipsForUser(user.id);
  const activeStoreId = (result.session as { activeStoreId?: number | null }).activeStoreId ?? null;
  let active = memberships.find((m) => m.store.id === activeStoreId);
  if (!active) {
    // The session's store is gone (membership removed) or was never set: fall back to the first.
    active = memberships[0];
    if (!active) return { status: "no-store", user };
    await setSessionStore(result.session.id, active.store.id);
  }
  return {
    status: "ok",
    session: { sessionId: result.session.id, user, store: active.store, role: active.role, memberships },
  };
});

/** For pages and layouts: the session, or a redirect to the login page. */
export async function requireSession(): Promise<AppSession> {
  const state = await getSessionState();
  if (state.status === "signed-out") {
    const h = await headers();
    const hadCookie = (h.get("cookie") ?? "").includes("session_token");
    redirect(hadCookie ? "/login?reason=expired" : "/login");
  }
  if (state.status === "no-store") redirect("/no-store");
  return state.session;
}

export class AuthorizationError extends Error {
  override name = "AuthorizationError";
  constructor(readonly kind: "unauthenticated" | "forbidden") {
    super(kind === "unauthenticated" ? "Not signed in" : "Your role does not allow this");
  }
}

/** For server actions and route handlers: throws AuthorizationError instead of redirecting. */
export async function authorize(permission: Permission = "store.view"): Promise<AppSession> {
  const state = await getSessionState();
  if (state.status !== "ok") throw new AuthorizationError("unauthenticated");
  if (!can(state.session.role, permission)) throw new AuthorizationError("forbidden");
  return state.session;
}
