"use client";
import { Eye } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revealCustomerContact, type CustomerContact } from "@/lib/actions/customers";
import { useHydrated } from "@/lib/hooks/use-hydrated";

/** Owner-only control: shows the unmasked contact details after the server has logged the request. */
export function RevealContact({ customerId }: { customerId: number }) {
  const t = useTranslations("customer");
  const tErrors = useTranslations("errors");
  const [contact, setContact] = useState<CustomerContact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  if (contact) {
    return (
      <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="revealed-contact">
        <p className="font-medium">{contact.name}</p>
        <p>{contact.email}</p>
        <p>{contact.phone}</p>
        <p className="mt-1 text-xs text-amber-900">{t("revealed")}</p>
      </div>
    );
  }
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const id = new FormData(e.currentTarget).get("customerId");
        startTransition(async () => {
          const result = await revealCustomerContact({ customerId: String(id) });
          if (result.ok) setContact(result.data);
          else
            setError(
              result.error === "forbidden"
                ? t("revealRefused")
                : result.error === "not-found"
                  ? t("notFound")
                  : result.error === "unauthenticated"
                    ? tErrors("unauthenticated")
                    : tErrors("invalidInput"),
            );
        });
      }}
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending || !hydrated}>
        <Eye className="h-4 w-4" aria-hidden="true" />
        {t("reveal")}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-[var(--color-negative)]" data-testid="reveal-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
