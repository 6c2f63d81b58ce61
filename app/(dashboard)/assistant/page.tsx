import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PendingAnalysis } from "@/components/shell/pending-analysis";
import { requireSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("assistant") };
}

export default async function AssistantPage() {
  const { store } = await requireSession();
  return <PendingAnalysis area="assistant" storeId={store.id} />;
}
