// next-intl without locale prefixes in URLs: the user's saved language, else the cookie set by the
// language switch, else the browser's Accept-Language.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionState } from "../auth/session";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "./config";
import { loadMessages } from "./messages";

export async function resolveLocale(): Promise<Locale> {
  const state = await getSessionState().catch(() => null);
  const saved =
    state && state.status !== "signed-out"
      ? state.status === "ok"
        ? state.session.user.locale
        : state.user.locale
      : null;
  if (isLocale(saved)) return saved;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: loadMessages(locale) };
});
