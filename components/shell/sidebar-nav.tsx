"use client";
import {
  Bot,
  Database,
  Gift,
  LayoutDashboard,
  Megaphone,
  PieChart,
  Settings,
  TrendingUp,
  UserRound,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils/cn";

type NavKey =
  | "overview"
  | "data"
  | "segments"
  | "personas"
  | "customers"
  | "predictions"
  | "recommendations"
  | "campaigns"
  | "assistant"
  | "settings";

export const NAV_ITEMS: { key: NavKey; href: string; icon: LucideIcon }[] = [
  { key: "overview", href: "/", icon: LayoutDashboard },
  { key: "data", href: "/data", icon: Database },
  { key: "segments", href: "/segments", icon: PieChart },
  { key: "personas", href: "/personas", icon: UserRound },
  { key: "customers", href: "/customers", icon: Users },
  { key: "predictions", href: "/predictions", icon: TrendingUp },
  { key: "recommendations", href: "/recommendations", icon: Gift },
  { key: "campaigns", href: "/campaigns", icon: Megaphone },
  { key: "assistant", href: "/assistant", icon: Bot },
  { key: "settings", href: "/settings", icon: Settings },
];

export function SidebarNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("main")} className="flex flex-col gap-0.5 px-2">
      {NAV_ITEMS.map(({ key, href, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={key}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm transition-colors",
              active
                ? "bg-gray-100 font-semibold text-[var(--color-ink)]"
                : "text-[var(--color-muted)] hover:bg-gray-50 hover:text-[var(--color-ink)]",
            )}
          >
            <Icon className="h-4 w-4 shrink-0" aria-hidden="true" />
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
}
