"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize, getSessionState } from "../auth/session";
import { getMembership, setSessionStore, setUserLocale } from "../db/stores";
import { LOCALE_COOKIE, LOCALES } from "../i18n/config";
import { runAction, type ActionResult } from "./result";

const switchStoreSchema = z.object({ storeId: z.coerce.number().int().positive() });

/** Make another of the user's stores the session's store. A store the user is not a member of is refused. */
export async function switchStore(input: { storeId: number | string }): Promise<ActionResult> {
  return runAction(async () => {
    const parsed = switchStoreSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid" };
    const session = await authorize("store.view");
    const membership = await getMembership(session.user.id, parsed.data.storeId);
    // Same answer for "no such store" and "not yours": existence is not disclosed.
    if (!membership) return { ok: false, error: "forbidden" };
    await setSessionStore(session.sessionId, membership.store.id);
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  });
}

const localeSchema = z.object({ locale: z.enum(LOCALES) });

/** Switch the UI language: saved on the user (follows them to any browser) and in a cookie (login page). */
export async function setLocale(input: { locale: string }): Promise<ActionResult> {
  return runAction(async () => {
    const parsed = localeSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid" };
    (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
    });
    const state = await getSessionState();
    if (state.status === "ok") await setUserLocale(state.session.user.id, parsed.data.locale);
    else if (state.status === "no-store") await setUserLocale(state.user.id, parsed.data.locale);
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  });
}
