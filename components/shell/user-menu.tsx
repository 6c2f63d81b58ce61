"use client";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DropdownMenu } from "radix-ui";
import { authClient } from "@/lib/auth/client";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  const t = useTranslations("common");
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const initial = [...name][0]?.toUpperCase() ?? "?";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t("userMenu")}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-[var(--color-ink)] text-sm font-semibold text-white"
      >
        {initial}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-[14rem] rounded-md border border-[var(--color-border)] bg-white p-1 text-sm shadow-lg"
        >
          <div className="px-3 py-2">
            <div className="font-medium">{name}</div>
            <div className="text-xs text-[var(--color-muted)]">{email}</div>
            <div className="mt-1 text-xs text-[var(--color-muted)]">
              {t("role")}: {t(`roles.${role as "owner"}`)}
            </div>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-[var(--color-border)]" />
          <DropdownMenu.Item
            disabled={signingOut}
            onSelect={async () => {
              setSigningOut(true);
              await authClient.signOut();
              router.replace("/login?reason=signed-out");
              router.refresh();
            }}
            className="flex cursor-pointer items-center gap-2 rounded px-3 py-2 outline-none data-[highlighted]:bg-gray-100"
          >
            <LogOut className="h-4 w-4" aria-hidden="true" />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
