import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { getSessionState } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("submit") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string; next?: string }>;
}) {
  const state = await getSessionState();
  if (state.status === "ok") redirect("/");
  const { reason, next } = await searchParams;
  const t = await getTranslations();
  const notice = reason === "expired" ? t("login.expired") : reason === "signed-out" ? t("login.signedOut") : null;
  // Only same-site paths: an open redirect after login is a phishing tool.
  const safeNext = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4">
        <LanguageSwitcher />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-10 w-10 items-center justify-center rounded-lg bg-[var(--color-accent)] text-lg font-bold text-white">
            S
          </div>
          <h1 className="text-xl font-semibold">{t("login.title")}</h1>
          <p className="mt-1 text-sm text-[var(--color-muted)]">{t("login.subtitle")}</p>
        </div>
        <LoginForm notice={notice} next={safeNext} />
      </div>
    </main>
  );
}
