import { AuthorizationError } from "../auth/session";

export type ActionError = "unauthenticated" | "forbidden" | "invalid" | "not-found" | "conflict";
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ActionError; message?: string };

/** Turns the errors every action shares into a typed result; anything else is a bug and is rethrown. */
export async function runAction<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.kind };
    throw err;
  }
}
