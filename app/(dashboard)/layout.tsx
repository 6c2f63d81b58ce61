import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { StoreSwitcher } from "@/components/shell/store-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { requireSession } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <aside className="hidden w-56 shrink-0 border-r border-[var(--color-border)] bg-white md:block">
        <div className="sticky top-0 flex h-screen flex-col">
          <Link href="/" className="flex h-14 items-center gap-2 px-5 font-semibold">
            <span className="flex h-7 w-7 items-center justify-center rounded-md bg-[var(--color-accent)] text-sm font-bold text-white">
              S
            </span>
            {t("appName")}
          </Link>
          <div className="flex-1 overflow-y-auto py-2">
            <SidebarNav />
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-[var(--color-border)] bg-white/95 px-4 backdrop-blur md:px-6">
          <StoreSwitcher
            activeId={session.store.id}
            stores={session.memberships.map((m) => ({ id: m.store.id, name: m.store.name, role: m.role }))}
          />
          <div className="flex items-center gap-3">
            <LanguageSwitcher />
            <UserMenu name={session.user.name} email={session.user.email} role={session.role} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
