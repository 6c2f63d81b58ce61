"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { switchStore } from "@/lib/actions/session";

export type StoreOption = { id: number; name: string; role: string };

export function StoreSwitcher({ stores, activeId }: { stores: StoreOption[]; activeId: number }) {
  const t = useTranslations("storeSwitcher");
  const tRoles = useTranslations("common.roles");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="store-switcher" className="sr-only">
        {t("label")}
      </label>
      <select
        id="store-switcher"
        data-testid="store-switcher"
        value={activeId}
        disabled={pending}
        onChange={(e) => {
          const storeId = e.target.value;
          setError(null);
          startTransition(async () => {
            const result = await switchStore({ storeId });
            if (!result.ok) {
              setError(result.error === "forbidden" ? t("refused") : t("failed"));
              return;
            }
            router.refresh();
          });
        }}
        className="h-9 max-w-[16rem] rounded-md border border-[var(--color-border)] bg-white px-2 text-sm font-medium"
      >
        {stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} · {tRoles(s.role as "owner")}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" data-testid="store-switch-error" className="text-xs text-[var(--color-negative)]">
          {error}
        </span>
      ) : null}
    </div>
  );
}
