import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { getSessionState } from "@/lib/auth/session";

export default async function NoStorePage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/login");
  if (state.status === "ok") redirect("/");
  const t = await getTranslations("noStore");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <EmptyState title={t("title")} description={t("description")} />
    </main>
  );
}
