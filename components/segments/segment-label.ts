import type { useTranslations } from "next-intl";
import type { SegmentNaming } from "@/lib/format/persona";

type Translator = ReturnType<typeof useTranslations<"personas">>;

/** "Loyal VIPs", or "Regulars 2" when a persona occurs twice; "Noise" for DBSCAN's −1. */
export function segmentLabel(naming: SegmentNaming | undefined, segment: number, t: Translator, noise: string): string {
  if (segment < 0) return noise;
  if (!naming) return `#${segment + 1}`;
  if (naming.aiName) return naming.aiName;
  const base = t(`kinds.${naming.kind as "vip"}`);
  return naming.ordinal ? `${base} ${naming.ordinal}` : base;
}
