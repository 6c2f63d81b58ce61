// Display names of segments: the persona kind, numbered when two segments share one ("Regulars 2").
export type SegmentNaming = { segment: number; kind: string; ordinal: number | null };

export function nameSegments(segments: readonly { segment: number; persona: string }[]): Map<number, SegmentNaming> {
  const total = new Map<string, number>();
  for (const s of segments) total.set(s.persona, (total.get(s.persona) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<number, SegmentNaming>();
  for (const s of [...segments].sort((a, b) => a.segment - b.segment)) {
    const n = (seen.get(s.persona) ?? 0) + 1;
    seen.set(s.persona, n);
    out.set(s.segment, { segment: s.segment, kind: s.persona, ordinal: (total.get(s.persona) ?? 0) > 1 ? n : null });
  }
  return out;
}
