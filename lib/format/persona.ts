// Display names of segments: the persona kind, numbered when two segments share one ("Regulars 2").
export type SegmentNaming = {
  segment: number;
  kind: string;
  ordinal: number | null;
  /** The name the language model wrote for the segment in the page's language, when it wrote one. */
  aiName?: string | undefined;
};

/** The page language's key in a run segment's AI text. */
export function aiLocale(locale: string): "zh-CN" | "en" {
  return locale === "en" ? "en" : "zh-CN";
}

export function nameSegments(
  segments: readonly { segment: number; persona: string; aiName?: string | undefined }[],
): Map<number, SegmentNaming> {
  const total = new Map<string, number>();
  for (const s of segments) total.set(s.persona, (total.get(s.persona) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<number, SegmentNaming>();
  for (const s of [...segments].sort((a, b) => a.segment - b.segment)) {
    const n = (seen.get(s.persona) ?? 0) + 1;
    seen.set(s.persona, n);
    out.set(s.segment, {
      segment: s.segment,
      kind: s.persona,
      ordinal: (total.get(s.persona) ?? 0) > 1 ? n : null,
      aiName: s.aiName,
    });
  }
  return out;
}
